import Foundation
import Testing

/// #11.1: `GET /api/v1/search` and `/search` find records by what people know, within the caller's rights and scope.
@Suite("Quick search by numbers, names, phones and codes (#11.1)")
struct QuickSearchTests {
    static func search(_ app: TestApp, _ token: String, _ q: String, kinds: String? = nil) async throws -> [[String: Any]] {
        var path = "/api/v1/search?q=" + q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        if let kinds { path += "&kinds=" + kinds }
        let reply = try await app.call(.get, path, token: token)
        #expect(reply.status == .ok, "\(q): \(reply.text)")
        return reply.items
    }

    static func found(_ items: [[String: Any]], _ kind: String) -> [String] {
        items.filter { $0["kind"] as? String == kind }.compactMap { $0["id"] as? String }
    }

    @Test func ticketsByWholeNumberOrRunningNumberWithinScope() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let first = try await app.createTicket(org.agent.token, subject: "齿轮箱漏油", extra: ["customer": ["name": "华能风场", "phone": "13800138000"]])
            let id = first.string("id")!, number = first.string("number")!
            #expect(number.hasSuffix("-000001"), "\(number)")
            let second = try await app.createTicket(org.agent.token, subject: "叶片裂纹").string("id")!
            let t = org.agent.token
            for form in [number, number.lowercased(), "1", "000001", String(number.dropLast(6)) + "1",
                         number.replacingOccurrences(of: "-", with: "－").replacingOccurrences(of: "0", with: "０")] {
                let items = try await Self.search(app, t, form)
                #expect(Self.found(items, "ticket") == [id], "\(form)")
                let hit = items.first { $0["kind"] as? String == "ticket" }
                #expect(hit?["number"] as? String == number)
                #expect(hit?["title"] as? String == "齿轮箱漏油")
                #expect(hit?["href"] as? String == "/tickets/\(id)")
            }
            #expect(Self.found(try await Self.search(app, t, "2"), "ticket") == [second])
            #expect(Self.found(try await Self.search(app, t, "3"), "ticket").isEmpty)
            #expect(Self.found(try await Self.search(app, t, "KF1999-000001"), "ticket").isEmpty)

