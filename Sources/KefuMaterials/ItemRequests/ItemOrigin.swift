import KefuDomain
import KefuPlatform
import SQLKit

/// MAT-05: the request an item was created from, for the link from the item back to it.
struct ItemOrigin: Sendable {
    let requestId: String
    let unitName: String

    /// The approved request that created `itemId`, when the viewer may see it.
    static func of(_ db: any SQLDatabase, itemId: String, viewer: Principal) async throws -> ItemOrigin? {
        guard let row = try await db.raw("\(unsafeRaw: ItemRequestSummary.select) WHERE r.item_id = \(bind: itemId) ORDER BY r.created_at LIMIT 1").first() else { return nil }
        let r = try ItemRequestSummary(row: row)
        guard MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: r.orgPath)) else { return nil }
        return ItemOrigin(requestId: r.id, unitName: r.unitName)
    }
}

/// The item page's model: the item and the request it came from, read together (one read transaction).
struct ItemPageModel: Sendable {
    let item: ItemView
    let origin: ItemOrigin?
}

extension MasterDataService {
    func itemPageModel(id: String, viewer: Principal) async throws -> ItemPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            guard let item = try await Self.item(db, id: id) else { throw AppError.notFound(Text("存货", "Item")) }
            return ItemPageModel(item: item, origin: try await ItemOrigin.of(db, itemId: id, viewer: viewer))
        }
    }
}
