import Foundation
import Testing

/// Random sequences of documents, audits, un-audits, edits and deletions. After every step each balance equals its
/// ledger sum, equals the model's, and is never negative; an audit or un-audit succeeds exactly when the model says
/// no balance would go below zero.
@Suite("Materials: ledger property")
struct LedgerPropertyTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Doc { let direction: String; let warehouse: String; var lines: [(String, Int)]; var audited: Bool }

    @Test(arguments: [UInt64(20261129), 7, 424242])
    func balancesAlwaysEqualTheLedger(seed: UInt64) async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            var rng = SplitMix(state: seed)
            var model: [String: Int] = [:] // "warehouse|item" → thousandths
            var docs: [String: Doc] = [:]
            var posted = 0, refused = 0
            let warehouses = [f.A1G, f.A2G], items = [f.bolt, f.gear]
            func key(_ w: String, _ i: String) -> String { w + "|" + i }
            func delta(_ d: Doc, reversing: Bool) -> [String: Int] {
                var out: [String: Int] = [:]
                for (item, q) in d.lines { out[key(d.warehouse, item), default: 0] += (d.direction == "in" ? q : -q) * (reversing ? -1 : 1) }
                return out
            }
            func randomLines(sign: Int) -> [(String, Int)] {
                (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                    (items.randomElement(using: &rng)!, sign * Int.random(in: 1...6, using: &rng) * 500)
                }
            }
            func body(_ lines: [(String, Int)]) -> [[String: Any]] {
                // Multiples of 0.5, sent as exact decimal strings.
                lines.map { ["itemId": $0.0, "quantity": ($0.1 < 0 ? "-" : "") + "\(abs($0.1) / 1000)." + (abs($0.1) % 1000 == 0 ? "0" : "5")] }
            }
            for step in 0..<100 {
                let saved = docs.filter { !$0.value.audited }.map(\.key).sorted()
                let audited = docs.filter { $0.value.audited }.map(\.key).sorted()
                switch Int.random(in: 0..<10, using: &rng) {
                case 0, 1, 2:
                    // Half receipts, so stock builds up and both outcomes of an audit occur.
                    let kind = Int.random(in: 0..<10, using: &rng)
                    let (direction, reason, sign) = kind < 5 ? ("in", "spot_purchase", 1) : kind < 8 ? ("out", "self_use", 1) : ("in", "material_return", -1)
                    let d = Doc(direction: direction, warehouse: warehouses.randomElement(using: &rng)!, lines: randomLines(sign: sign), audited: false)
                    let r = try await f.document(app, f.accA, direction: direction, reason: reason, warehouse: d.warehouse, lines: body(d.lines))
                    #expect(r.status == .created, "step \(step): \(r.text)")
                    docs[r.string("id")!] = d
                case 3, 4, 5:
                    guard let id = saved.randomElement(using: &rng) else { continue }
                    let d = docs[id]!
                    let after = delta(d, reversing: false).map { ($0.key, model[$0.key, default: 0] + $0.value) }
                    let r = try await app.call(.post, "/api/v1/stock-documents/\(id)/audit", token: f.accA)
                    if after.allSatisfy({ $0.1 >= 0 }) {
                        #expect(r.status == .ok, "step \(step) audit: \(r.text)")
                        for (k, v) in after { model[k] = v }
                        docs[id]!.audited = true
                        posted += 1
                    } else {
                        #expect(r.errorCode == "stock_below_zero", "step \(step) audit should be refused: \(r.text)")
                        refused += 1
                    }
                case 6, 7:
                    guard let id = audited.randomElement(using: &rng) else { continue }
                    let d = docs[id]!
                    let after = delta(d, reversing: true).map { ($0.key, model[$0.key, default: 0] + $0.value) }
                    let r = try await app.call(.post, "/api/v1/stock-documents/\(id)/unaudit", token: f.accA)
                    if after.allSatisfy({ $0.1 >= 0 }) {
                        #expect(r.status == .ok, "step \(step) unaudit: \(r.text)")
                        for (k, v) in after { model[k] = v }
                        docs[id]!.audited = false
                        posted += 1
                    } else {
                        #expect(r.errorCode == "stock_below_zero", "step \(step) unaudit should be refused: \(r.text)")
                        refused += 1
                    }
                case 8:
                    guard let id = saved.randomElement(using: &rng) else { continue }
                    let sign = docs[id]!.lines.first!.1 < 0 ? -1 : 1
                    let lines = randomLines(sign: sign)
                    let r = try await app.call(.patch, "/api/v1/stock-documents/\(id)", token: f.accA, json: ["lines": body(lines)])
                    #expect(r.status == .ok, "step \(step) edit: \(r.text)")
                    docs[id]!.lines = lines
                default:
                    if let id = saved.randomElement(using: &rng) {
                        #expect(try await app.call(.delete, "/api/v1/stock-documents/\(id)", token: f.accA).status == .noContent)
                        docs[id] = nil
                    } else if let id = audited.randomElement(using: &rng) {
                        #expect(try await app.call(.delete, "/api/v1/stock-documents/\(id)", token: f.accA).errorCode == "retention_hold")
                    }
                }
                #expect(try await MaterialsAdminCheck.consistent(app), "step \(step)")
                for w in warehouses {
                    for i in items {
                        let onHand = try await f.onHand(app, warehouse: w, item: i)
                        #expect(onHand == Decimal(model[key(w, i), default: 0]) / 1000, "step \(step) \(w) \(i)")
                    }
                }
            }
            // The sequence exercised both outcomes.
            #expect(posted >= 5, "only \(posted) postings")
            #expect(refused >= 1, "no refused posting")
            print("ledger property seed \(seed): \(posted) postings, \(refused) refused")
        }
    }
}