            // A unit outside the ticket's: the same number finds nothing; the administrator at the root finds it.
            let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "outsider", roles: ["cs_agent"], unitId: other)
            #expect(Self.found(try await Self.search(app, outsider.token, number), "ticket").isEmpty)
            #expect(Self.found(try await Self.search(app, org.admin, number), "ticket") == [id])
            // QA sees the ticket once it is forwarded to QA, as the ticket list.
            #expect(Self.found(try await Self.search(app, org.qaUser.token, number), "ticket").isEmpty)
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/forward", token: t, json: ["toOrgUnitId": org.qa])
            #expect(Self.found(try await Self.search(app, org.qaUser.token, number), "ticket") == [id])
        }
    }

    @Test func customersByNamePhoneAndEmailAsTheRegisterAllows() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            _ = try await app.createTicket(org.agent.token, subject: "变桨故障",
                                           extra: ["customer": ["name": "龙源电力张家口风场", "phone": "138-0013-8000", "email": "Ops@LongYuan.example"]])
            let sup = org.supervisor.token
            let byName = Self.found(try await Self.search(app, sup, "龙源"), "customer")
            #expect(byName.count == 1)
            #expect(Self.found(try await Self.search(app, sup, "龙源电力张家口风场"), "customer") == byName)
            #expect(Self.found(try await Self.search(app, sup, "13800138000"), "customer") == byName)
            #expect(Self.found(try await Self.search(app, sup, "138 0013 8000"), "customer") == byName)
            #expect(Self.found(try await Self.search(app, sup, "ops@longyuan.example"), "customer") == byName)
            #expect(Self.found(try await Self.search(app, sup, "张家口"), "customer").isEmpty)  // a prefix, not any substring
            #expect(Self.found(try await Self.search(app, sup, "1380013"), "customer").isEmpty)  // the whole number only
            // An agent may look a caller up by the whole number, not walk the register by name.
            #expect(Self.found(try await Self.search(app, org.agent.token, "13800138000"), "customer") == byName)
            #expect(Self.found(try await Self.search(app, org.agent.token, "龙源"), "customer").isEmpty)
            // Outside the scope of the unit that knows the customer: nothing.
            let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "sup2", roles: ["cs_supervisor"], unitId: other)
            #expect(Self.found(try await Self.search(app, outsider.token, "龙源"), "customer").isEmpty)
            #expect(Self.found(try await Self.search(app, outsider.token, "13800138000"), "customer").isEmpty)
        }
    }

    @Test func usersForStaffPickers() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let items = try await Self.search(app, org.agent.token, "super", kinds: "user")
            #expect(Self.found(items, "user") == [org.supervisor.id])
            #expect(items.first?["number"] as? String == "supervisor")
            #expect(Self.found(try await Self.search(app, org.agent.token, "SUPER", kinds: "user"), "user") == [org.supervisor.id])
            // kinds=user: nothing of another kind comes back.
            #expect(try await Self.search(app, org.agent.token, "1", kinds: "user").allSatisfy { $0["kind"] as? String == "user" })
        }
    }

    @Test func aftersalesByNumberAndSerialWithinScope() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let repair = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, [
                "customer": ["name": "金风某风电场"], "model": "变桨控制器 PC-300",
                "units": [["serialNumber": "PC3-0001", "defect": "上电无显示"], ["serialNumber": "PC3-0002", "defect": "通讯中断"]]])
            let repairId = repair.string("id")!, repairNumber = repair.string("number")!
            let ret = try await app.expect(.created, .post, "/api/v1/returns", o.agent.token, [
                "kind": "return", "model": "SL1500 变频器", "serialNumber": "VF-77", "shippedAt": "2026-10-01", "reason": "过热停机", "qualityIssue": true])
            let returnId = ret.string("id")!, returnNumber = ret.string("number")!
            #expect(Self.found(try await Self.search(app, o.agent.token, repairNumber), "repair") == [repairId])
            #expect(Self.found(try await Self.search(app, o.agent.token, "pc3-0002"), "repair") == [repairId])
            #expect(Self.found(try await Self.search(app, o.agent.token, returnNumber), "return") == [returnId])
            #expect(Self.found(try await Self.search(app, o.agent.token, "VF-77"), "return") == [returnId])
            // A customer-service agent of another unit does not see this unit's after-sales records.
            let other = try await app.createUnit(o.admin, code: "CS2", name: "客服二部", parentId: o.root)
            let outsider = try await app.createUser(o.admin, "outsider", roles: ["cs_agent"], unitId: other)
            #expect(Self.found(try await Self.search(app, outsider.token, repairNumber), "repair").isEmpty)
            #expect(Self.found(try await Self.search(app, outsider.token, "VF-77"), "return").isEmpty)
        }
    }

    @Test func materialsByCodeNameAndDocumentNumber() async throws {
        try await TestApp.run { app in
            let m = try await MaterialsFixture.make(app)
            #expect(Self.found(try await Self.search(app, m.accA, "BOLT"), "item") == [m.bolt])
            #expect(Self.found(try await Self.search(app, m.accA, "bolt-m"), "item") == [m.bolt])
            #expect(Self.found(try await Self.search(app, m.accA, "齿轮"), "item") == [m.gear])
            let doc = try await m.document(app, m.accA, direction: "in", reason: "purchase", warehouse: m.A1G, lines: [m.line(m.bolt, 5)], extra: ["supplierId": m.supplier])
            let number = doc.string("number")!
            #expect(Self.found(try await Self.search(app, m.accA, number), "stock_document") == [doc.string("id")!])
            // D16: the keeper of site A2 does not see site A1's warehouse; accountants see every department; a
            // customer-service agent sees no books.
            #expect(Self.found(try await Self.search(app, m.keeperA2, number), "stock_document").isEmpty)
            #expect(Self.found(try await Self.search(app, m.keeperA1, number), "stock_document") == [doc.string("id")!])
            #expect(try await Self.search(app, m.agent, "BOLT").filter { ["item", "stock_document"].contains($0["kind"] as? String) }.isEmpty)
        }
    }

    @Test func refusesBadInputAndCustomers() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            for (path, code) in [("/api/v1/search?q=1&limit=0", "bad_limit"), ("/api/v1/search?q=1&limit=x", "bad_limit"),
                                 ("/api/v1/search?q=1&kinds=widget", "unknown_kind"),
                                 ("/api/v1/search?q=" + String(repeating: "a", count: 101), "query_too_long")] {
                let r = try await app.call(.get, path, token: org.agent.token)
                #expect(r.status == .badRequest, "\(path): \(r.text)")
                #expect(r.errorCode == code, "\(path): \(r.text)")
                #expect(r.errorMessage?.isEmpty == false)
            }
            #expect(try await app.call(.get, "/api/v1/search?q=1").status == .unauthorized)
            let empty = try await app.call(.get, "/api/v1/search?q=%20", token: org.agent.token)
            #expect(empty.status == .ok && empty.items.isEmpty)
            let customer = try await app.createTicket(org.agent.token, subject: "x", extra: ["customer": ["name": "客户甲", "phone": "13900001111"]])
            let customerUser = try await app.createUser(org.admin, "kehu", roles: ["customer"], unitId: org.root,
                                                        customerId: (customer["customer"] as? [String: Any])?["id"] as? String)
            #expect(try await app.call(.get, "/api/v1/search?q=1", token: customerUser.token).status == .forbidden)
        }
    }

    @Test func searchPageGroupsHitsWithLinksAndSaysWhenNothingIsFound() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let ticket = try await app.createTicket(org.agent.token, subject: "偏航异响", extra: ["customer": ["name": "大唐风场", "phone": "13700001234"]])
            let s = PageSession(app)
            _ = try await s.signIn("supervisor", "password-supervisor")
            let page = try await s.get("/search?q=" + ticket.string("number")!)
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"search-ticket\""))
            #expect(page.text.contains("href=\"/tickets/\(ticket.string("id")!)\""))
            #expect(page.text.contains("偏航异响"))
            let customers = try await s.get("/search?q=%E5%A4%A7%E5%94%90") // 大唐
            #expect(customers.text.contains("id=\"search-customer\"") && customers.text.contains("大唐风场"))
            let none = try await s.get("/search?q=KF1999-000009")
            #expect(none.text.contains("id=\"search-empty\"") && none.text.contains("没有找到"))
            let start = try await s.get("/search")
            #expect(start.status == .ok && start.text.contains("id=\"search-empty\""))
            let bad = try await s.get("/search?q=" + String(repeating: "a", count: 101))
            #expect(bad.status == .badRequest && bad.text.contains("搜索内容最多"))
        }
    }

    /// The fields that pointed to records by internal id take the numbers people know; the API keeps taking ids.
    @Test func formsTakeTicketNumbersPhonesAndUsernames() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let ticket = try await app.createTicket(o.agent.token, subject: "变频器报警", extra: ["customer": ["name": "某风场", "phone": "13600001111"]])
            let ticketId = ticket.string("id")!, number = ticket.string("number")!
            let repair = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token,
                                              ["ticketId": number, "model": "PC-300", "defect": "不开机"])
            #expect(repair.string("ticketId") == ticketId)
            #expect(repair.text.contains("某风场"))  // the customer comes from the ticket
            let byDigits = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, ["ticketId": "1", "model": "PC-300", "defect": "不开机"])
            #expect(byDigits.string("ticketId") == ticketId)
            try await app.expect(.notFound, .post, "/api/v1/repair-orders", o.agent.token, ["ticketId": "KF1999-000001", "model": "PC-300", "defect": "不开机"])
            let ret = try await app.expect(.created, .post, "/api/v1/returns", o.agent.token, [
                "kind": "return", "ticketId": number.lowercased(), "model": "M2", "shippedAt": "2026-10-01", "reason": "过热", "qualityIssue": true])
            #expect(ret.string("ticketId") == ticketId)
            let inv = try await app.expect(.created, .post, "/api/v1/survey-invitations", o.agent.token, ["ticketId": number])
            #expect(inv.string("occasion") == "ticket")
            let customerId = (ticket["customer"] as? [String: Any])?["id"] as? String
            let campaign = try await app.expect(.created, .post, "/api/v1/survey-campaigns", o.agent.token,
                                                ["name": "四季度", "quarter": "2026-Q4", "customerIds": ["13600001111"]])
            #expect((campaign["invitations"] as? [Any])?.count == 1)
            #expect(customerId != nil)
            try await app.expect(.notFound, .post, "/api/v1/survey-campaigns", o.agent.token, ["name": "x", "quarter": "2026-Q4", "customerIds": ["13600009999"]])
            // The red copy's salesperson by username; an unknown one is refused with the field named.
            let base = "/api/v1/returns/\(ret.string("id")!)"
            try await app.expect(.ok, .post, base + "/receive", o.agent.token)
            try await app.expect(.ok, .post, base + "/inspection", o.qaUser.token, ["report": "IGBT 击穿", "responsibility": "product"])
            let refused = try await app.call(.post, base + "/slip", token: o.agent.token, json: ["salespersonId": "nobody"])
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.errorCode == "validation_failed")
            let slip = try await app.expect(.ok, .post, base + "/slip", o.agent.token, ["salespersonId": "SalesRep"])
            #expect((slip["slip"] as? [String: Any])?["salespersonId"] as? String == f.sales.id)
        }
    }
}
