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
            return BinsPageModel(warehouses: visible, warehouse: w, bins: try await Self.bins(db, warehouseId: w.id, viewer: viewer),
                                 stock: try await Self.batches(db, itemId: nil, warehouseId: w.id, binId: nil, nearOnly: false, viewer: viewer, now: now),
                                 canEdit: MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: w.orgPath)))
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
