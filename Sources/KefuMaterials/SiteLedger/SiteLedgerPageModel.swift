import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// What the site-ledger pages draw, each built in one read transaction.
public struct SiteLedgerPageModel: Sendable {
    public struct Pick: Sendable { let itemId: String; let code: String; let name: String; let spec: String; let unit: String; let quantity: Quantity }

    /// The day shown (nil: a new one).
    let ledger: SiteLedgerView?
    /// A new day: the good warehouses the viewer may keep a ledger for; the chosen one.
    let warehouses: [WarehouseView]
    let warehouse: WarehouseView?
    /// LED-02: the chosen warehouse's on-hand list — the picker offers only these.
    let picks: [Pick]
    let suppliers: [SupplierView]
    let attachments: [Attachments.View]
    /// LED-06 期初结存: each line item's book balance before the day.
    let opening: [String: Quantity]
    let canEdit: Bool
}

public struct SiteLedgerListModel: Sendable {
    let date: String
    let standings: [SiteLedgerStandingRow]
    let days: ListPage<SiteLedgerView>
}

extension SiteLedgerService {
    public func pageModel(id: String?, warehouseId: String?, viewer: Principal) async throws -> SiteLedgerPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            var ledger: SiteLedgerView?
            var warehouse: WarehouseView?
            var warehouses: [WarehouseView] = []
            if let id {
                ledger = try await SiteLedgerQueries.view(db, id: id, viewer: viewer)
                warehouse = try await MasterDataService.warehouse(db, id: ledger!.warehouseId)
            } else {
                warehouses = try await db.raw("SELECT \(unsafeRaw: WarehouseView.columns) FROM warehouses WHERE active = 1 AND condition = 'good' ORDER BY code")
                    .all().map(WarehouseView.init(row:))
                    .filter { MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: $0.orgPath)) }
                warehouse = warehouses.first { $0.id == warehouseId } ?? (warehouses.count == 1 ? warehouses.first : nil)
            }
            var picks: [SiteLedgerPageModel.Pick] = []
            var opening: [String: Quantity] = [:]
            if let w = warehouse {
                picks = try await db.raw("""
                    SELECT b.item_id, i.code, i.name, i.spec, i.unit, b.quantity FROM stock_balances b JOIN items i ON i.id = b.item_id
                    WHERE b.warehouse_id = \(bind: w.id) AND i.active = 1 ORDER BY i.code
                    """).all().map {
                    SiteLedgerPageModel.Pick(itemId: try $0.decode(column: "item_id", as: String.self), code: try $0.decode(column: "code", as: String.self),
                                             name: try $0.decode(column: "name", as: String.self), spec: try $0.decode(column: "spec", as: String.self),
                                             unit: try $0.decode(column: "unit", as: String.self), quantity: Quantity(milli: try $0.decode(column: "quantity", as: Int64.self)))
                }
                if let ledger {
                    for row in try await db.raw("""
                        SELECT item_id, CAST(SUM(quantity) AS BIGINT) AS q FROM stock_movements WHERE warehouse_id = \(bind: w.id) AND doc_date < \(bind: ledger.date) GROUP BY item_id
                        """).all() {
                        opening[try row.decode(column: "item_id", as: String.self)] = Quantity(milli: try row.decode(column: "q", as: Int64?.self) ?? 0)
                    }
                }
            }
            let suppliers = try await db.raw("SELECT \(unsafeRaw: SupplierView.columns) FROM suppliers WHERE active = 1 ORDER BY code").all().map(SupplierView.init(row:))
            var attachments: [Attachments.View] = []
            if let ledger { attachments = try await Attachments.list(db, ownerKind: "site_ledger", ownerId: ledger.id) }
            let canEdit = warehouse.map { MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: $0.orgPath)) } ?? false
            return SiteLedgerPageModel(ledger: ledger, warehouses: warehouses, warehouse: warehouse, picks: picks, suppliers: suppliers,
                                       attachments: attachments, opening: opening, canEdit: canEdit)
        }
    }

    public func listModel(date: String?, query: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> SiteLedgerListModel {
        try MaterialAccess.requireViewer(viewer)
        let today = Self.today(now)
        let day = try TextRules.trimmed(date).map { try MaterialValidation.date($0, now: now) } ?? CivilDay(number: today.number - 1).iso
        let filter = try SiteLedgerQueries.Filter.parse(query)
        return try await store.read { db in
            SiteLedgerListModel(date: day, standings: try await SiteLedgerQueries.standings(db, date: day, orgUnitId: nil, today: today, viewer: viewer),
                                days: try await SiteLedgerQueries.list(db, filter, paging: paging, viewer: viewer))
        }
    }
}
