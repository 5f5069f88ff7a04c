import Foundation
import KefuApp
import Testing

@Suite("Materials: kefu check-ledger")
struct LedgerCheckTests {
    @Test func findsAndRepairsABalanceThatLeftTheLedger() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 8), f.line(f.gear, 2)])
            #expect(try await MaterialsAdminTasks.checkLedger(app.store, repair: false).consistent)
            // Damage the kept balances behind the engine's back: one wrong, one with no ledger at all.
            try await app.store.write { db in
                try await db.raw("UPDATE stock_balances SET quantity = 7000 WHERE item_id = \(bind: f.bolt)").run()
                try await db.raw("INSERT INTO stock_balances (warehouse_id, item_id, quantity, updated_at) VALUES (\(bind: f.A2G), \(bind: f.gear), 5000, 0)").run()
            }
            let report = try await MaterialsAdminTasks.checkLedger(app.store, repair: false)
            #expect(report.differences.count == 2)
            #expect(report.text.contains("balance 7, ledger 8"))
            #expect(report.text.contains("balance 5, ledger 0"))
            #expect(try await MaterialsAdminTasks.checkLedger(app.store, repair: true).differences.count == 2)
            #expect(try await MaterialsAdminTasks.checkLedger(app.store, repair: false).consistent)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 8)
            // The ledger itself is append-only.
            await #expect(throws: (any Error).self) {
                try await app.store.write { db in try await db.raw("DELETE FROM stock_movements").run() }
            }
        }
    }
}
