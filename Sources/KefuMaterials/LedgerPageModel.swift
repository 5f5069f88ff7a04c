import Foundation
import KefuDomain
import KefuPlatform

/// #11.5, #11.6, LED-06: the 出入库流水账 page — the warehouses to choose from, the chosen one's movements in the
/// period and their 期初结存 / 合计 — read in one transaction.
struct LedgerPageModel: Sendable {
    let warehouses: [WarehouseView]
    let warehouse: WarehouseView?
    let from: String
    let to: String
    let rows: [LedgerRow]
    let summary: LedgerSummary
}

extension StockQueries {
    /// `warehouseId` absent: the first warehouse the viewer sees; `from`/`to` absent: today.
    func ledgerPage(warehouseId: String?, from rawFrom: String?, to rawTo: String?, viewer: Principal, now: Date = Date()) async throws -> LedgerPageModel {
        try MaterialAccess.requireViewer(viewer)
        let today = MaterialValidation.today(now)
        let from = try MaterialValidation.date(rawFrom ?? today, now: now), to = try MaterialValidation.date(rawTo ?? today, now: now)
        return try await store.read { db in
            let warehouses = try await MasterDataService.visibleWarehouses(db, viewer: viewer)
            let chosen = TextRules.trimmed(warehouseId) ?? warehouses.first?.id
            var rows: [LedgerRow] = []
            if let chosen { rows = try await Self.ledger(db, warehouseId: chosen, from: from, to: to, itemId: nil, viewer: viewer) }
            return LedgerPageModel(warehouses: warehouses, warehouse: warehouses.first { $0.id == chosen }, from: from, to: to, rows: rows, summary: LedgerSummary(rows))
        }
    }
}
