import Foundation
import Testing

/// #13.1 item 1 (4.4 "the site's arrival confirmation closes it", ARR-01): an arrival check recorded against a material
/// request takes the request's lines as its expected quantities and its supplier; completing the check moves the request
/// to arrived and closed in the same transaction; each links the other.
@Suite("Material request ↔ arrival check (#13.1 item 1)")
struct ArrivalRequestLoopTests {
    typealias Signers = MaterialRequestFlowTests.Signers

    /// An urgent release for site A1 (REQ-09), ordered from the fixture's supplier: the goods are on their way.
    static func ordered(_ app: TestApp, _ s: Signers) async throws -> (id: String, number: String) {
        let r = try await app.call(.post, "/api/v1/material-requests", token: s.plannerA, json: [
            "orgUnitId": s.siteA1, "kind": "consumable", "reason": "停机抢修", "urgentRelease": true, "lines": [s.f.line(s.f.bolt, 20)]])
        #expect(r.status == .created, "\(r.text)")
        let id = try #require(r.string("id"))
        #expect(try await MaterialRequestFlowTests.step(app, id, "decide", s.production, ["source": "procurement"]).string("state") == "procurement")
        return (id, try #require(r.string("number")))
    }

    static func arrival(_ app: TestApp, _ token: String, _ body: [String: Any]) async throws -> TestApp.Reply {
        try await app.call(.post, "/api/v1/arrivals", token: token, json: body)
    }

    @Test func completingTheCheckAgainstARequestClosesTheRequestAndEachLinksTheOther() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            let (id, number) = try await Self.ordered(app, s)
            let counted: [[String: Any]] = [["itemId": s.f.bolt, "countedQuantity": 18]]
            // Not yet ordered from the supplier: no goods to check.
            let early = try await Self.arrival(app, s.f.keeperA1, ["warehouseId": s.f.A1G, "materialRequestId": number, "deliveryNoteRef": "SH-1", "lines": counted])
            #expect(early.errorCode == "request_not_shipped", "\(early.text)")
            _ = try await MaterialRequestFlowTests.step(app, id, "order", s.procurement, ["orderRef": "PO-7", "supplierId": s.f.supplier])
            // Another site's keeper cannot record at A1's warehouse; a warehouse of another unit is not the request's.
            #expect(try await Self.arrival(app, s.f.keeperA2, ["warehouseId": s.f.A1G, "materialRequestId": number, "lines": counted]).status == .forbidden)
            let elsewhere = try await Self.arrival(app, s.f.hqMaterials, ["warehouseId": s.f.B1G, "materialRequestId": number, "deliveryNoteRef": "SH-1", "lines": counted])
            #expect((elsewhere.json["error"] as? [String: Any])?["field"] as? String == "warehouseId", "\(elsewhere.text)")
            // By its number, with neither supplier nor expected quantity: both come from the request.
            let created = try await Self.arrival(app, s.f.keeperA1, ["warehouseId": s.f.A1G, "materialRequestId": number, "deliveryNoteRef": "SH-1", "lines": counted])
            #expect(created.status == .created, "\(created.text)")
            let arrivalId = try #require(created.string("id"))
            #expect(created.string("materialRequestId") == id)
            #expect(created.string("supplierId") == s.f.supplier)
            let line = try #require((created.json["lines"] as? [[String: Any]])?.first)
            #expect((line["expectedQuantity"] as? NSNumber)?.intValue == 20)
            #expect(created.json["hasDiscrepancy"] as? Bool == true)
            // The request lists its open check and is not confirmed beside it.
            let waiting = try await app.call(.get, "/api/v1/material-requests/\(id)", token: s.f.keeperA1)
            let checks = waiting.json["arrivalChecks"] as? [[String: Any]]
            #expect(checks?.count == 1)
            #expect(checks?.first?["id"] as? String == arrivalId)
            #expect(checks?.first?["status"] as? String == "checking")
            #expect(try await MaterialRequestFlowTests.step(app, id, "confirm-arrival", s.f.keeperA1).errorCode == "arrival_check_open")
            // Completing the check closes the request, signed by the keeper with the check's number.
            let completed = try await app.call(.post, "/api/v1/arrivals/\(arrivalId)/complete", token: s.f.keeperA1)
            #expect(completed.status == .ok, "\(completed.text)")
            let closed = try await app.call(.get, "/api/v1/material-requests/\(id)", token: s.f.keeperA1)
            #expect(closed.string("state") == "closed")
            #expect(closed.string("arrivedAt") != nil)
            #expect(closed.string("closedAt") != nil)
            let signatures = closed.json["signatures"] as? [[String: Any]] ?? []
            let confirmation = signatures.first { $0["action"] as? String == "confirm-arrival" }
            #expect(confirmation?["toState"] as? String == "arrived")
            #expect((confirmation?["comment"] as? String)?.contains(try #require(created.string("number"))) == true)
            #expect(signatures.last?["toState"] as? String == "closed")
            #expect((closed.json["arrivalChecks"] as? [[String: Any]])?.first?["status"] as? String == "completed")
            // A closed request takes no further check.
            #expect(try await Self.arrival(app, s.f.keeperA1, ["warehouseId": s.f.A1G, "materialRequestId": id, "lines": counted]).errorCode == "request_not_shipped")
        }
    }

    @Test func theRequestPageOffersTheCheckWhichIsPrefilledAndLinksBack() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            let (id, number) = try await Self.ordered(app, s)
            _ = try await MaterialRequestFlowTests.step(app, id, "order", s.procurement, ["orderRef": "PO-7", "supplierId": s.f.supplier])
            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            let page = try await keeper.get("/materials/requests/\(id)")
            #expect(page.text.contains("href=\"/materials/arrivals/new?requestId=\(id)\""))
            let form = try await keeper.get("/materials/arrivals/new?requestId=\(id)")
            #expect(form.status == .ok)
            #expect(form.text.contains("value=\"\(number)\""))
            #expect(form.text.contains("value=\"BOLT-M10\""))
            #expect(form.text.contains("<option value=\"material_request\" selected"))
            let created = try await Self.arrival(app, s.f.keeperA1, ["warehouseId": s.f.A1G, "materialRequestId": id, "lines": [["itemId": s.f.bolt, "countedQuantity": 20]]])
            let arrivalId = try #require(created.string("id"))
            let arrivalPage = try await keeper.get("/materials/arrivals/\(arrivalId)")
            #expect(arrivalPage.text.contains("id=\"arrival-request-link\" href=\"/materials/requests/\(id)\">\(number)</a>"))
            let linked = try await keeper.get("/materials/requests/\(id)")
            #expect(linked.text.contains("href=\"/materials/arrivals/\(arrivalId)\""))
            #expect(!linked.text.contains("id=\"material-request-record-arrival\""))
            #expect(!linked.text.contains("id=\"material-request-confirm-arrival\""))
        }
    }
}
