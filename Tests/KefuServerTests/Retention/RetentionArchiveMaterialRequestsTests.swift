import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #17.6 RET-04, RET-03: `kefu retention archive` for material requests (内部联络单). A request ordered, received by an
/// arrival check and so closed, past its 3 years, goes to its JSON line with its lines and signatures and out of the
/// database, leaving its tombstone; one closed a day inside its period, a held one and an open one stay. The arrival
/// check raised against it still shows its number and links to its page, which answers the tombstone (410) to whom
/// could see the request, 404 to others; the quick search by its LL number finds the tombstone.
@Suite("Retention archive of material requests (#17.6, RET-03, RET-04)")
struct RetentionArchiveMaterialRequestsTests {
    typealias Signers = MaterialRequestFlowTests.Signers

    @Test func archivesAClosedRequestWithItsLinesAndSignaturesAndAnswersItsTombstone() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }
            // Ordered, received by an arrival check (which closes it), then dated past its 3 years.
            let (id, number) = try await ArrivalRequestLoopTests.ordered(app, s)
            _ = try await MaterialRequestFlowTests.step(app, id, "order", s.procurement, ["orderRef": "PO-7", "supplierId": s.f.supplier])
            let arrival = try await ArrivalRequestLoopTests.arrival(app, s.f.keeperA1, ["warehouseId": s.f.A1G, "materialRequestId": number,
                                                                                       "deliveryNoteRef": "SH-1", "lines": [["itemId": s.f.bolt, "countedQuantity": 20]]])
            let arrivalId = try #require(arrival.string("id"))
            try await app.expect(.ok, .post, "/api/v1/arrivals/\(arrivalId)/complete", s.f.keeperA1)
            #expect(try await app.call(.get, "/api/v1/material-requests/\(id)", token: s.f.keeperA1).string("state") == "closed")
            try await RetentionArchiveTests.close(app, "material_requests", id, set: "state = 'closed', closed_at = $at, created_at = $at - 86400000", on: yearsAgo(3).adding(days: -10))
            // Kept: a day inside, held, open.
            let inside = try await s.draft(app), held = try await s.draft(app), open = try await s.draft(app)
            try await RetentionArchiveTests.close(app, "material_requests", inside, set: "state = 'closed', closed_at = $at, created_at = $at - 86400000", on: yearsAgo(3))
            try await RetentionArchiveTests.close(app, "material_requests", held, set: "state = 'closed', closed_at = $at, created_at = $at - 86400000", on: yearsAgo(5))
            let heldNumber = try #require(try await app.call(.get, "/api/v1/material-requests/\(held)", token: s.f.keeperA1).string("number"))
            let hold = try await app.call(.post, "/api/v1/retention/holds", token: s.f.admin, json: ["kind": "material_request", "recordId": heldNumber, "reason": "审计"])
            #expect(hold.status == .created, "\(hold.text)")

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .materialRequest, dryRun: true)) == [.materialRequest: 1])
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)) == [.materialRequest: 1])
            let file = dir.appendingPathComponent("material_request-\(today.iso).jsonl")
            let lines = try RetentionArchiveTests.lines(file)
            #expect(lines.map { $0["id"] as? String } == [id])
            let data = RetentionArchivePropertyKindsTests.data(try #require(lines.first))
            #expect(data.record?["number"] as? String == number && data.record?["state"] as? String == "closed" && data.record?["order_ref"] as? String == "PO-7")
            #expect(data.record?.count == 25, "every column of material_requests (mat-014)")
            #expect(data.children["material_request_lines"]?.map { ($0["quantity"] as? NSNumber)?.intValue } == [20_000], "quantities in thousandths")
            let signatures = try #require(data.children["material_request_signatures"])
            #expect(signatures.last?["to_state"] as? String == "closed" && signatures.count >= 3, "\(signatures)")
            for (table, column) in [("material_requests", "id"), ("material_request_lines", "request_id"), ("material_request_signatures", "request_id")] {
                #expect(try await RetentionArchiveTests.count(app, table, column, id) == 0, "\(table)")
            }
            for kept in [inside, held, open] {
                #expect(try await RetentionArchiveTests.count(app, "material_requests", "id", kept) == 1)
            }

            // The arrival check still names the request by number, linking to its page, which answers the tombstone.
            let arrivalPage = try await app.call(.get, "/materials/arrivals/\(arrivalId)", token: s.f.keeperA1)
            #expect(arrivalPage.status == .ok && arrivalPage.text.contains("href=\"/materials/requests/\(id)\">\(number)</a>"), "\(arrivalPage.text.prefix(3000))")
            let page = try await app.call(.get, "/materials/requests/\(id)", token: s.f.keeperA1)
            #expect(page.status == .gone && page.text.contains("内部联络单 \(number) 已于 \(today.iso) 归档"), "\(page.status) \(page.text.prefix(1500))")
            for token in [s.f.keeperA1, s.plannerA, s.f.hqMaterials] {
                try await app.expect(.gone, .get, "/api/v1/material-requests/\(id)", token, code: "archived")
            }
            let refused = try await app.expect(.notFound, .get, "/api/v1/material-requests/\(id)", s.plannerB, code: "not_found")
            #expect(!refused.text.contains(number))
            let hit = try #require(try await QuickSearchTests.search(app, s.f.keeperA1, number).first { $0["kind"] as? String == "material_request" })
            #expect(hit["href"] as? String == "/materials/requests/\(id)" && hit["title"] as? String == "已归档", "\(hit)")
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, s.plannerB, number), "material_request").isEmpty)
        }
    }
}
