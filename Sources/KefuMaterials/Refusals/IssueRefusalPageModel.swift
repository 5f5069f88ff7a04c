import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The refusals page's model (ISS-05): one page of the refusals the viewer sees, newest first, and the warehouses where
/// the viewer may log one. Read in one transaction by `IssueRefusalService.pageModel`.
struct IssueRefusalPageModel: Sendable {
    struct WarehouseChoice: Sendable { let id: String; let code: String; let name: String }
    let refusals: ListPage<IssueRefusalView>
    let warehouses: [WarehouseChoice]
}

extension IssueRefusalService {
    func pageModel(paging: Paging, viewer: Principal) async throws -> IssueRefusalPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let scope: SQLQueryString = MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) ? "" : "WHERE r.org_path LIKE \(bind: viewer.orgPath + "%")"
            let total = try await db.raw("SELECT COUNT(*) AS n FROM issue_refusals r \(scope)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("\(unsafeRaw: Self.select) \(scope) ORDER BY r.refused_at DESC, r.id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
                .all().map(IssueRefusalView.init(row:))
            let warehouses = try await db.raw("SELECT id, code, name, org_path FROM warehouses WHERE active = 1 ORDER BY code").all().compactMap { row -> IssueRefusalPageModel.WarehouseChoice? in
                let path = try row.decode(column: "org_path", as: String.self)
                guard MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: path)) else { return nil }
                return .init(id: try row.decode(column: "id", as: String.self), code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self))
            }
            return IssueRefusalPageModel(refusals: ListPage(items: rows, page: paging.page, per: paging.per, total: total), warehouses: warehouses)
        }
    }
}
