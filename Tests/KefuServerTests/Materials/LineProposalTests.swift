import Foundation
import Testing

/// #12 on the line grid of an unsaved document: the FEFO proposal (ISS-06) and the usual bin (STO-03) a line gets
/// when its item is chosen; a bin typed as its location; an issue split over batches in FEFO order is accepted.
@Suite("Materials: line proposal, bin picker and typed bins (#12, ISS-06, STO-03)")
struct LineProposalTests {
    static func takes(_ r: TestApp.Reply) -> [String] {
        (r.json["takes"] as? [[String: Any]] ?? []).map { "\($0["batchNo"] as? String ?? "-")@\($0["binLocation"] as? String ?? "-")=\(($0["quantity"] as? NSNumber)?.intValue ?? -1)" }
    }

    @Test func anIssueLineIsProposedItsBatchesFirstToExpireAndSavingTakesThem() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            #expect(try await app.call(.patch, "/api/v1/items/\(f.gear)", token: f.hqMaterials, json: ["shelfLifeDays": 365]).status == .ok)
            let shelf = try await StorageTests.bin(app, f.keeperA1, f.A1G, "S", "1", "1").string("id")!
            let other = try await StorageTests.bin(app, f.keeperA1, f.A1G, "S", "2", "1").string("id")!
            try await f.stock(app, warehouse: f.A1G, [["itemId": f.gear, "quantity": 5, "batchNo": "L-LATE", "expiryDate": "2027-06-01", "binId": shelf]])
            try await f.stock(app, warehouse: f.A1G, [["itemId": f.gear, "quantity": 5, "batchNo": "L-EARLY", "expiryDate": "2027-03-01", "binId": shelf]])
            let gearCode = try await app.call(.get, "/api/v1/items/\(f.gear)", token: f.hqMaterials).string("code")!

            let base = "/api/v1/stock/line-proposal?warehouseId=\(f.A1G)"
            let seven = try await app.call(.get, base + "&itemId=\(f.gear)&quantity=7", token: f.keeperA1)
            #expect(seven.status == .ok, "\(seven.text)")
            #expect(Self.takes(seven) == ["L-EARLY@A1G-S-1-1=5", "L-LATE@A1G-S-1-1=2"])
            #expect((seven.json["usualBin"] as? [String: Any])?["location"] as? String == "A1G-S-1-1")
            #expect((seven.json["shortfall"] as? NSNumber)?.intValue == 0)
            // By the code typed in the grid; without a quantity: the batch taken first; more than there is: the shortfall.
            #expect(Self.takes(try await app.call(.get, base + "&itemId=\(gearCode)", token: f.keeperA1)) == ["L-EARLY@A1G-S-1-1=5"])
            #expect((try await app.call(.get, base + "&itemId=\(f.gear)&quantity=12", token: f.keeperA1).json["shortfall"] as? NSNumber)?.intValue == 2)
            #expect(try await app.call(.get, base + "&itemId=\(f.gear)&quantity=abc", token: f.keeperA1).status == .unprocessableContent)
            #expect(try await app.call(.get, base + "&itemId=\(f.gear)", token: f.keeperA2).status == .forbidden, "another site's warehouse")
            #expect(try await app.call(.get, base + "&itemId=\(f.gear)", token: f.agent).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/stock/line-proposal?itemId=\(f.gear)", token: f.keeperA1).status == .unprocessableContent)

            let hits = try await app.call(.get, "/api/v1/bins/search?warehouseId=\(f.A1G)&q=s-2", token: f.keeperA1)
            #expect(hits.items.map { $0["number"] as? String } == ["A1G-S-2-1"])
            #expect(hits.items.first?["id"] as? String == other)
            #expect(try await app.call(.get, "/api/v1/bins/search?warehouseId=\(f.A1G)", token: f.keeperA2).items.isEmpty, "out of scope: no bins")

