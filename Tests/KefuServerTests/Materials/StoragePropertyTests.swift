import Foundation
import KefuMaterials
import Testing

/// #12.4: random receipts (with and without bin and batch), issues (FEFO or a named batch), audits, un-audits and bin
/// moves. After every step Σ bins = Σ batches = the warehouse balance for every item, and no place is below zero
/// (`StorageCheck`); a refused step changes nothing.
@Suite("Materials: bins and batches follow the balance (property, #12.4)")
struct StoragePropertyTests {
    @Test(arguments: [UInt64(20261201), 99])
    func placesAlwaysEqualTheBalance(seed: UInt64) async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            var rng = LedgerPropertyTests.SplitMix(state: seed)
            #expect(try await app.call(.patch, "/api/v1/items/\(f.gear)", token: f.hqMaterials, json: ["shelfLifeDays": 90]).status == .ok)
            var bins: [String] = []
            for rack in ["A", "B", "C"] { bins.append(try await StorageTests.bin(app, f.keeperA1, f.A1G, rack).string("id")!) }
            let items = [f.bolt, f.gear]
            var saved: [String] = [], audited: [String] = []
            var outcomes: [String: Int] = [:]
            for step in 0..<120 {
                switch Int.random(in: 0..<12, using: &rng) {
                case 0, 1, 2, 3:
                    let item = items.randomElement(using: &rng)!
                    var line: [String: Any] = ["itemId": item, "quantity": Int.random(in: 1...6, using: &rng)]
                    if Bool.random(using: &rng) { line["binId"] = bins.randomElement(using: &rng)! }
                    if item == f.gear || Bool.random(using: &rng) {
                        line["batchNo"] = "B\(Int.random(in: 1...4, using: &rng))"
                        line["expiryDate"] = "2027-0\(Int.random(in: 1...9, using: &rng))-01"
                    }
                    let r = try await f.document(app, f.accA, direction: "in", reason: "spot_purchase", warehouse: f.A1G, lines: [line])
                    #expect(r.status == .created, "step \(step): \(r.text)")
                    if let id = r.string("id") { saved.append(id) }
                case 4:
                    let item = items.randomElement(using: &rng)!
                    var line: [String: Any] = ["itemId": item, "quantity": Int.random(in: 1...5, using: &rng)]
                    if Int.random(in: 0..<4, using: &rng) == 0 {
                        let rows = try await StorageTests.batches(app, f.accA, item: item, warehouse: f.A1G).compactMap { $0["batchId"] as? String }
                        if let b = rows.randomElement(using: &rng) { line["batchId"] = b; line["remark"] = "指定批次" }
                    }
                    let r = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [line])
                    #expect(r.status == .created, "step \(step): \(r.text)")
                    if let id = r.string("id") { saved.append(id) }
                case 5, 6:
                    guard let id = saved.randomElement(using: &rng) else { continue }
                    let r = try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accA)
                    outcomes["audit \(r.status.code) \(r.errorCode ?? "")", default: 0] += 1
                    #expect(r.status == .ok || r.status == .conflict, "step \(step): \(r.text)")
                    if r.status == .ok { saved.removeAll { $0 == id }; audited.append(id) }
                case 7, 8:
                    guard let id = audited.randomElement(using: &rng) else { continue }
                    let r = try await app.call(.post, "/api/v1/stock-documents/\(id)/unaudit", token: f.accA)
                    outcomes["unaudit \(r.status.code) \(r.errorCode ?? "")", default: 0] += 1
                    #expect(r.status == .ok || r.status == .conflict, "step \(step): \(r.text)")
                    if r.status == .ok { audited.removeAll { $0 == id }; saved.append(id) }
                default:
                    // Mostly a move of stock that is there (some of a place's quantity), sometimes more than the bin holds.
                    let item = items.randomElement(using: &rng)!
                    let places = try await StorageTests.batches(app, f.accA, item: item, warehouse: f.A1G)
                    guard let place = places.randomElement(using: &rng) else { continue }
                    let held = NSDecimalNumber(decimal: StorageTests.quantity(place)).intValue
                    let quantity = Int.random(in: 0..<5, using: &rng) == 0 ? held + 1 : Int.random(in: 1...max(1, held), using: &rng)
                    var body: [String: Any] = ["warehouseId": f.A1G, "itemId": item, "fromBinId": place["binId"] as? String ?? "",
                                               "toBinId": bins.randomElement(using: &rng)!, "quantity": quantity]
                    if Bool.random(using: &rng), let batch = place["batchId"] as? String { body["batchId"] = batch }
                    let r = try await app.call(.post, "/api/v1/bins/moves", token: f.keeperA1, json: body)
                    outcomes["move \(r.status.code) \(r.errorCode ?? "")", default: 0] += 1
                    #expect(r.status == .ok || r.status == .conflict || r.status == .unprocessableContent, "step \(step): \(r.text)")
                }
                let problems = try await StorageCheck.problems(app.store)
                #expect(problems.isEmpty, "step \(step): \(problems)")
                if !problems.isEmpty { break }
            }
            print("storage property seed \(seed): \(outcomes.sorted { $0.key < $1.key })")
            #expect(outcomes.keys.contains { $0.hasPrefix("audit 200") } && outcomes.keys.contains { $0.hasPrefix("unaudit 200") }
                    && outcomes.keys.contains { $0.hasPrefix("move 200") })
        }
    }
}
