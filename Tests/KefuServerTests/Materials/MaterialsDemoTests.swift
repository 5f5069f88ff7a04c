import Foundation
import KefuApp
import Testing

@Suite("Materials: kefu demo loads the material books")
struct MaterialsDemoTests {
    @Test func loadsWarehousesDocumentsAndATransferOnceOnly() async throws {
        try await TestApp.run { app in
            let first = try await DemoData.load(store: app.store, password: "demo-pass-1")
            #expect(first.contains("warehouse WH-ZB-D"), "\(first)")
            #expect(first.contains("transfer DB-"), "\(first)")
            let counts = try await Self.counts(app)
            // #13: the arrival's receipt (three torque wrenches) is the ninth document, audited, one more ledger row.
            #expect(counts == [9, 6, 2, 7, 1, 13], "documents, warehouses, suppliers… \(counts)")
            #expect(try await MaterialsAdminTasks.checkLedger(app.store, repair: false).consistent)

            // Running it again changes nothing.
            #expect(try await DemoData.load(store: app.store, password: "demo-pass-1") == "Demo data already loaded.")
            #expect(try await Self.counts(app) == counts)

            // On-hand after the audited receipts, the site's use and the transfer; the saved documents moved nothing.
            let accountant = try await app.token("hekj", "demo-pass-1")
            let r = try await app.call(.get, "/api/v1/stock/on-hand", token: accountant)
            #expect(r.status == .ok)
            let rows = (try JSONSerialization.jsonObject(with: Data(r.text.utf8)) as? [[String: Any]]) ?? []
            let onHand = Dictionary(uniqueKeysWithValues: rows.map { ("\($0["warehouseCode"]!) \($0["itemCode"]!)", "\($0["quantity"]!)") })
            #expect(onHand == [
                "WH-BDN-G BOLT-M20": "150", "WH-BDN-G GBX-BRG-01": "6", "WH-BDN-G OIL-GBX-320": "50",
                "WH-HQ-G PITCH-MOT": "3", "WH-HQ-G TOOL-TQ-01": "2",
                "WH-ZB-G BOLT-M20": "120", "WH-ZB-G FLT-OIL-01": "20", "WH-ZB-G GBX-BRG-01": "4", "WH-ZB-G TOOL-TQ-01": "3",
            ])
            // #13: every supply-loop page has content: arrivals (one booked, one in its check), tool loans (one out, one
            // overdue, one returned), damaged parts and a return batch.
            let lead = try await app.token("liuzd", "demo-pass-1")
            let loans = try await app.call(.get, "/api/v1/tool-loans?view=all", token: lead).items
            #expect(loans.map { $0["status"] as? String ?? "" }.sorted() == ["open", "open", "returned"], "\(loans)")
            #expect(loans.contains { ($0["daysOverdue"] as? Int ?? 0) > 0 }, "one loan is overdue")
            #expect(try await app.call(.get, "/api/v1/arrivals", token: lead).items.map { $0["status"] as? String ?? "" }.sorted() == ["checking", "completed"])
            #expect(try await app.call(.get, "/api/v1/damaged-parts", token: lead).items.count == 2)
            #expect(try await app.call(.get, "/api/v1/damaged-returns", token: lead).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/freight", token: try await app.token("majl", "demo-pass-1")).items.contains { ($0["actions"] as? [String] ?? []).contains("approve") },
                    "the demo's department manager has freight to approve")
            // The transfer reached the site: both generated documents audited.
            let transfers = try await app.call(.get, "/api/v1/transfers", token: accountant)
            #expect(transfers.items.first?["progress"] as? String == "received")
        }
    }

    /// stock documents (6 + the transfer's 2), warehouses, suppliers, audited documents, transfers, ledger rows.
    static func counts(_ app: TestApp) async throws -> [Int] {
        try await app.store.read { db in
            var out: [Int] = []
            for sql in ["SELECT COUNT(*) AS n FROM stock_documents", "SELECT COUNT(*) AS n FROM warehouses", "SELECT COUNT(*) AS n FROM suppliers",
                        "SELECT COUNT(*) AS n FROM stock_documents WHERE status = 'audited'", "SELECT COUNT(*) AS n FROM transfers",
                        "SELECT COUNT(*) AS n FROM stock_movements"] {
                out.append(try await db.raw("\(unsafeRaw: sql)").first()!.decode(column: "n", as: Int.self))
            }
            return out
        }
    }
}