            // The accepted proposal: one line per batch, in FEFO order, no reason needed.
            let rows = try await StorageTests.batches(app, f.keeperA1, item: f.gear, warehouse: f.A1G)
            let early = rows.first { $0["batchNo"] as? String == "L-EARLY" }?["batchId"] as? String ?? ""
            let late = rows.first { $0["batchNo"] as? String == "L-LATE" }?["batchId"] as? String ?? ""
            let issue = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [
                ["itemId": f.gear, "quantity": 5, "batchId": early, "binId": shelf], ["itemId": f.gear, "quantity": 2, "batchId": late, "binId": shelf]])
            #expect(issue.status == .created, "\(issue.text)")
            // Taking the later batch first still needs its reason.
            let skipped = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [["itemId": f.gear, "quantity": 2, "batchId": late]])
            #expect((skipped.json["error"] as? [String: Any])?["field"] as? String == "lines[0].remark", "\(skipped.text)")
            let audited = try await StorageTests.audit(app, f, issue)
            #expect(audited.status == .ok, "\(audited.text)")
            let done = try await app.call(.get, "/api/v1/stock-documents/\(issue.string("id")!)/placements", token: f.keeperA1)
            #expect(done.items.map { "\($0["batchNo"] as? String ?? "")=\(($0["quantity"] as? NSNumber)?.intValue ?? -1)" } == ["L-EARLY=5", "L-LATE=2"], "\(done.text)")
            try await StorageTests.checkInvariant(app)
        }
    }

    @Test func aBinTypedAsItsLocationIsTheBinOfTheDocumentsWarehouse() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            _ = try await StorageTests.bin(app, f.keeperA1, f.A1G, "S", "2", "1")
            let typed = try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G,
                                             lines: [["itemId": f.bolt, "quantity": 4, "binId": "a1g-s-2-1"]], extra: ["supplierId": f.supplier])
            #expect(typed.status == .created, "\(typed.text)")
            #expect(try await StorageTests.audit(app, f, typed).status == .ok)
            let placed = try await app.call(.get, "/api/v1/stock-documents/\(typed.string("id")!)/placements", token: f.keeperA1)
            #expect(placed.items.first?["binCode"] as? String == "S-2-1", "\(placed.text)")
            let unknown = try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.A1G,
                                               lines: [["itemId": f.bolt, "quantity": 4, "binId": "A1G-Z-9-9"]], extra: ["supplierId": f.supplier])
            #expect((unknown.json["error"] as? [String: Any])?["field"] as? String == "lines[0].binId", "\(unknown.text)")
        }
    }
}

@Suite("Materials: a transfer line's bins at both ends (#12, STO-03)")
struct TransferBinTests {
    @Test func aTransferTakesFromItsOutBinAndPutsIntoItsInBin() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let shelf = try await StorageTests.bin(app, f.keeperA1, f.A1G, "S", "1", "1").string("id") ?? ""
            _ = try await StorageTests.bin(app, f.keeperA2, f.A2G, "T", "1", "1")
            try await f.stock(app, warehouse: f.A1G, [["itemId": f.bolt, "quantity": 10, "binId": shelf]])
            let unknown = try await app.call(.post, "/api/v1/transfers", token: f.accA, json: [
                "fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "date": "2026-11-21", "lines": [["itemId": f.bolt, "quantity": 4, "toBinId": "A1G-S-1-1"]]])
            #expect((unknown.json["error"] as? [String: Any])?["field"] as? String == "lines[0].toBinId", "a bin of the other warehouse: \(unknown.text)")
            let made = try await app.call(.post, "/api/v1/transfers", token: f.accA, json: [
                "fromWarehouseId": f.A1G, "toWarehouseId": f.A2G, "date": "2026-11-21",
                "lines": [["itemId": f.bolt, "quantity": 4, "binId": "a1g-s-1-1", "toBinId": "T-1-1"]]])
            #expect(made.status == .created, "\(made.text)")
            let audited = try await app.call(.post, "/api/v1/transfers/\(made.string("id") ?? "")/audit", token: f.accA)
            let docs = audited.json["documents"] as? [[String: Any]] ?? []
            let outId = docs.first { $0["direction"] as? String == "out" }?["id"] as? String ?? ""
            let inId = docs.first { $0["direction"] as? String == "in" }?["id"] as? String ?? ""
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(outId)/audit", token: f.accA).status == .ok)
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(inId)/audit", token: f.accA).status == .ok)
            let took = try await app.call(.get, "/api/v1/stock-documents/\(outId)/placements", token: f.accA)
            #expect(took.items.map { $0["binCode"] as? String } == ["S-1-1"], "\(took.text)")
            let put = try await app.call(.get, "/api/v1/stock-documents/\(inId)/placements", token: f.accA)
            #expect(put.items.map { $0["binCode"] as? String } == ["T-1-1"], "\(put.text)")
            try await StorageTests.checkInvariant(app)
        }
    }
}
