import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// STK-01/02 on the stocktake list: per warehouse in the viewer's scope, when it was last counted and whether its
/// monthly (site) or quarterly (department) count is done, due or overdue. Computed from the stocktakes themselves:
/// a warehouse counts as counted on the day its full, non-spot stocktake was distributed, once the counts are submitted.
public struct StocktakeCadenceRow: Codable, Sendable {
    public let warehouseId: String
    public let warehouseCode: String
    public let warehouseName: String
    /// The unit (site or business department) owning the warehouse.
    public let orgUnitId: String
    public let cadence: String
    public let lastCount: String?
    public let due: String
    /// The last day of the current period: the count is due by then.
    public let dueBy: String?
}

/// The stocktake list page's model, read in one transaction.
public struct StocktakeListPage: Sendable {
    public let items: [StocktakeListItem]
    public let cadence: [StocktakeCadenceRow]
}

extension StocktakeQueries {
    static func cadence(_ db: any SQLDatabase, viewer: Principal, today: String) async throws -> [StocktakeCadenceRow] {
        let warehouses = try await MasterDataService.visibleWarehouses(db, viewer: viewer).filter(\.active)
        var lastCount: [String: String] = [:]
        let rows = try await db.raw("""
            SELECT sw.warehouse_id, MAX(s.distributed_at) AS last_at FROM stocktake_warehouses sw JOIN stocktakes s ON s.id = sw.stocktake_id
            WHERE s.scope = 'full' AND s.kind <> 'spot' AND s.distributed_at IS NOT NULL
              AND s.status IN ('submitted', 'approved', 'adjusted', 'closed')
            GROUP BY sw.warehouse_id
            """).all()
        for row in rows {
            guard let at = try row.decodeNil(column: "last_at") ? nil : row.decode(column: "last_at", as: Int64.self) else { continue }
            lastCount[try row.decode(column: "warehouse_id", as: String.self)] = MaterialValidation.today(Date(timeIntervalSince1970: Double(at) / 1000))
        }
        let order: [StocktakeCadence.Due: Int] = [.overdue: 0, .due: 1, .done: 2]
        return warehouses.map { w in
            let cadence = StocktakeCadence.of(departmentWarehouse: w.departmentId == w.orgUnitId)
            let last = lastCount[w.id]
            return StocktakeCadenceRow(warehouseId: w.id, warehouseCode: w.code, warehouseName: w.name, orgUnitId: w.orgUnitId, cadence: cadence.rawValue,
                                       lastCount: last, due: cadence.due(lastCount: last, today: today).rawValue, dueBy: cadence.periodEnd(today))
        }.sorted { a, b in
            let (x, y) = (order[StocktakeCadence.Due(rawValue: a.due) ?? .due] ?? 1, order[StocktakeCadence.Due(rawValue: b.due) ?? .due] ?? 1)
            return x != y ? x < y : a.warehouseCode < b.warehouseCode
        }
    }
}

extension StocktakeService {
    /// The stocktake list and the STK-01/02 cadence per warehouse, in one read.
    public func listPage(viewer: Principal, now: Date = Date()) async throws -> StocktakeListPage {
        try MaterialAccess.requireViewer(viewer)
        let today = MaterialValidation.today(now)
        return try await store.read { db in
            StocktakeListPage(items: try await StocktakeQueries.list(db, viewer: viewer, today: today),
                              cadence: try await StocktakeQueries.cadence(db, viewer: viewer, today: today))
        }
    }
}
