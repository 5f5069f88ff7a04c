import KefuDomain
import KefuPlatform

/// #11.6: the stock-document list as its page shows it — the page of documents and the filter's choices (warehouses
/// and the units that own them) — read in one transaction by `StockDocumentService.listPageModel`.
struct DocumentListPageModel: Sendable {
    let result: ListPage<StockDocumentView>
    let warehouses: [WarehouseView]
    let units: [(id: String, name: String)]
}

/// #11.6: the transfer list with the names of the warehouses the viewer sees, read in one transaction.
struct TransferListPageModel: Sendable {
    let result: ListPage<TransferView>
    let warehouseNames: [String: String]
}

/// #11.6: the on-hand page: the balances asked for and the filter's choices, read in one transaction.
struct OnHandPageModel: Sendable {
    let rows: [OnHandRow]
    let warehouses: [WarehouseView]
    let items: [ItemView]
}

extension StockDocumentService {
    func listPageModel(_ filter: DocumentFilter, paging: Paging, viewer: Principal) async throws -> DocumentListPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let result = try await DocumentQueries.list(db, filter, paging: paging, viewer: viewer)
            let warehouses = try await MasterDataService.visibleWarehouses(db, viewer: viewer)
            return DocumentListPageModel(result: result, warehouses: warehouses, units: try await MasterDataService.ownerUnits(db, of: warehouses))
        }
    }
}

extension TransferService {
    func listPageModel(paging: Paging, viewer: Principal) async throws -> TransferListPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let result = try await Self.list(db, paging: paging, viewer: viewer)
            let warehouses = try await MasterDataService.visibleWarehouses(db, viewer: viewer)
            return TransferListPageModel(result: result, warehouseNames: Dictionary(uniqueKeysWithValues: warehouses.map { ($0.id, $0.name) }))
        }
    }
}

extension StockQueries {
    func onHandPageModel(warehouseId: String?, itemId: String?, viewer: Principal) async throws -> OnHandPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            OnHandPageModel(rows: try await Self.onHand(db, warehouseId: warehouseId, itemId: itemId, viewer: viewer),
                            warehouses: try await MasterDataService.visibleWarehouses(db, viewer: viewer),
                            items: try await MasterDataService.allItems(db))
        }
    }
}
