import KefuDomain
import KefuPlatform

/// `GET /api/v1/materials/warehouse-check` (MAT-02): the units in the caller's scope lacking a good or a damaged warehouse.
struct WarehouseCheckAPI: Sendable {
    let master: MasterDataService

    func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let codes: JSONValue = ["type": "array", "items": str]
        routes.schema("WarehouseCheck", ["type": "object", "properties": ["items": ["type": "array", "items": ["type": "object", "properties": [
            "orgUnitId": str, "code": str, "name": str, "kind": str, "goodWarehouses": codes, "damagedWarehouses": codes,
            "missing": ["type": "array", "items": JSONValue.enumOf(WarehouseCondition.self)]]]]]])
        let master = master
        routes.add(.init(.get, "/api/v1/materials/warehouse-check", summary: "Units that keep stock without both a good-parts and a damaged-parts warehouse (MAT-02)",
                         tag: "materials", response: "WarehouseCheck")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await master.warehouseCheck(viewer: principal)))
        }
    }
}
