import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for #13.3: a commercial-repair application found by its whole number (SX-2026-000001, SX2026-1 …; the unique
/// index on `number`), only where the viewer may see its department (D16), as the list does.
public struct CommercialRepairFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("commercial_repair", CommercialRepairLabels.title)] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("commercial_repair"), let n = r.query.number, n.prefix == CommercialRepairService.prefix,
              !r.viewer.roles.isDisjoint(with: MaterialPermissions.viewers) else { return [] }
        let number = n.formatted(dash: true, width: 6)
        var hits: [SearchHit] = []
        for row in try await db.prepared("SELECT id, status, kind, org_path FROM commercial_repairs WHERE number = \(bind: number)").all()
        where MaterialPermissions.canView(r.viewer.roles, covers: r.viewer.covers(unitPath: try row.decode(column: "org_path", as: String.self))) {
            let id = try row.decode(column: "id", as: String.self)
            hits.append(SearchHit(kind: "commercial_repair", id: id, number: number, title: CommercialRepairLabels.kind(try row.decode(column: "kind", as: String.self))(r.locale),
                                  detail: CommercialRepairLabels.status(try row.decode(column: "status", as: String.self))(r.locale),
                                  href: "/materials/commercial-repairs/\(id)"))
        }
        return hits
    }
}
