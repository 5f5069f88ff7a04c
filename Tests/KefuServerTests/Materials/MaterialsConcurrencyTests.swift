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
            let results = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for id in ids {
                    group.addTask {
                        let r = try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accA)
                        return (Int(r.status.code), r.errorCode)
                    }
                }
                var all: [(Int, String?)] = []
                for try await r in group { all.append(r) }
                return all
            }
            #expect(results.filter { $0.0 == 200 }.count == 10)
            #expect(results.filter { $0.0 == 409 && $0.1 == "stock_below_zero" }.count == 14, "\(results)")
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 0)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == 0)
            #expect(try await MaterialsAdminCheck.consistent(app))
        }
    }

    /// Document numbers stay gapless and unique when many are created at once (DOC-11).
    @Test func parallelCreationNumbersAreGapless() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
                for n in 0..<20 {
                    group.addTask {
                        // Every third one is invalid and fails inside its transaction: it must not use up a number.
                        let lines = n % 3 == 0 ? [f.line("no-such-item", 1)] : [f.line(f.bolt, 1)]
                        return try await f.document(app, f.keeperA1, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: lines).string("number")
                    }
                }
                var all: [String] = []
                for try await n in group { if let n { all.append(n) } }
                return all
            }
            #expect(numbers.sorted() == (1...13).map { String(format: "RK-2026-%06d", $0) })
        }
    }
}
