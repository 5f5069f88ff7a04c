import Foundation
import Hummingbird
import KefuDomain
import Testing

/// #12 remainder (STO-02): storage uses the ABC class — the placements API and the bin list name each item's class and
/// where such an item belongs (A floor-stacked, B and C shelved).
@Suite("Storage: the ABC class where stock lies (#12 STO-02)")
struct ABCPlacementPageTests {
    @Test func placementsAndTheBinListShowTheClassAndWhereItBelongs() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            #expect(try await app.call(.patch, "/api/v1/items/\(f.bolt)", token: f.hqMaterials, json: ["abcClass": "A"]).status == .ok)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 4), f.line(f.gear, 2)])
            let issue = try await f.document(app, f.accA, direction: "out", reason: "self_use", warehouse: f.A1G, lines: [f.line(f.bolt, 1), f.line(f.gear, 1)])
            let placed = try await app.call(.get, "/api/v1/stock-documents/\(issue.string("id") ?? "")/placements", token: f.keeperA1)
            let shown = placed.items.map { "\($0["itemCode"] as? String ?? ""):\($0["abcClass"] as? String ?? ""):\($0["suggestedPlace"] as? String ?? "")" }
            #expect(shown == ["BOLT-M10:A:floor_stack", "GEAR-01:C:shelf"], "\(placed.text)")

            let page = PageSession(app)
            _ = try await page.signIn("keepa1", "password-keepa1")
            let bins = try await page.get("/materials/bins?warehouseId=\(f.A1G)")
            #expect(bins.text.contains("data-item=\"BOLT-M10\">") && bins.text.contains("data-abc=\"A\" data-place=\"floor_stack\""), "\(bins.text.prefix(300))")
            #expect(bins.text.contains("宜落地堆放") && bins.text.contains("data-abc=\"C\" data-place=\"shelf\""))
        }
    }
}
