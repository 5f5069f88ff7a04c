import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.8: the reads of returns; the service keeps the steps.
extension ReturnService {
    public func get(id: String, viewer: Principal) async throws -> ReturnView {
        try AftersalesAccess.require(viewer, .view)
        return try await store.read { db in
            guard let row = try await db.raw("SELECT * FROM returns WHERE id = \(bind: id)").first() else {
                // #17.6 RET-04: an archived return (its hand-offs' links, a bookmark) says when and where it went — in scope, as the return was.
                throw try await Self.missing(db, id: id, viewer: viewer)
            }
            try AftersalesRecords.requireInScope(viewer, recordPath: try row.decode(column: "org_path", as: String.self), Text("退换货单", "Return"))
            var view = try ReturnView(row)
            view.history = try await AuditTrail.entries(db, entity: "return", entityId: id)
            return view
        }
    }

    /// The answer for a return that is not (or no longer) in the database (`AftersalesRecords.missing`).
    static func missing(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> AppError {
        try await AftersalesRecords.missing(db, .returnRecord, id: id, viewer: viewer, Text("退换货单", "Return"))
    }

    public func list(status raw: String?, paging: Paging, viewer: Principal) async throws -> ListPage<ReturnView> {
        try AftersalesAccess.require(viewer, .view)
        return try await StatusLists.page(store, table: "returns", newestFirst: "created_at", status: raw, ReturnStatus.self, paging: paging,
                                           scope: AftersalesRecords.condition(viewer, path: "org_path")) { try ReturnView($0) }
    }
}
