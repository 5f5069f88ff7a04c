import Foundation
import Testing

/// #12.3: the site's daily ledger over HTTP (LED-01..07), with its refusals and denials.
@Suite("Site daily ledger (#12.3, LED-01..07)")
struct SiteLedgerTests {
    static func day(_ offset: Int) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let d = c.date(byAdding: .day, value: offset, to: Date())!
        let p = c.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", p.year!, p.month!, p.day!)
    }

    static func selfUse(_ item: String, _ q: Any, remark: String = "3号风机换件") -> [String: Any] {
        ["kind": "self_use", "itemId": item, "quantityOut": q, "remark": remark]
    }

    @Test func aKeeperWritesAndSubmitsTheDayAndTheAccountantPostsItIntoTheBooks() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10), f.line(f.gear, 3)])
            let today = Self.day(0)
            let created = try await app.call(.post, "/api/v1/site-ledgers", token: f.keeperA1, json: [
                "warehouseId": f.A1G, "date": today, "lines": [
                    Self.selfUse(f.bolt, 4), Self.selfUse(f.gear, "1"),
                    ["kind": "purchase", "itemId": f.bolt, "quantityIn": 5, "remark": "零星到货", "supplierId": f.supplier],
                    ["kind": "transfer_in", "itemId": f.gear, "quantityIn": 2, "remark": "调入", "reference": "DB-2026-000009"],
                ]])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.string("status") == "draft")
            #expect((created["actions"] as? [String])?.contains("submit") == true)

            // The keeper cannot post; the accountant cannot post a draft.
            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(id)/post", token: f.keeperA1).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(id)/post", token: f.accA).errorCode == "ledger_draft")

            let submitted = try await app.call(.post, "/api/v1/site-ledgers/\(id)/submit", token: f.keeperA1)
            #expect(submitted.status == .ok, "\(submitted.text)")
            #expect(submitted.string("status") == "submitted")
            #expect(submitted["late"] as? Bool == false)
            // Submitted: no more edits.
            #expect(try await app.call(.put, "/api/v1/site-ledgers/\(id)", token: f.keeperA1, json: ["lines": [Self.selfUse(f.bolt, 1)]]).status == .conflict)
            // Another department's accountant sees it (D16) but cannot post it.
            #expect(try await app.call(.get, "/api/v1/site-ledgers/\(id)", token: f.accB).status == .ok)
            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(id)/post", token: f.accB).status == .forbidden)

            let posted = try await app.call(.post, "/api/v1/site-ledgers/\(id)/post", token: f.accA, json: ["audit": true])
            #expect(posted.status == .ok, "\(posted.text)")
            #expect(posted.string("status") == "posted")
            let docs = try #require(posted["documents"] as? [[String: Any]])
            // One issue (self_use) and one receipt (purchase); the transfer receipt is booked by its transfer.
            #expect(docs.count == 2)
            #expect(Set(docs.compactMap { $0["reason"] as? String }) == ["self_use", "purchase"])
            #expect(docs.allSatisfy { $0["status"] as? String == "audited" })
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 11)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == 2)
            // The documents say where they come from.
            let issue = try await app.call(.get, "/api/v1/stock-documents/\(docs.first { $0["reason"] as? String == "self_use" }!["id"] as! String)", token: f.accA)
            #expect(issue.string("remark")?.contains("现场流水账 A1G \(today)") == true)
            #expect(issue.string("date") == today)
            // Posted once only.
            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(id)/post", token: f.accA).errorCode == "ledger_posted")
            // LED-06: the signed print is filed.
            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(id)/file", token: f.keeperA1).status == .ok)
            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(id)/file", token: f.keeperA1).errorCode == "ledger_filed")
        }
    }

    @Test func aPostingThatWouldTakeStockBelowZeroChangesNothing() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 2)])
            let r = try await app.call(.post, "/api/v1/site-ledgers", token: f.keeperA1, json: ["warehouseId": f.A1G, "date": Self.day(0), "lines": [Self.selfUse(f.bolt, 5)]])
            let id = try #require(r.string("id"), "\(r.text)")
            _ = try await app.call(.post, "/api/v1/site-ledgers/\(id)/submit", token: f.keeperA1)
            let posted = try await app.call(.post, "/api/v1/site-ledgers/\(id)/post", token: f.accA, json: ["audit": true])
            #expect(posted.errorCode == "stock_below_zero", "\(posted.text)")
            let after = try await app.call(.get, "/api/v1/site-ledgers/\(id)", token: f.accA)
            #expect(after.string("status") == "submitted")
            #expect((after["documents"] as? [Any])?.isEmpty == true)
            #expect(try await app.call(.get, "/api/v1/stock-documents?warehouseId=\(f.A1G)&reason=self_use", token: f.accA).items.isEmpty)
            // Without audit the day posts as drafts, which the accountant audits later.
            let drafted = try await app.call(.post, "/api/v1/site-ledgers/\(id)/post", token: f.accA)
            #expect((drafted["documents"] as? [[String: Any]])?.first?["status"] as? String == "saved", "\(drafted.text)")
        }
    }

    @Test func theLedgersRulesRefuseWhatTheProcedureForbids() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10)])
            func write(_ lines: [[String: Any]], date: String = Self.day(0), warehouse: String? = nil, token: String? = nil) async throws -> TestApp.Reply {
                try await app.call(.post, "/api/v1/site-ledgers", token: token ?? f.keeperA1, json: ["warehouseId": warehouse ?? f.A1G, "date": date, "lines": lines])
            }
            // LED-02: an issued item comes from the site's on-hand list (the gear was never held at A1G).
            let notHeld = try await write([Self.selfUse(f.gear, 1)])
            #expect(notHeld.errorCode == "item_not_on_site_list", "\(notHeld.text)")
            // LED-02: every column: a line without remark is refused on its field.
            let noRemark = try await write([Self.selfUse(f.bolt, 1, remark: " ")])
            #expect(noRemark.errorCode == "validation_failed")
            #expect((noRemark.json["error"] as? [String: Any])?["message"] as? String != nil)
            // LED-04: a transfer receipt names its transfer order; a shipment its packing list.
            #expect(try await write([["kind": "transfer_in", "itemId": f.bolt, "quantityIn": 1, "remark": "调入"]]).errorCode == "reference_required")
            #expect(try await write([["kind": "shipment", "itemId": f.bolt, "quantityOut": 1, "remark": "发往A2"]]).errorCode == "reference_required")
            // A line moves one way only, by more than zero.
            #expect(try await write([["kind": "self_use", "itemId": f.bolt, "quantityOut": 1, "quantityIn": 1, "remark": "x"]]).errorCode == "validation_failed")
            #expect(try await write([Self.selfUse(f.bolt, 0)]).errorCode == "validation_failed")
            // RCV-02: a purchase names its supplier.
            #expect(try await write([["kind": "purchase", "itemId": f.bolt, "quantityIn": 1, "remark": "到货"]]).errorCode == "validation_failed")
            // Not a day to come; not a damaged warehouse; one ledger per day.
            #expect(try await write([Self.selfUse(f.bolt, 1)], date: Self.day(2)).errorCode == "validation_failed")
            #expect(try await write([["kind": "transfer_in", "itemId": f.bolt, "quantityIn": 1, "remark": "x", "reference": "DB-1"]], warehouse: f.A1D).errorCode == "validation_failed")
            #expect(try await write([Self.selfUse(f.bolt, 1)]).status == .created)
            #expect(try await write([Self.selfUse(f.bolt, 1)]).errorCode == "ledger_day_exists")
            // Another site's keeper cannot write A1G's day; a department accountant of another department neither.
            #expect(try await write([Self.selfUse(f.bolt, 1)], date: Self.day(-3), token: f.keeperA2).status == .forbidden)
            #expect(try await write([Self.selfUse(f.bolt, 1)], date: Self.day(-3), token: f.accB).status == .forbidden)
            #expect(try await write([Self.selfUse(f.bolt, 1)], date: Self.day(-3), token: f.agent).status == .forbidden)
        }
    }

    @Test func aLateDayNeedsItsReasonAndTheDepartmentSeesLateAndMissingSites() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10)])
            let yesterday = Self.day(-1)
            let r = try await app.call(.post, "/api/v1/site-ledgers", token: f.keeperA1, json: ["warehouseId": f.A1G, "date": yesterday, "lines": [Self.selfUse(f.bolt, 1)]])
            let id = try #require(r.string("id"), "\(r.text)")
            let refused = try await app.call(.post, "/api/v1/site-ledgers/\(id)/submit", token: f.keeperA1)
            #expect(refused.errorCode == "late_reason_required", "\(refused.text)")
            let late = try await app.call(.post, "/api/v1/site-ledgers/\(id)/submit", token: f.keeperA1, json: ["lateReason": "风场断网，次日补报"])
            #expect(late["late"] as? Bool == true, "\(late.text)")
            #expect(late.string("lateReason") == "风场断网，次日补报")

            // LED-07: A1G late, A2G missing; B1G is not 业务部A's.
            let standing = try await app.call(.get, "/api/v1/reports/site-ledgers?date=\(yesterday)&orgUnitId=\(f.deptA)", token: f.accA)
            let byCode = Dictionary(uniqueKeysWithValues: standing.items.map { ($0["warehouseCode"] as! String, $0["standing"] as! String) })
            #expect(byCode == ["A1G": "late", "A2G": "missing"], "\(standing.text)")
            // A site keeper sees only its own site.
            let own = try await app.call(.get, "/api/v1/reports/site-ledgers?date=\(yesterday)", token: f.keeperA2)
            #expect(own.items.map { $0["warehouseCode"] as? String } == ["A2G"])
            #expect(try await app.call(.get, "/api/v1/reports/site-ledgers", token: f.agent).status == .forbidden)

            // The accountant sends it back with a comment; the keeper corrects and submits again.
            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(id)/return", token: f.accA).errorCode == "validation_failed")
            let back = try await app.call(.post, "/api/v1/site-ledgers/\(id)/return", token: f.accA, json: ["comment": "数量有误"])
            #expect(back.string("status") == "draft", "\(back.text)")
            #expect(try await app.call(.put, "/api/v1/site-ledgers/\(id)", token: f.keeperA1, json: ["lines": [Self.selfUse(f.bolt, 2)]]).status == .ok)
            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(id)/submit", token: f.keeperA1).string("status") == "submitted")
            // The list filters by status and scope.
            #expect(try await app.call(.get, "/api/v1/site-ledgers?status=submitted", token: f.keeperA1).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/site-ledgers", token: f.keeperA2).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/site-ledgers/\(id)", token: f.keeperA2).status == .forbidden)
        }
    }
}
