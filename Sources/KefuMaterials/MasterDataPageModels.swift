import KefuDomain
import KefuOrg
import KefuPlatform

/// #11.6: 仓库档案 as its list page shows it — the warehouses the viewer sees, the names of the units that own them, and
/// (for the HQ materials office, who may add one) the units a new warehouse can belong to — read in one transaction.
struct WarehouseListPageModel: Sendable {
    let warehouses: [WarehouseView]
    let unitNames: [String: String]
    /// nil when the viewer may not add warehouses (MAT-05: only HQ materials maintains master data).
    let unitChoices: [MasterDataService.UnitChoice]?
}

/// #11.6: one warehouse's edit page: the warehouse and the name of its org unit, read in one transaction.
struct WarehousePageModel: Sendable {
    let warehouse: WarehouseView
    let unitName: String?
}

extension MasterDataService {
    func warehouseListPageModel(viewer: Principal) async throws -> WarehouseListPageModel {
        try MaterialAccess.requireViewer(viewer)
        let mayAdd = MaterialPermissions.canMaintainMasterData(viewer.roles, userPath: viewer.orgPath)
        return try await store.read { db in
            let list = try await Self.visibleWarehouses(db, viewer: viewer)
            let names = try await Self.ownerUnits(db, of: list)
            let choices = mayAdd ? try await OrgQueries.activeUnitSummaries(db).map { UnitChoice(id: $0.id, code: $0.code, name: $0.name) } : nil
            return WarehouseListPageModel(warehouses: list, unitNames: Dictionary(uniqueKeysWithValues: names.map { ($0.id, $0.name) }), unitChoices: choices)
        }
    }

    /// A warehouse the viewer sees (D16: HQ and department accountants all; others those under their unit), or 404.
    func warehousePageModel(id: String, viewer: Principal) async throws -> WarehousePageModel {
        try MaterialAccess.requireViewer(viewer)
        let model: WarehousePageModel? = try await store.read { db in
            guard let w = try await Self.warehouse(db, id: id), Self.sees(viewer, w) else { return nil }
            return WarehousePageModel(warehouse: w, unitName: try await OrgQueries.unitNames(db, ids: [w.orgUnitId])[w.orgUnitId])
        }
        guard let model else { throw AppError.notFound(Text("仓库", "Warehouse")) }
        return model
    }

    /// One supplier for its edit page (everyone with a materials role reads the supplier list), or 404.
    func supplierPageModel(id: String, viewer: Principal) async throws -> SupplierView {
        try MaterialAccess.requireViewer(viewer)
        guard let s = try await store.read({ db in try await Self.supplier(db, id: id) }) else { throw AppError.notFound(Text("供应商", "Supplier")) }
        return s
    }

    /// The same rule as `visibleWarehouses`, for one warehouse.
    static func sees(_ viewer: Principal, _ w: WarehouseView) -> Bool {
        MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) || w.orgPath.hasPrefix(viewer.orgPath)
    }
}
