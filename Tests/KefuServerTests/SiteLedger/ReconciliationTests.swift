import Foundation
import Testing

/// #12.2: the 15th-of-month reconciliation (STK-08, RPT-07): 账表, 账账, 账实 computed line by line and kept.
@Suite("15th-of-month reconciliation (#12.2, STK-08)")
struct ReconciliationTests {
    /// The materials fixture with ten bolts received and audited at A1G on 2026-10-28, and A1G's site.
    static func tenBoltsAtA1(_ app: TestApp) async throws -> (MaterialsFixture, String) {
        let f = try await MaterialsFixture.make(app)
        let warehouses = try await app.call(.get, "/api/v1/warehouses", token: f.hqMaterials).items
        let siteA1 = try #require(warehouses.first { $0["code"] as? String == "A1G" }?["orgUnitId"] as? String)
        let receipt = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [f.line(f.bolt, 10)], extra: ["date": "2026-10-28"])
        #expect(try await app.call(.post, "/api/v1/stock-documents/\(receipt.string("id")!)/audit", token: f.accA).status == .ok)
        return (f, siteA1)
    }

    @Test func theSitesLedgerBooksAndCountAreComparedAndTheResultKept() async throws {
        try await TestApp.run { app in
            let (f, siteA1) = try await ReconciliationTests.tenBoltsAtA1(app)
            let day = try await app.call(.post, "/api/v1/site-ledgers", token: f.keeperA1, json: [
                "warehouseId": f.A1G, "date": "2026-11-10", "lateReason": "补录",
                "lines": [["kind": "self_use", "itemId": f.bolt, "quantityOut": 3, "remark": "换件"]]])
            let id = try #require(day.string("id"), "\(day.text)")
            _ = try await app.call(.post, "/api/v1/site-ledgers/\(id)/submit", token: f.keeperA1, json: ["lateReason": "补录"])

            func line(_ r: TestApp.Reply) -> [String: Any]? { (r["lines"] as? [[String: Any]])?.first { $0["itemId"] as? String == f.bolt } }
            // Submitted but not posted: the site's ledger says 7, the department's books 10 (账账 differs by -3).
            let before = try await app.call(.get, "/api/v1/reconciliations?orgUnitId=\(siteA1)&month=2026-11", token: f.accA)
            #expect(before.status == .ok, "\(before.text)")
            #expect(line(before)?["books"] as? Int == 10)
            #expect(line(before)?["siteLedger"] as? Int == 7)
            #expect(line(before)?["ledgerVsBooks"] as? Int == -3)
            #expect(line(before)?["booksVsReport"] as? Int == 0)
            #expect(before["recorded"] as? Bool == false)

            #expect(try await app.call(.post, "/api/v1/site-ledgers/\(id)/post", token: f.accA, json: ["audit": true]).status == .ok)
            let body: [String: Any] = ["orgUnitId": siteA1, "month": "2026-11", "lines": [["itemId": f.bolt, "physicalQuantity": 6]]]
            #expect(try await app.call(.post, "/api/v1/reconciliations", token: f.keeperA1, json: body).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/reconciliations", token: f.accB, json: body).status == .forbidden)
            let recorded = try await app.call(.post, "/api/v1/reconciliations", token: f.accA, json: body)
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(line(recorded)?["books"] as? Int == 7)
            #expect(line(recorded)?["ledgerVsBooks"] as? Int == 0)
            #expect(line(recorded)?["booksVsPhysical"] as? Int == 1)
            #expect(recorded["differing"] as? Int == 1)
            #expect(try await app.call(.post, "/api/v1/reconciliations", token: f.accA, json: body).errorCode == "reconciliation_recorded")

            // Kept: later movements do not change the recorded result.
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 1)])
            let kept = try await app.call(.get, "/api/v1/reconciliations?orgUnitId=\(siteA1)&month=2026-11", token: f.keeperA1)
            #expect(kept["recorded"] as? Bool == true)
            #expect(line(kept)?["physical"] as? Int == 6)
            #expect(try await app.call(.get, "/api/v1/reconciliations?orgUnitId=\(siteA1)&month=2026-11", token: f.keeperA2).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/reconciliations?orgUnitId=\(siteA1)&month=11", token: f.accA).errorCode == "validation_failed")
        }
    }
}
