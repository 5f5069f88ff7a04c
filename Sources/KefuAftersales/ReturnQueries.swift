import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.8: the reads of returns; the service keeps the steps.
extension ReturnService {
    public func get(id: String, viewer: Principal) async throws -> ReturnView {
        try AftersalesAccess.require(viewer, .view)
        return try await store.read { db in
            guard let row = try await db.raw("SELECT * FROM returns WHERE id = \(bind: id)").first() else { throw AppError.notFound(Text("退换货单", "Return")) }
            try AftersalesRecords.requireInScope(viewer, recordPath: try row.decode(column: "org_path", as: String.self), Text("退换货单", "Return"))
            var view = try ReturnView(row)
            view.history = try await AuditTrail.entries(db, entity: "return", entityId: id)
            return view
        }
    }

    public func list(status raw: String?, paging: Paging, viewer: Principal) async throws -> ListPage<ReturnView> {
        try AftersalesAccess.require(viewer, .view)
        return try await StatusLists.page(store, table: "returns", newestFirst: "created_at", status: raw, ReturnStatus.self, paging: paging,
                                           scope: AftersalesRecords.condition(viewer, path: "org_path")) { try ReturnView($0) }
    }
}
