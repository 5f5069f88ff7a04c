import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for #13.5: a tool loan found by its whole number (JY-2026-000001, JY2026-1 …; the unique index on `number`),
/// only where the viewer may see its warehouse (D16), as the register does.
public struct ToolLoanFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("tool_loan", Text("工具借用单", "Tool loans"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("tool_loan"), let n = r.query.number, n.prefix == "JY", !r.viewer.roles.isDisjoint(with: MaterialPermissions.viewers) else { return [] }
        let number = n.formatted(dash: true, width: 6)
        var hits: [SearchHit] = []
        for row in try await db.prepared("""
            SELECT t.id, t.status, t.borrower, t.org_path, i.name AS item FROM tool_loans t JOIN items i ON i.id = t.item_id WHERE t.number = \(bind: number)
            """).all() where MaterialPermissions.canView(r.viewer.roles, covers: r.viewer.covers(unitPath: try row.decode(column: "org_path", as: String.self))) {
            let id = try row.decode(column: "id", as: String.self)
            hits.append(SearchHit(kind: "tool_loan", id: id, number: number,
                                  title: (try row.decode(column: "item", as: String.self)) + " · " + (try row.decode(column: "borrower", as: String.self)),
                                  detail: ToolLoanLabels.status(try row.decode(column: "status", as: String.self))(r.locale), href: "/materials/tool-loans/\(id)"))
        }
        return hits
    }
}
