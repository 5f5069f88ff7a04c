import Foundation
import KefuMaterials
import KefuPlatform
import Testing

/// #12.1 property: random counts, with random receipts and issues audited while counting, then approval and posting,
/// always leave on-hand = the count, the ledger = the balances, and nothing below zero.
@Suite("Stocktake posting keeps the books (#12.1)")
struct StocktakePropertyTests {
    @Test(arguments: [UInt64(20261201), 99])
    func postingMatchesTheCountAndTheLedger(seed: UInt64) async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let manager = try await app.createUser(f.admin, "mgrprop", roles: ["dept_manager"], unitId: f.deptA).token
            var rng = LedgerPropertyTests.SplitMix(state: seed)
            let warehouses = [f.A1G, f.A2G], items = [f.bolt, f.gear]
            for w in warehouses { try await f.stock(app, warehouse: w, items.map { f.line($0, Int.random(in: 1...20, using: &rng)) }) }
            for round in 0..<3 {
                let id = try #require(try await app.call(.post, "/api/v1/stocktakes", token: f.accA,
                                                         json: ["warehouseIds": warehouses, "kind": "quarterly"]).string("id"), "round \(round)")
                let distributed = try await app.call(.post, "/api/v1/stocktakes/\(id)/distribute", token: f.accA)
                #expect(distributed.status == .ok, "\(distributed.text)")
                // Movements while counting.
                for _ in 0..<Int.random(in: 0...4, using: &rng) {
                    let w = warehouses.randomElement(using: &rng)!, i = items.randomElement(using: &rng)!
                    if Bool.random(using: &rng) {
                        try await f.stock(app, warehouse: w, [f.line(i, Int.random(in: 1...5, using: &rng))])
                    } else {
                        let have = try await f.onHand(app, warehouse: w, item: i)
                        let take = min(Int.random(in: 1...5, using: &rng), NSDecimalNumber(decimal: have).intValue)
                        guard take > 0 else { continue }
                        let doc = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: w, lines: [f.line(i, take)])
                        #expect(try await app.call(.post, "/api/v1/stock-documents/\(doc.string("id")!)/audit", token: f.accA).status == .ok)
                    }
                }
                let lines = (distributed["lines"] as? [[String: Any]]) ?? []
                var wanted: [String: Int] = [:]
                let counts: [[String: Any]] = lines.map { l in
                    let q = Int.random(in: 0...25, using: &rng)
                    wanted[(l["warehouseId"] as! String) + "|" + (l["itemId"] as! String)] = q
                    return ["warehouseId": l["warehouseId"]!, "itemId": l["itemId"]!, "countedQuantity": q, "reasonCode": "other", "reason": "随机"]
                }
                #expect(try await app.call(.put, "/api/v1/stocktakes/\(id)/counts", token: f.accA, json: ["lines": counts]).status == .ok)
                #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/submit", token: f.accA).status == .ok)
                #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/approve", token: manager).status == .ok)
                let posted = try await app.call(.post, "/api/v1/stocktakes/\(id)/post", token: f.accA)
                #expect(posted.string("status") == "adjusted", "round \(round): \(posted.text)")
                for (key, q) in wanted {
                    let parts = key.split(separator: "|").map(String.init)
                    #expect(try await f.onHand(app, warehouse: parts[0], item: parts[1]) == Decimal(q), "round \(round) \(key)")
                }
                let differences = try await app.store.read { db in try await LedgerCheck.differences(db) }
                #expect(differences.isEmpty, "round \(round): \(differences)")
            }
        }
    }
}
