import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.5: low stock: the item master's 储备定额 (reserve quota, MAT-04: the target stock level) is the safety level;
/// a (warehouse, item) in the viewer's scope that holds or held the item and is now below its quota is low. Active
/// items and warehouses only; the largest shortfall first.
public struct LowStock: Sendable {
    public struct Row: Sendable {
        public let warehouseId: String
        public let warehouseName: String
        public let itemId: String
        public let itemCode: String
        public let itemName: String
        public let unit: String
        public let onHand: Quantity
        public let quota: Quantity
    }

    public let rows: [Row]
    public let count: Int

    /// Reads within the caller's transaction; nothing for a viewer outside the material books.
    public static func read(_ db: any SQLDatabase, viewer: Principal, shown: Int = 8) async throws -> LowStock {
        guard !viewer.roles.isDisjoint(with: MaterialPermissions.viewers) else { return LowStock(rows: [], count: 0) }
        var conditions: [SQLQueryString] = ["i.reserve_quota IS NOT NULL", "b.quantity < i.reserve_quota", "i.active = 1", "w.active = 1"]
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("w.org_path LIKE \(bind: viewer.orgPath + "%")") }
        let whereClause = SQLList(conditions, separator: SQLRaw(" AND "))
        let from: SQLQueryString = "stock_balances b JOIN warehouses w ON w.id = b.warehouse_id JOIN items i ON i.id = b.item_id"
        let count = try await db.raw("SELECT COUNT(*) AS n FROM \(from) WHERE \(whereClause)").first()!.decode(column: "n", as: Int.self)
        let rows = try await db.raw("""
            SELECT b.warehouse_id, w.name AS warehouse_name, b.item_id, i.code AS item_code, i.name AS item_name, i.unit, b.quantity, i.reserve_quota
            FROM \(from) WHERE \(whereClause) ORDER BY i.reserve_quota - b.quantity DESC, w.code, i.code LIMIT \(bind: shown)
            """).all().map { r in
            Row(warehouseId: try r.decode(column: "warehouse_id", as: String.self), warehouseName: try r.decode(column: "warehouse_name", as: String.self),
                itemId: try r.decode(column: "item_id", as: String.self), itemCode: try r.decode(column: "item_code", as: String.self),
                itemName: try r.decode(column: "item_name", as: String.self), unit: try r.decode(column: "unit", as: String.self),
                onHand: Quantity(milli: try r.decode(column: "quantity", as: Int64.self)), quota: Quantity(milli: try r.decode(column: "reserve_quota", as: Int64.self)))
        }
        return LowStock(rows: rows, count: count)
    }
}
