import Foundation
import Testing

/// #13.5 tool loans (LND-01, LND-02, LND-04): the site's keeper lends a tool of its on-hand list, the register shows it
/// open and then overdue, the site lead signs off the return (damaged: sent to repair), once; every denial.
@Suite("Tool loans (#13.5, LND-01/02/04)")
struct ToolLoanFlowTests {
    /// 现场A1's unit, its site lead, and five bolts on hand in A1G.
    struct Site {
        let f: MaterialsFixture
        let lead: (id: String, token: String)
        let leadA2: String
        let deptManagerB: String
    }

    static func site(_ app: TestApp) async throws -> Site {
        let f = try await MaterialsFixture.make(app)
        try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 5)])
        let warehouses = try await app.call(.get, "/api/v1/warehouses?per=100", token: f.hqMaterials)
        let unit = { (id: String) in (warehouses.items.first { $0["id"] as? String == id }?["orgUnitId"] as? String)! }
        return Site(f: f, lead: try await app.createUser(f.admin, "leada1", roles: ["site_lead"], unitId: unit(f.A1G)),
                    leadA2: try await app.createUser(f.admin, "leada2", roles: ["site_lead"], unitId: unit(f.A2G)).token,
                    deptManagerB: try await app.createUser(f.admin, "mgrb", roles: ["dept_manager"], unitId: f.deptB).token)
    }

    static func loan(_ f: MaterialsFixture, item: String? = nil, quantity: Any = 2, lentOn: String? = nil, dueOn: String = "2099-01-10", warehouse: String? = nil) -> [String: Any] {
        var body: [String: Any] = ["warehouseId": warehouse ?? f.A1G, "itemId": item ?? f.bolt, "quantity": quantity, "borrower": "王师傅", "workGroup": "检修一组",
                                   "purpose": "3号风机齿轮箱检修", "dueOn": dueOn]
        if let lentOn { body["lentOn"] = lentOn }
        return body
    }

    /// Today in the organisation's time zone (Asia/Shanghai), as the service counts it.
    static func today() -> Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return c.startOfDay(for: Date())
    }

    static func daysSince(_ iso: String) -> Int {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let f = DateFormatter()
        f.calendar = c; f.timeZone = c.timeZone; f.dateFormat = "yyyy-MM-dd"
        return c.dateComponents([.day], from: f.date(from: iso)!, to: today()).day!
    }

    @Test func theKeeperLendsTheRegisterShowsItAndTheLeadSignsOffTheReturn() async throws {
        try await TestApp.run { app in
            let s = try await Self.site(app)
            let f = s.f
            let lent = try await app.call(.post, "/api/v1/tool-loans", token: f.keeperA1, json: Self.loan(f, quantity: "2"))
            #expect(lent.status == .created, "\(lent.text)")
            let id = try #require(lent.string("id"))
            let number = try #require(lent.string("number"))
            #expect(number.hasPrefix("JY-") && number.hasSuffix("-000001"), "\(number)")
            #expect(lent.string("status") == "open")
            #expect(lent.json["quantity"] as? NSNumber == 2)
            #expect(lent.json["actions"] as? [String] == [], "the keeper does not sign off the return")
            // The register: open for the site, its department and HQ; not for another site or another department.
            for token in [f.keeperA1, s.lead.token, f.accA, f.hqMaterials] {
                let open = try await app.call(.get, "/api/v1/tool-loans?view=open", token: token)
                #expect(open.items.map { $0["id"] as? String } == [id], "\(open.text)")
            }
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=open", token: f.keeperA2).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=all", token: s.deptManagerB).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/tool-loans/\(id)", token: f.keeperA2).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/tool-loans/\(id)", token: s.deptManagerB).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=overdue", token: f.keeperA1).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/tool-loans/\(id)", token: s.lead.token).json["actions"] as? [String] == ["return"])
            // Found by its number, in scope only.
            let found = try await app.call(.get, "/api/v1/search?q=\(number)&kinds=tool_loan", token: f.keeperA1)
            #expect(found.items.map { $0["id"] as? String } == [id], "\(found.text)")
            #expect(try await app.call(.get, "/api/v1/search?q=\(number)&kinds=tool_loan", token: f.keeperA2).items.isEmpty)

            // Only the site lead signs off; a damaged tool says what is wrong and goes to repair (LND-04).
            #expect(try await app.call(.post, "/api/v1/tool-loans/\(id)/return", token: f.keeperA1, json: ["condition": "good"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/tool-loans/\(id)/return", token: s.leadA2, json: ["condition": "good"]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/tool-loans/\(id)/return", token: f.accA, json: ["condition": "good"]).status == .forbidden)
            let noNote = try await app.call(.post, "/api/v1/tool-loans/\(id)/return", token: s.lead.token, json: ["condition": "damaged"])
            #expect(noNote.status == .unprocessableContent && noNote.errorCode == "validation_failed", "\(noNote.text)")
            #expect(noNote.text.contains("\"note\""), "\(noNote.text)")
            let early = try await app.call(.post, "/api/v1/tool-loans/\(id)/return", token: s.lead.token, json: ["condition": "good", "returnedOn": "2020-01-01"])
            #expect(early.status == .unprocessableContent && early.text.contains("returnedOn"), "\(early.text)")
            let back = try await app.call(.post, "/api/v1/tool-loans/\(id)/return", token: s.lead.token, json: ["condition": "damaged", "note": "钳口崩裂"])
            #expect(back.status == .ok, "\(back.text)")
            #expect(back.string("status") == "returned")
            #expect(back.string("condition") == "damaged")
            #expect(back.json["sentToRepair"] as? Bool == true)
            #expect(back.string("signedOffBy") == s.lead.id)
            #expect(back.string("signedOffByName") == "用户leada1")
            #expect(back.string("signedOffAt") != nil)
            #expect(back.json["returnedQuantity"] as? NSNumber == 2)
            // Once only; it leaves the open list and stays in the history.
            let again = try await app.call(.post, "/api/v1/tool-loans/\(id)/return", token: s.lead.token, json: ["condition": "good"])
            #expect(again.status == .conflict && again.errorCode == "already_returned", "\(again.text)")
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=open", token: f.keeperA1).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=all", token: f.keeperA1).items.map { $0["id"] as? String } == [id])
            // The audit trail has both steps.
            let trail = try await app.call(.get, "/api/v1/audit-log?entity=tool_loan&entityId=\(id)", token: f.admin)
            let actions = trail.items.compactMap { $0["action"] as? String }
            #expect(actions.count == 2 && actions.contains { $0.hasSuffix("create") } && actions.contains { $0.hasSuffix("return") }, "\(trail.text)")
        }
    }

    @Test func aLoanNeverLendsMoreThanTheSiteHoldsLessWhatIsOut() async throws {
        try await TestApp.run { app in
            let s = try await Self.site(app)
            let f = s.f
            let first = try await app.call(.post, "/api/v1/tool-loans", token: f.keeperA1, json: Self.loan(f, quantity: 4))
            #expect(first.status == .created, "\(first.text)")
            let tooMany = try await app.call(.post, "/api/v1/tool-loans", token: s.lead.token, json: Self.loan(f, quantity: 2))
            #expect(tooMany.status == .unprocessableContent && tooMany.errorCode == "not_enough_on_site", "\(tooMany.text)")
            #expect(try await app.call(.post, "/api/v1/tool-loans", token: s.lead.token, json: Self.loan(f, quantity: 1)).status == .created)
            // Back in, it can be lent again.
            _ = try await app.call(.post, "/api/v1/tool-loans/\(first.string("id")!)/return", token: s.lead.token, json: ["condition": "good"])
            let second = try await app.call(.post, "/api/v1/tool-loans", token: f.keeperA1, json: Self.loan(f, quantity: 4))
            #expect(second.status == .created, "\(second.text)")
            #expect(second.string("number")!.hasSuffix("-000003"), "gapless: the refused loan took no number")
        }
    }

    @Test func theFormIsCheckedFieldByField() async throws {
        try await TestApp.run { app in
            let s = try await Self.site(app)
            let f = s.f
            func refused(_ body: [String: Any], _ field: String, code: String = "validation_failed") async throws {
                let r = try await app.call(.post, "/api/v1/tool-loans", token: f.keeperA1, json: body)
                #expect(r.status == .unprocessableContent && r.errorCode == code, "\(field): \(r.text)")
                #expect(r.text.contains("\"\(field)\""), "\(field): \(r.text)")
            }
            try await refused(Self.loan(f, quantity: 0), "quantity")
            try await refused(Self.loan(f, lentOn: "2026-11-20", dueOn: "2026-11-19"), "dueOn")
            try await refused(Self.loan(f, lentOn: "2099-01-01", dueOn: "2099-01-10"), "lentOn")
            try await refused(Self.loan(f, item: f.gear), "itemId", code: "item_not_on_site_list")
            var noBorrower = Self.loan(f)
            noBorrower["borrower"] = " "
            try await refused(noBorrower, "borrower")
            var noDue = Self.loan(f)
            noDue["dueOn"] = nil
            try await refused(noDue, "dueOn")
            // Tools are lent from the good-item warehouse only.
            try await refused(Self.loan(f, warehouse: f.A1D), "warehouseId")
        }
    }

    @Test func onlyTheSitesKeeperOrLeadLends() async throws {
        try await TestApp.run { app in
            let s = try await Self.site(app)
            let f = s.f
            for token in [f.keeperA2, s.leadA2, f.accA, f.hqMaterials, f.hqPlanner] {
                let r = try await app.call(.post, "/api/v1/tool-loans", token: token, json: Self.loan(f))
                #expect(r.status == .forbidden, "\(r.text)")
            }
            #expect(try await app.call(.get, "/api/v1/tool-loans", token: f.agent).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/tool-loans", token: f.agent, json: Self.loan(f)).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/tool-loans").status == .unauthorized)
            #expect(try await app.call(.post, "/api/v1/tool-loans", token: s.lead.token, json: Self.loan(f)).status == .created)
        }
    }

    /// LND-02: a loan past its due date is on the overdue list with its calendar days overdue.
    @Test func aPastDueLoanIsOverdueByCalendarDays() async throws {
        try await TestApp.run { app in
            let s = try await Self.site(app)
            let f = s.f
            let late = try await app.call(.post, "/api/v1/tool-loans", token: f.keeperA1, json: Self.loan(f, quantity: 1, lentOn: "2026-01-05", dueOn: "2026-01-10"))
            #expect(late.status == .created, "\(late.text)")
            #expect(late.json["daysOverdue"] as? Int == Self.daysSince("2026-01-10"), "\(late.text)")
            let onTime = try await app.call(.post, "/api/v1/tool-loans", token: f.keeperA1, json: Self.loan(f, quantity: 1))
            #expect(onTime.json["daysOverdue"] is NSNull || onTime.json["daysOverdue"] == nil, "\(onTime.text)")
            let overdue = try await app.call(.get, "/api/v1/tool-loans?view=overdue", token: f.accA)
            #expect(overdue.items.map { $0["id"] as? String } == [late.string("id")], "\(overdue.text)")
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=open", token: f.accA).items.count == 2)
            // Filters: the warehouse, a borrower's name, the loan date.
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=all&warehouseId=\(f.A2G)", token: f.accA).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=all&q=%E7%8E%8B", token: f.accA).items.count == 2)
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=all&from=2026-01-01&to=2026-01-31", token: f.accA).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/tool-loans?view=late", token: f.accA).status == .unprocessableContent)
            let paged = try await app.call(.get, "/api/v1/tool-loans?view=all&per=1&page=2", token: f.accA)
            #expect(paged.items.count == 1 && paged.json["total"] as? Int == 2, "\(paged.text)")
        }
    }
}
