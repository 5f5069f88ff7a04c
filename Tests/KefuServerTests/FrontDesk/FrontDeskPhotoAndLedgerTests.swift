import Foundation
import KefuApp
import Testing

/// #14.4 leftovers: a stored bag's photo (FRD-05) and a held lost item's, only while open and only by the desk of the
/// record's unit; the gift ledger (FRD-04) with the balance after each move; the desk in `kefu demo`.
@Suite("Front desk photos, gift ledger and demo (#14.4, FRD-04, FRD-05)")
struct FrontDeskPhotoAndLedgerTests {
    static func photo(_ app: TestApp, _ token: String, _ id: String) async throws -> TestApp.Reply {
        try await app.call(.post, "/api/v1/attachments", token: token,
                           json: ["ownerKind": "front_desk_record", "ownerId": id, "label": "photo", "fileName": "bag.png", "data": MatrixRecords.pngBase64])
    }

    @Test func aStoredBagTakesAPhotoUntilItIsRetrieved() async throws {
        try await TestApp.run { app in
            let a = try await FrontDeskRegisterTests.actors(app)
            let bag = try await FrontDeskRegisterTests.record(app, a.desk.token, ["register": "bag_storage", "orgUnitId": a.f.cs, "personName": "刘",
                                                                                   "personPhone": "13700002222", "summary": "行李箱", "ref": "B3", "pieces": "1"])
            let id = try #require(bag.string("id"))
            // The desk of another unit neither adds nor reads it.
            #expect(try await Self.photo(app, a.outsideDesk.token, id).status == .forbidden)
            let added = try await Self.photo(app, a.desk.token, id)
            #expect(added.status == .created, "\(added.text)")
            let listed = try await app.call(.get, "/api/v1/attachments?ownerKind=front_desk_record&ownerId=\(id)", token: a.desk.token)
            #expect(listed.items.count == 1, "\(listed.text)")
            #expect(try await app.call(.get, "/api/v1/attachments?ownerKind=front_desk_record&ownerId=\(id)", token: a.outsideDesk.token).status == .forbidden)

            // The record page shows the photo and the upload while stored.
            let s = PageSession(app)
            _ = try await s.signIn("desk", "password-desk")
            let page = try await s.get("/front-desk/records/\(id)")
            #expect(page.text.contains("id=\"fd-photos\"") && page.text.contains("id=\"fd-photo-form\""), "\(page.text)")

            #expect(try await app.call(.post, "/api/v1/front-desk/records/\(id)/retrieve", token: a.desk.token, json: ["ticketNumber": "B3"]).status == .ok)
            let late = try await Self.photo(app, a.desk.token, id)
            #expect(late.status == .conflict && late.errorCode == "invalid_state", "\(late.text)")
            let closed = try await s.get("/front-desk/records/\(id)")
            #expect(closed.text.contains("id=\"fd-photos\"") && !closed.text.contains("id=\"fd-photo-form\""))
        }
    }

