import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The register (LND-02): the loans of one view (open, overdue, all) in the viewer's scope, the tab counts, the
/// warehouses for the filter, and whether the viewer lends anywhere.
public struct ToolLoanRegisterModel: Sendable {
    let filter: ToolLoanQueries.Filter
    let loans: ListPage<ToolLoanView>
    let openCount: Int
    let overdueCount: Int
    let warehouses: [WarehouseView]
    let canLend: Bool
}

/// The loan form (LND-01): the good warehouses the viewer may lend from, the chosen one, and its tools with what can
/// still be lent (on hand less what is out).
public struct ToolLoanFormModel: Sendable {
    public struct Pick: Sendable { let itemId: String; let code: String; let name: String; let spec: String; let unit: String; let available: Quantity }
    let warehouses: [WarehouseView]
    let warehouse: WarehouseView?
    let picks: [Pick]
    let today: String
}

extension ToolLoanService {
    public func registerModel(_ q: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ToolLoanRegisterModel {
        try MaterialAccess.requireViewer(viewer)
        let filter = try ToolLoanQueries.Filter.parse(q)
        let today = Self.today(now)
        return try await store.read { db in
            let counts = try await ToolLoanQueries.counts(db, viewer: viewer, today: today)
            let warehouses = try await MasterDataService.visibleWarehouses(db, viewer: viewer).filter { $0.active && $0.conditionValue == .good }
            return ToolLoanRegisterModel(filter: filter, loans: try await ToolLoanQueries.list(db, filter, paging: paging, viewer: viewer, today: today),
                                         openCount: counts.open, overdueCount: counts.overdue, warehouses: warehouses,
                                         canLend: warehouses.contains { ToolLoanRules.mayLend(roles: viewer.roles, userPath: viewer.orgPath, warehousePath: $0.orgPath) })
        }
    }

    public func formModel(warehouseId: String?, viewer: Principal, now: Date = Date()) async throws -> ToolLoanFormModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let warehouses = try await MasterDataService.visibleWarehouses(db, viewer: viewer).filter {
                $0.active && $0.conditionValue == .good && ToolLoanRules.mayLend(roles: viewer.roles, userPath: viewer.orgPath, warehousePath: $0.orgPath)
            }
            guard !warehouses.isEmpty else {
                throw AppError.forbidden(Text("只有现场的保管员或现场总代表可以登记工具借用（LND-01）", "Only a site's keeper or site lead lends its tools (LND-01)"))
            }
            let warehouse = warehouses.first { $0.id == TextRules.trimmed(warehouseId) } ?? (warehouses.count == 1 ? warehouses.first : nil)
            var picks: [ToolLoanFormModel.Pick] = []
            if let w = warehouse {
                picks = try await db.raw("""
                    SELECT b.item_id, i.code, i.name, i.spec, i.unit, b.quantity,
                        CAST(COALESCE((SELECT SUM(t.quantity) FROM tool_loans t WHERE t.warehouse_id = b.warehouse_id AND t.item_id = b.item_id AND t.status = 'open'), 0) AS BIGINT) AS lent
                    FROM stock_balances b JOIN items i ON i.id = b.item_id
                    WHERE b.warehouse_id = \(bind: w.id) AND i.active = 1 AND b.quantity > 0 ORDER BY i.code
                    """).all().map {
                    ToolLoanFormModel.Pick(itemId: try $0.decode(column: "item_id", as: String.self), code: try $0.decode(column: "code", as: String.self),
                                           name: try $0.decode(column: "name", as: String.self), spec: try $0.decode(column: "spec", as: String.self),
                                           unit: try $0.decode(column: "unit", as: String.self),
                                           available: ToolLoanRules.available(onHand: Quantity(milli: try $0.decode(column: "quantity", as: Int64.self)),
                                                                              lentOut: Quantity(milli: try $0.decode(column: "lent", as: Int64?.self) ?? 0)))
                }
            }
            return ToolLoanFormModel(warehouses: warehouses, warehouse: warehouse, picks: picks, today: MaterialValidation.today(now))
        }
    }

    /// The loan page: the loan as the viewer sees it (its actions say whether the return form is drawn).
    public func pageModel(id: String, viewer: Principal, now: Date = Date()) async throws -> ToolLoanView {
        try await get(id: id, viewer: viewer, now: now)
    }
}
