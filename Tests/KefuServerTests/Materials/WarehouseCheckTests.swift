import Foundation
import Hummingbird
import Testing

/// MAT-02: every department and site keeps a good-parts and a damaged-parts warehouse; the check lists those that do
/// not, in the reader's scope; the last damaged warehouse of a unit still keeping good parts is not deactivated.
@Suite("Warehouse check (MAT-02)")
struct WarehouseCheckTests {
    static func units(_ r: TestApp.Reply) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: ((r["items"] as? [[String: Any]]) ?? []).map { ($0["code"] as? String ?? "", $0["missing"] as? [String] ?? []) })
    }

    @Test func theCheckListsBreachesInScopeAndDeactivationKeepsThePair() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            // HQ sees every unit: 业务部A lacks a damaged warehouse, 现场A2 too, 业务部B has none, 现场B1 no damaged; 现场A1 complies.
            let hq = try await app.call(.get, "/api/v1/materials/warehouse-check", token: f.hqMaterials)
            #expect(hq.status == .ok, "\(hq.text)")
            let all = Self.units(hq)
            #expect(all["DA"] == ["damaged"] && all["SA2"] == ["damaged"] && all["DB"] == ["good", "damaged"] && all["SB1"] == ["damaged"], "\(all)")
            #expect(all["SA1"] == nil, "\(all)")
            // The accountant of 业务部A sees her department only; a site keeper and an agent are refused.
            let mine = Self.units(try await app.call(.get, "/api/v1/materials/warehouse-check", token: f.accA))
            #expect(Set(mine.keys) == ["DA", "SA2"], "\(mine)")
            #expect(try await app.call(.get, "/api/v1/materials/warehouse-check", token: f.keeperA1).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/materials/warehouse-check", token: f.agent).status == .forbidden)

            // Adding 现场A2's damaged warehouse clears it.
            let added = try await app.call(.post, "/api/v1/warehouses", token: f.hqMaterials, json: ["code": "A2D", "name": "现场A2损坏品库", "orgUnitId": try await Self.unit(app, f, f.A2G), "condition": "damaged"])
            #expect(added.status == .created)
            #expect(Self.units(try await app.call(.get, "/api/v1/materials/warehouse-check", token: f.accA))["SA2"] == nil)

            // 现场A1's only damaged warehouse cannot go while its good one is active; good first, then damaged.
            let refused = try await app.call(.patch, "/api/v1/warehouses/\(f.A1D)", token: f.hqMaterials, json: ["active": false])
            #expect(refused.status == .conflict && refused.errorCode == "last_damaged_warehouse", "\(refused.text)")
            #expect(try await app.call(.patch, "/api/v1/warehouses/\(f.A1G)", token: f.hqMaterials, json: ["active": false]).status == .ok)
            #expect(Self.units(try await app.call(.get, "/api/v1/materials/warehouse-check", token: f.accA))["SA1"] == ["good"])
            #expect(try await app.call(.patch, "/api/v1/warehouses/\(f.A1D)", token: f.hqMaterials, json: ["active": false]).status == .ok)
            #expect(Self.units(try await app.call(.get, "/api/v1/materials/warehouse-check", token: f.accA))["SA1"] == ["good", "damaged"])

            // The warehouse pages warn while a unit is in breach; the check page is refused to a site keeper.
            let page = PageSession(app)
            _ = try await page.signIn("hqmat", "password-hqmat")
            let list = try await page.get("/materials/warehouses")
            #expect(list.text.contains("warehouse-pair-warning") && list.text.contains("data-unit-code=\"DB\""), "\(list.text.prefix(400))")
            let edit = try await page.get("/materials/warehouses/\(f.B1G)")
            #expect(edit.text.contains("warehouse-pair-warning") && edit.text.contains("data-unit-code=\"SB1\"") && !edit.text.contains("data-unit-code=\"DB\""))
            let check = try await page.get("/materials/warehouse-check")
            #expect(check.status == .ok && check.text.contains("warehouse-check"))
            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            #expect(try await keeper.get("/materials/warehouse-check").status == .forbidden)
            #expect(!(try await keeper.get("/materials/warehouses").text.contains("warehouse-pair-warning")))
        }
    }

    /// The org unit a fixture warehouse belongs to.
    static func unit(_ app: TestApp, _ f: MaterialsFixture, _ warehouse: String) async throws -> String {
        let list = try await app.call(.get, "/api/v1/warehouses", token: f.hqMaterials)
        return ((list["items"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == warehouse }?["orgUnitId"] as? String ?? ""
    }
}
