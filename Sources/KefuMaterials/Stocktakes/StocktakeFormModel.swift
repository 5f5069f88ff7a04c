import KefuDomain
import KefuOrg
import KefuPlatform

/// The new-stocktake form's model, read in one transaction: the active warehouses the user sees (what can be counted)
/// and the active sites that may supervise a count (STK-04: another site's staff).
public struct StocktakeFormModel: Sendable {
    public let warehouses: [WarehouseView]
    public let sites: [OrgQueries.UnitSummary]
}

extension StocktakeService {
    public func formModel(viewer: Principal) async throws -> StocktakeFormModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            StocktakeFormModel(warehouses: try await MasterDataService.visibleWarehouses(db, viewer: viewer).filter(\.active),
                               sites: try await OrgQueries.activeUnitSummaries(db).filter { $0.kind == OrgUnitKind.site.rawValue })
        }
    }
}
