import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #12.4: the location list of a warehouse (STO-03/04 库位表): its bins, what lies where, and the forms' choices.
struct BinsPageModel: Sendable {
    let warehouses: [WarehouseView]
    let warehouse: WarehouseView?
    let bins: [BinView]
    /// The warehouse's stock per place (bin × batch), FEFO order per item.
    let stock: [BatchStockRow]
    /// Lays out bins and moves stock here (DOC-08: who enters its documents).
    let canEdit: Bool
    /// STO-02: the ABC class of each item held (item id → class).
    var classes: [String: ABCClass] = [:]
}

/// STO-04: a printable bin card.
struct BinCardModel: Sendable {
    struct Line: Sendable {
        let item: ItemView
        let batchNo: String?
        let expiryDate: String?
        let quantity: Quantity
    }
    let bin: BinView
    let warehouseName: String
    let lines: [Line]
}

/// STO-05: stock per batch with the near-expiry flags, filtered.
struct BatchesPageModel: Sendable {
    let warehouses: [WarehouseView]
    let items: [ItemView]
    let rows: [BatchStockRow]
}

extension StorageQueries {
    func binsPage(warehouseId: String?, viewer: Principal, now: Date = Date()) async throws -> BinsPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let visible = try await MasterDataService.visibleWarehouses(db, viewer: viewer)
            let chosen = TextRules.trimmed(warehouseId).flatMap { id in visible.first { $0.id == id } } ?? visible.first
            guard let w = chosen else { return BinsPageModel(warehouses: visible, warehouse: nil, bins: [], stock: [], canEdit: false) }
            let stock = try await Self.batches(db, itemId: nil, warehouseId: w.id, binId: nil, nearOnly: false, viewer: viewer, now: now)
            return BinsPageModel(warehouses: visible, warehouse: w, bins: try await Self.bins(db, warehouseId: w.id, viewer: viewer), stock: stock,
                                 canEdit: MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: w.orgPath)),
                                 classes: try await StorageLookups.items(db, ids: Array(Set(stock.map(\.itemId)))).mapValues(\.abcClass))
        }
    }

    func binCard(id: String, viewer: Principal, now: Date = Date()) async throws -> BinCardModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            guard let bin = try await db.raw("SELECT \(unsafeRaw: BinView.columns) FROM bins b JOIN warehouses w ON w.id = b.warehouse_id WHERE b.id = \(bind: id)")
                    .first().map(BinView.init(row:)),
                  let w = try await MasterDataService.warehouse(db, id: bin.warehouseId) else { throw AppError.notFound(Text("库位", "Bin")) }
            try MaterialAccess.requireView(viewer, w)
            let rows = try await Self.batches(db, itemId: nil, warehouseId: w.id, binId: bin.id, nearOnly: false, viewer: viewer, now: now)
            var lines: [BinCardModel.Line] = []
            for r in rows {
                guard let item = try await MasterDataService.item(db, id: r.itemId) else { continue }
                lines.append(.init(item: item, batchNo: r.batchNo, expiryDate: r.expiryDate, quantity: r.quantity))
            }
            return BinCardModel(bin: bin, warehouseName: w.name, lines: lines)
        }
    }

    func batchesPage(warehouseId: String?, itemId: String?, nearOnly: Bool, viewer: Principal, now: Date = Date()) async throws -> BatchesPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            BatchesPageModel(warehouses: try await MasterDataService.visibleWarehouses(db, viewer: viewer),
                             items: try await db.raw("SELECT \(unsafeRaw: ItemView.columns) FROM items ORDER BY code").all().map(ItemView.init(row:)),
                             rows: try await Self.batches(db, itemId: TextRules.trimmed(itemId), warehouseId: TextRules.trimmed(warehouseId), binId: nil,
                                                          nearOnly: nearOnly, viewer: viewer, now: now))
        }
    }
}

/// STO-06/07/09: one register's page — its entries (filtered), the forms' choices, and for maintenance what is due.
struct RegisterPageModel: Sendable {
    let kind: StorageRegisterKind
    let warehouses: [WarehouseView]
    /// Warehouses the viewer may write the register of.
    let writable: [WarehouseView]
    let items: [ItemView]
    let entries: [StorageRegisterEntry]
    /// STO-06: batches due for maintenance (maintenance register only).
    let due: [BatchStockRow]
}

extension StorageRegisterService {
    func pageModel(kind: StorageRegisterKind, warehouseId: String?, from: String?, to: String?, viewer: Principal, now: Date = Date()) async throws -> RegisterPageModel {
        try MaterialAccess.requireViewer(viewer)
        let warehouseId = TextRules.trimmed(warehouseId)
        let from = try TextRules.trimmed(from).map { try MaterialValidation.date($0, now: now) }
        let to = try TextRules.trimmed(to).map { try MaterialValidation.date($0, now: now) }
        return try await store.read { db in
            let visible = try await MasterDataService.visibleWarehouses(db, viewer: viewer)
            let due = kind == .maintenance
                ? try await StorageQueries.batches(db, itemId: nil, warehouseId: warehouseId, binId: nil, nearOnly: false, viewer: viewer, now: now)
                    .filter { StorageRegisterRules.isDue($0.maintenanceDue, today: MaterialValidation.today(now)) }
                : []
            return RegisterPageModel(
                kind: kind, warehouses: visible,
                writable: visible.filter { MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: $0.orgPath)) },
                items: kind == .maintenance ? try await db.raw("SELECT \(unsafeRaw: ItemView.columns) FROM items WHERE active = 1 ORDER BY code").all().map(ItemView.init(row:)) : [],
                entries: try await Self.entries(db, kind: kind, warehouseId: warehouseId, from: from, to: to, id: nil, viewer: viewer), due: due)
        }
    }
}
