import Foundation
import Hummingbird
import KefuPlatform
import SQLKit
import Testing

/// #14.4 front desk registers over HTTP (FRD-02..07): each register's steps and refusals — a claim without the ID
/// checked, a retrieval with a wrong tag, a hand-out beyond the gift stock, a hand-over inside the holding period, a
/// desk outside the caller's unit, a caller without the desk role — and the one way of listing and searching.
@Suite("Front desk registers (#14.4, FRD-02..07)")
struct FrontDeskRegisterTests {
    struct Actors {
        let f: OrgFixture
        let desk: (id: String, token: String)
        let outsideDesk: (id: String, token: String)
    }

    static func actors(_ app: TestApp) async throws -> Actors {
        let f = try await OrgFixture.make(app)
        return Actors(f: f, desk: try await app.createUser(f.admin, "desk", roles: ["front_desk"], unitId: f.cs),
                      outsideDesk: try await app.createUser(f.admin, "qadesk", roles: ["front_desk"], unitId: f.qa))
    }

    static func record(_ app: TestApp, _ token: String, _ body: [String: Any]) async throws -> TestApp.Reply {
        try await app.call(.post, "/api/v1/front-desk/records", token: token, json: body)
    }

    static func day(_ offset: Int) -> String {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
    }

    static func lost(_ unit: String, foundOn: String) -> [String: Any] {
        ["register": "lost_property", "orgUnitId": unit, "personName": "保洁 张", "personPhone": "13800001111", "summary": "黑色钱包", "foundOn": foundOn,
         "foundAt": "一楼中庭", "storagePlace": "服务台保险柜", "noticeDepartment": "保安部"]
    }