    @Test func aHeldLostItemTakesAPhotoButAnInvoiceTakesNone() async throws {
        try await TestApp.run { app in
            let a = try await FrontDeskRegisterTests.actors(app)
            let lost = try #require(try await FrontDeskRegisterTests.record(app, a.desk.token,
                                                                             FrontDeskRegisterTests.lost(a.f.cs, foundOn: FrontDeskRegisterTests.day(0))).string("id"))
            #expect(try await Self.photo(app, a.desk.token, lost).status == .created)
            let invoice = try #require(try await FrontDeskRegisterTests.record(app, a.desk.token, [
                "register": "invoice", "orgUnitId": a.f.cs, "personName": "赵", "personPhone": "13600005555", "summary": "某公司", "ref": "FP-1", "amount": "100.00",
            ]).string("id"))
            let refused = try await Self.photo(app, a.desk.token, invoice)
            #expect(refused.status == .conflict && refused.errorCode == "invalid_state", "\(refused.text)")
            let s = PageSession(app)
            _ = try await s.signIn("desk", "password-desk")
            #expect(!(try await s.get("/front-desk/records/\(invoice)")).text.contains("id=\"fd-photo-section\""))
        }
    }

    @Test func theGiftLedgerShowsEachMoveWithTheBalanceAfterIt() async throws {
        try await TestApp.run { app in
            let a = try await FrontDeskRegisterTests.actors(app)
            for quantity in ["5", "3"] {
                #expect(try await app.call(.post, "/api/v1/front-desk/gift-receipts", token: a.desk.token,
                                           json: ["gift": "保温杯", "quantity": quantity, "orgUnitId": a.f.cs, "note": "市场部"]).status == .created)
            }
            let handout = try await FrontDeskRegisterTests.record(app, a.desk.token, ["register": "gift_handout", "orgUnitId": a.f.cs, "personName": "陈",
                                                                                       "personPhone": "13600001111", "summary": "保温杯", "quantity": 2, "ref": "POS-9"])
            #expect(handout.status == .created, "\(handout.text)")
            let gift = "保温杯".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let ledger = try await app.call(.get, "/api/v1/front-desk/gift-ledger?orgUnitId=\(a.f.cs)&gift=\(gift)", token: a.desk.token)
            #expect(ledger.status == .ok, "\(ledger.text)")
            #expect(ledger["balance"] as? Int == 6)
            let moves = (ledger["moves"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
            // Newest first: the hand-out (−2 → 6), then the receipts (+3 → 8, +5 → 5).
            #expect(moves.map { $0["quantity"] as? Int } == [-2, 3, 5], "\(ledger.text)")
            #expect(moves.map { $0["balanceAfter"] as? Int } == [6, 8, 5], "\(ledger.text)")
            #expect(moves.first?["recordNumber"] as? String == handout.string("number"))
            // Paged: one move per page, the second page is the second move.
            let second = try await app.call(.get, "/api/v1/front-desk/gift-ledger?orgUnitId=\(a.f.cs)&gift=\(gift)&per=1&page=2", token: a.desk.token)
            #expect(((second["moves"] as? [String: Any])?["items"] as? [[String: Any]])?.first?["balanceAfter"] as? Int == 8, "\(second.text)")
            #expect((second["moves"] as? [String: Any])?["total"] as? Int == 3)
            // Another unit's desk is refused; a missing gift is a clear 400/422; an unknown gift 404.
            #expect(try await app.call(.get, "/api/v1/front-desk/gift-ledger?orgUnitId=\(a.f.cs)&gift=\(gift)", token: a.outsideDesk.token).status == .forbidden)
            let noGift = try await app.call(.get, "/api/v1/front-desk/gift-ledger?orgUnitId=\(a.f.cs)", token: a.desk.token)
            #expect([.badRequest, .unprocessableContent].contains(noGift.status) && noGift.text.contains("gift"), "\(noGift.text)")
            #expect(try await app.call(.get, "/api/v1/front-desk/gift-ledger?orgUnitId=\(a.f.cs)&gift=x", token: a.desk.token).status == .notFound)

            // The page: linked from the stock, one row per move, the balance shown.
            let s = PageSession(app)
            _ = try await s.signIn("desk", "password-desk")
            #expect(try await s.get("/front-desk/gift-stock").text.contains("class=\"fd-gift-ledger-link\""))
            let page = try await s.get("/front-desk/gift-stock/ledger?unit=\(a.f.cs)&gift=\(gift)")
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "class=\"fd-gift-move\"").count == 4, "\(page.text)")
            #expect(page.text.contains("id=\"fd-gift-ledger-balance\">6<"))
        }
    }

    @Test func demoGivesTheDeskItsRegistersOnce() async throws {
        try await TestApp.run { app in
            let loaded = try await DemoData.load(store: app.store, password: "demo-pass-1")
            #expect(loaded.contains("front desk record SW-"), "\(loaded)")
            let clerk = try await app.token("xuqing", "demo-pass-1")
            let records = try await app.call(.get, "/api/v1/front-desk/records?per=50", token: clerk)
            #expect(records["total"] as? Int == 5, "\(records.text)")
            let stock = try await app.call(.get, "/api/v1/front-desk/gift-stock", token: clerk)
            #expect((stock["items"] as? [[String: Any]])?.first?["balance"] as? Int == 48, "\(stock.text)")
            _ = try await DemoData.load(store: app.store, password: "demo-pass-1")
            #expect(try await app.call(.get, "/api/v1/front-desk/records?per=50", token: clerk)["total"] as? Int == 5)
        }
    }
}
