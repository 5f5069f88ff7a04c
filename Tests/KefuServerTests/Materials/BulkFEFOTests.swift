import Foundation
import Testing

/// #12 (PostgreSQL speed): an issue of many items reads the FEFO lots of all its items in a few statements
/// (`StorageLookups.pickLots(needs:)`), not one per item. The picks must be what the one-item look-up gives: the
/// earliest expiry first (ISS-06), for an item whose 64-place window settles the pick and for one whose does not
/// (more than 64 batches and a need beyond the window), with an item named on two lines taken once for both.
@Suite("Materials: FEFO picks of many items at once (#12, bulk statements)")
struct BulkFEFOTests {
    static func expiry(_ k: Int) -> String { String(format: "2027-%02d-%02d", 1 + k / 28, 1 + k % 28) }

    @Test func anIssueOfSeveralItemsTakesEachItemsEarliestBatchesWithinAndBeyondTheWindow() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            for item in [f.gear, f.bolt] {
                #expect(try await app.call(.patch, "/api/v1/items/\(item)", token: f.hqMaterials, json: ["shelfLifeDays": 365]).status == .ok)
            }
            // 70 gear batches of 1, listed latest expiry first (the receipt's order is not the issue order); 3 bolt batches of 2.
            var lines: [[String: Any]] = (0..<70).reversed().map { k in ["itemId": f.gear, "quantity": 1, "batchNo": "G-\(k)", "expiryDate": Self.expiry(k)] }
            lines += [2, 0, 1].map { k in ["itemId": f.bolt, "quantity": 2, "batchNo": "B-\(k)", "expiryDate": Self.expiry(k * 10)] }
            let receipt = try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G, lines: lines, extra: ["supplierId": f.supplier])
            #expect(try await StorageTests.audit(app, f, receipt).status == .ok)

            // Gear: 66 + 1 (more than the 63 places strictly before the window's last expiry); bolt: 3 (settled by its window).
            let issue = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G,
                                             lines: [f.line(f.gear, 66), f.line(f.bolt, 3), f.line(f.gear, 1)])
            let issued = try await StorageTests.audit(app, f, issue)
            #expect(issued.status == .ok, "\(issued.text)")

            let gear = try await StorageTests.batches(app, f.keeperA1, item: f.gear, warehouse: f.A1G)
            #expect(gear.map { $0["batchNo"] as? String } == ["G-67", "G-68", "G-69"], "the three latest-expiring gear batches are left")
            #expect(gear.map(StorageTests.quantity) == [1, 1, 1])
            let bolt = try await StorageTests.batches(app, f.keeperA1, item: f.bolt, warehouse: f.A1G)
            #expect(bolt.map { $0["batchNo"] as? String } == ["B-1", "B-2"], "B-0 (earliest) taken whole, one of B-1")
            #expect(bolt.map(StorageTests.quantity) == [1, 2])
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.gear) == 3)
            #expect(try await f.onHand(app, warehouse: f.A1G, item: f.bolt) == 3)

            // Un-audit puts back exactly what each line took.
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(issue.string("id")!)/unaudit", token: f.accA).status == .ok)
            #expect(try await StorageTests.batches(app, f.keeperA1, item: f.gear, warehouse: f.A1G).count == 70)
            #expect(try await StorageTests.batches(app, f.keeperA1, item: f.bolt, warehouse: f.A1G).map(StorageTests.quantity) == [2, 2, 2])
            try await StorageTests.checkInvariant(app)
        }
    }
}
