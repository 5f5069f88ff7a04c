import Foundation
import Testing

@Suite("Materials: concurrent audits")
struct MaterialsConcurrencyTests {
    /// Many parallel audits of issues against a small stock: exactly as many succeed as the stock allows, no balance
    /// goes below zero, and lines locked in opposite orders never deadlock.
    @Test func parallelIssuesNeverOverdraw() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 10), f.line(f.gear, 10)])
            var ids: [String] = []
            for n in 0..<24 {
                let lines = n % 2 == 0 ? [f.line(f.bolt, 1), f.line(f.gear, 1)] : [f.line(f.gear, 1), f.line(f.bolt, 1)]
                let r = try await f.document(app, f.keeperA1, direction: "out", reason: "self_use", warehouse: f.A1G, lines: lines)
                #expect(r.status == .created)
                ids.append(r.string("id")!)
            }
            let results = try await Parallel.post(app, token: f.accA, ids.enumerated().map { ($0.offset, "/api/v1/stock-documents/\($0.element)/audit") })
            #expect(results.filter { $0.status == 200 }.count == 10)
            #expect(results.filter { $0.status == 409 && $0.code == "stock_below_zero" }.count == 14, "\(results)")
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 0)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == 0)
            #expect(try await MaterialsAdminCheck.consistent(app))
        }
    }

    /// Document numbers stay gapless and unique when many are created at once (DOC-11).
    @Test func parallelCreationNumbersAreGapless() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            // Every third one names an item that does not exist and fails inside its transaction: it must not use up a number.
            let bodies = try (0..<20).map { n -> (tag: Int, path: String, body: Data?) in
                let lines = n % 3 == 0 ? [f.line("no-such-item", 1)] : [f.line(f.bolt, 1)]
                let body: [String: Any] = ["direction": "in", "reason": "spot_purchase", "warehouseId": f.A1G, "lines": lines, "date": "2026-11-20"]
                return (n, "/api/v1/stock-documents", try JSONSerialization.data(withJSONObject: body))
            }
            let answers = try await Parallel.post(app, token: f.keeperA1, bodies)
            #expect(answers.filter { $0.status == 201 }.count == 13)
            let numbers = answers.compactMap(\.number)
            #expect(numbers.sorted() == (1...13).map { String(format: "RK-2026-%06d", $0) })
        }
    }
}

@Suite("Materials: concurrent actions on a transfer's pair")
struct TransferPairConcurrencyTests {
    /// With OUT audited, "audit IN" and "un-audit OUT" race: whichever runs first makes the other break a 4.2 rule, so
    /// exactly one succeeds; the pair never ends with IN audited and OUT saved, and nothing deadlocks.
    @Test func auditInAndUnauditOutNeverBothSucceed() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 100)])
            var pairs: [(out: String, in: String)] = []
            for _ in 0..<30 {
                let t = try await app.call(.post, "/api/v1/transfers", token: f.accA, json: ["fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "lines": [f.line(f.bolt, 2)]])
                let audited = try await app.call(.post, "/api/v1/transfers/\(t.string("id")!)/audit", token: f.accA)
                let docs = audited["documents"] as? [[String: Any]] ?? []
                let out = docs.first { $0["direction"] as? String == "out" }?["id"] as! String
                let inn = docs.first { $0["direction"] as? String == "in" }?["id"] as! String
                #expect(try await app.call(.post, "/api/v1/stock-documents/\(out)/audit", token: f.accA).status == .ok)
                pairs.append((out, inn))
            }
            let results = try await Parallel.post(app, token: f.accA, pairs.enumerated().flatMap { n, p in
                [(n, "/api/v1/stock-documents/\(p.in)/audit"), (n, "/api/v1/stock-documents/\(p.out)/unaudit")]
            })
            for (n, p) in pairs.enumerated() {
                let mine = results.filter { $0.tag == n }
                #expect(mine.filter { $0.status == 200 }.count == 1, "pair \(n): \(mine)")
                #expect(mine.allSatisfy { $0.status == 200 || $0.status == 409 }, "pair \(n): \(mine)")
                let outStatus = try await app.call(.get, "/api/v1/stock-documents/\(p.out)", token: f.accA).string("status")
                let inStatus = try await app.call(.get, "/api/v1/stock-documents/\(p.in)", token: f.accA).string("status")
                #expect(!(inStatus == "audited" && outStatus == "saved"), "pair \(n)")
            }
            #expect(try await MaterialsAdminCheck.consistent(app))
        }
    }
}