    @Test func aFoundItemIsClaimedOnlyWithTheClaimantsIdChecked() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let created = try await Self.record(app, a.desk.token, Self.lost(a.f.cs, foundOn: Self.day(0)))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.string("status") == "held")
            #expect(created.string("number")?.range(of: #"^SW-\d{4}-000001$"#, options: .regularExpression) != nil, "\(created.text)")
            #expect((created["actions"] as? [String]) == ["claim", "hand-over"])
            let id = try #require(created.string("id"))
            // A required field of the register's own is refused with its name.
            var missing = Self.lost(a.f.cs, foundOn: Self.day(0))
            missing["storagePlace"] = nil
            let refused = try await Self.record(app, a.desk.token, missing)
            #expect(refused.status == .unprocessableContent || refused.status == .badRequest, "\(refused.text)")
            #expect(refused.text.contains("storagePlace"), "\(refused.text)")

            let unchecked = try await app.call(.post, "/api/v1/front-desk/records/\(id)/claim", token: a.desk.token,
                                               json: ["claimantName": "王芳", "claimantPhone": "13900002222", "idNumber": "110101199001011234"])
            #expect(unchecked.status == .unprocessableContent && unchecked.errorCode == "id_not_checked", "\(unchecked.text)")
            let noNumber = try await app.call(.post, "/api/v1/front-desk/records/\(id)/claim", token: a.desk.token,
                                              json: ["claimantName": "王芳", "claimantPhone": "13900002222", "idChecked": true])
            #expect(noNumber.status == .unprocessableContent && noNumber.errorCode == "id_number_required", "\(noNumber.text)")
            // Inside the 30 days an unclaimed item is not handed over.
            let early = try await app.call(.post, "/api/v1/front-desk/records/\(id)/hand-over", token: a.desk.token, json: ["receivedBy": "派出所 李警官"])
            #expect(early.status == .conflict && early.errorCode == "holding_period", "\(early.text)")

            let claimed = try await app.call(.post, "/api/v1/front-desk/records/\(id)/claim", token: a.desk.token,
                                             json: ["claimantName": "王芳", "claimantPhone": "139-0000-2222", "idType": "id_card", "idNumber": "110101199001011234", "idChecked": true])
            #expect(claimed.status == .ok, "\(claimed.text)")
            #expect(claimed.string("status") == "claimed")
            #expect(claimed.string("closerName") == "王芳")
            #expect((claimed["closeFields"] as? [String: String])?["idNumber"] == "110101199001011234")
            let again = try await app.call(.post, "/api/v1/front-desk/records/\(id)/claim", token: a.desk.token,
                                           json: ["claimantName": "王芳", "claimantPhone": "13900002222", "idNumber": "1", "idChecked": true])
            #expect(again.status == .conflict && again.errorCode == "invalid_state", "\(again.text)")
            // Searched by the claimant's phone, typed with dashes.
            let found = try await app.call(.get, "/api/v1/front-desk/records?register=lost_property&q=13900002222", token: a.desk.token)
            #expect(found["total"] as? Int == 1, "\(found.text)")
        }
    }

    @Test func anItemUnclaimedForThirtyDaysIsHandedOver() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let id = try #require(try await Self.record(app, a.desk.token, Self.lost(a.f.cs, foundOn: Self.day(-31))).string("id"))
            let handed = try await app.call(.post, "/api/v1/front-desk/records/\(id)/hand-over", token: a.desk.token, json: ["receivedBy": "派出所 李警官"])
            #expect(handed.status == .ok, "\(handed.text)")
            #expect(handed.string("status") == "handed_over")
            #expect(handed.string("closerName") == "派出所 李警官")
        }
    }

    @Test func aBagIsRetrievedOnlyWithItsTagAndIsOverdueAfterClosing() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let bag: [String: Any] = ["register": "bag_storage", "orgUnitId": a.f.cs, "personName": "刘", "personPhone": "13700002222", "summary": "购物袋 2 个",
                                      "ref": "A 12", "pieces": "2"]
            let stored = try await Self.record(app, a.desk.token, bag)
            #expect(stored.status == .created, "\(stored.text)")
            #expect(stored.string("number")?.hasPrefix("JC-") == true)
            let id = try #require(stored.string("id"))
            // The same tag is not handed out twice while its bag is stored.
            let twice = try await Self.record(app, a.desk.token, bag)
            #expect(twice.status == .conflict && twice.errorCode == "tag_in_use", "\(twice.text)")
            // Found by its tag number (normalised: spaces, full-width, case).
            let byTag = try await app.call(.get, "/api/v1/front-desk/records?register=bag_storage&q=a12", token: a.desk.token)
            #expect(byTag["total"] as? Int == 1, "\(byTag.text)")

            // Moved to yesterday by writing its day: not collected by closing, so overdue.
            try await app.store.write { db in try await db.raw("UPDATE front_desk_records SET recorded_on = \(bind: Self.day(-1)) WHERE id = \(bind: id)").run() }
            let overdue = try await app.call(.get, "/api/v1/front-desk/records?register=bag_storage&overdue=1", token: a.desk.token)
            #expect(overdue["total"] as? Int == 1, "\(overdue.text)")
            #expect(try await app.call(.get, "/api/v1/front-desk/records/\(id)", token: a.desk.token)["overdue"] as? Bool == true)

            let wrong = try await app.call(.post, "/api/v1/front-desk/records/\(id)/retrieve", token: a.desk.token, json: ["ticketNumber": "A13"])
            #expect(wrong.status == .unprocessableContent && wrong.errorCode == "ticket_mismatch", "\(wrong.text)")
            let retrieved = try await app.call(.post, "/api/v1/front-desk/records/\(id)/retrieve", token: a.desk.token, json: ["ticketNumber": "ａ１２"])
            #expect(retrieved.status == .ok, "\(retrieved.text)")
            #expect(retrieved.string("status") == "retrieved")
            #expect(retrieved["overdue"] as? Bool == false)
            // The tag is free again.
            #expect(try await Self.record(app, a.desk.token, bag).status == .created)
        }
    }

    @Test func giftsAreHandedOutOnlyFromStock() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let handout: [String: Any] = ["register": "gift_handout", "orgUnitId": a.f.cs, "personName": "陈", "personPhone": "13600001111", "summary": "保温杯",
                                          "quantity": 2, "ref": "POS-0001"]
            let none = try await Self.record(app, a.desk.token, handout)
            #expect(none.status == .conflict && none.errorCode == "insufficient_stock", "\(none.text)")
            let received = try await app.call(.post, "/api/v1/front-desk/gift-receipts", token: a.desk.token, json: ["gift": "保温杯", "quantity": "3", "orgUnitId": a.f.cs])
            #expect(received.status == .created, "\(received.text)")
            #expect(received["balance"] as? Int == 3)
            #expect(try await Self.record(app, a.desk.token, handout).status == .created)
            let beyond = try await Self.record(app, a.desk.token, handout)
            #expect(beyond.status == .conflict && beyond.errorCode == "insufficient_stock", "\(beyond.text)")
            let stock = try await app.call(.get, "/api/v1/front-desk/gift-stock", token: a.desk.token)
            let items = stock["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1 && items.first?["balance"] as? Int == 1, "\(stock.text)")
        }
    }

    @Test func theSimpleRegistersKeepTheirOwnFields() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let invoice = try await Self.record(app, a.desk.token, ["register": "invoice", "orgUnitId": a.f.cs, "personName": "周", "summary": "某某科技有限公司",
                                                                    "ref": "04400123", "amount": "3,500.5"])
            #expect(invoice.status == .created, "\(invoice.text)")
            #expect((invoice["fields"] as? [String: String])?["amount"] == "3500.50", "exact yuan: \(invoice.text)")
            let badAmount = try await Self.record(app, a.desk.token, ["register": "invoice", "orgUnitId": a.f.cs, "personName": "周", "summary": "X", "ref": "1", "amount": "12.345"])
            #expect(badAmount.status == .unprocessableContent || badAmount.status == .badRequest, "\(badAmount.text)")
            let card = try await Self.record(app, a.desk.token, ["register": "membership_card", "orgUnitId": a.f.cs, "personName": "赵", "personPhone": "13600003333",
                                                                 "summary": "金卡", "applicantKind": "organisation", "organisation": "某某公司"])
            #expect(card.string("status") == "applied", "\(card.text)")
            let cardId = try #require(card.string("id"))
            let issued = try await app.call(.post, "/api/v1/front-desk/records/\(cardId)/issue-card", token: a.desk.token, json: ["cardNumber": "VIP-0001"])
            #expect(issued.string("status") == "issued", "\(issued.text)")
            let wrongStep = try await app.call(.post, "/api/v1/front-desk/records/\(cardId)/retrieve", token: a.desk.token, json: ["ticketNumber": "1"])
            #expect(wrongStep.status == .conflict, "\(wrongStep.text)")
            let broadcast = try await Self.record(app, a.desk.token, ["register": "broadcast", "orgUnitId": a.f.cs, "personName": "市场部", "summary": "寻人广播",
                                                                      "channel": "broadcast", "occurredOn": Self.day(0)])
            #expect(broadcast.string("number")?.hasPrefix("GB-") == true, "\(broadcast.text)")
            // One list for every register, searched by date range.
            let all = try await app.call(.get, "/api/v1/front-desk/records?from=\(Self.day(-1))&to=\(Self.day(1))", token: a.desk.token)
            #expect(all["total"] as? Int == 3, "\(all.text)")
            let none = try await app.call(.get, "/api/v1/front-desk/records?to=\(Self.day(-2))", token: a.desk.token)
            #expect(none["total"] as? Int == 0, "\(none.text)")
        }
    }

    @Test func outOfScopeAndWithoutTheRoleIsRefused() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let id = try #require(try await Self.record(app, a.desk.token, Self.lost(a.f.cs, foundOn: Self.day(0))).string("id"))
            // Another unit's desk neither sees nor claims it, nor records for this unit.
            #expect(try await app.call(.get, "/api/v1/front-desk/records/\(id)", token: a.outsideDesk.token).status == .forbidden)
            let claim = try await app.call(.post, "/api/v1/front-desk/records/\(id)/claim", token: a.outsideDesk.token,
                                           json: ["claimantName": "王", "claimantPhone": "139", "idNumber": "1", "idChecked": true])
            #expect(claim.status == .forbidden, "\(claim.text)")
            #expect(try await Self.record(app, a.outsideDesk.token, Self.lost(a.f.cs, foundOn: Self.day(0))).status == .forbidden)
            let theirs = try await app.call(.get, "/api/v1/front-desk/records", token: a.outsideDesk.token)
            #expect(theirs["total"] as? Int == 0, "\(theirs.text)")
            // A customer-service agent without the desk role is refused.
            #expect(try await app.call(.get, "/api/v1/front-desk/records", token: a.f.agent.token).status == .forbidden)
            #expect(try await Self.record(app, a.f.agent.token, Self.lost(a.f.cs, foundOn: Self.day(0))).status == .forbidden)
        }
    }

    @Test func theRegisterPagesListExportAndFindByNumber() async throws {
        try await TestApp.run { app in
            let a = try await Self.actors(app)
            let created = try await Self.record(app, a.desk.token, Self.lost(a.f.cs, foundOn: Self.day(0)))
            let number = try #require(created.string("number"))
            let s = PageSession(app)
            _ = try await s.signIn("desk", "password-desk")
            let page = try await s.get("/front-desk/lost-property")
            #expect(page.status == .ok)
            #expect(page.text.contains(number))
            let empty = try await s.get("/front-desk/bag-storage")
            #expect(empty.text.contains("id=\"empty-state\""))
            let csv = try await s.get("/front-desk/lost-property/export?format=csv")
            #expect(csv.status == .ok)
            #expect(csv.text.contains(number) && csv.text.contains("保安部"), "\(csv.text)")
            let search = try await app.call(.get, "/api/v1/search?q=\(number)", token: a.desk.token)
            #expect(search.text.contains(number), "\(search.text)")
            // FRD-01: the desk home links to a walk-in ticket, and the ticket form opens on that channel.
            #expect(try await s.get("/front-desk").text.contains("/tickets/new?channel=walk_in"))
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            #expect(try await agent.get("/tickets/new?channel=walk_in").text.contains("<option value=\"walk_in\" selected>"))
        }
    }
}
