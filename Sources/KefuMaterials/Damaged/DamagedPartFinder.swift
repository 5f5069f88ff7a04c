import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #13.3: damaged parts (SH-…) and their return batches (FH-…) in the quick search, by their whole number (unique
/// indexes), only where the viewer may see them (the lists' scope; production sees every batch).
public struct DamagedPartFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("damaged_part", Text("损坏件", "Damaged parts")), SearchKind("damaged_return", Text("损坏件返回批次", "Damaged-part returns"))]
    }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        let roles = r.viewer.roles
        guard !roles.isDisjoint(with: MaterialPermissions.viewers), let n = r.query.number else { return [] }
        let number = n.formatted(dash: true, width: 6)
        var hits: [SearchHit] = []
        if r.wants("damaged_part"), n.prefix == DamagedPartService.partPrefix {
            for row in try await db.prepared("""
                SELECT p.id, p.org_path, p.status, p.turbine_number, i.name FROM damaged_parts p JOIN items i ON i.id = p.item_id WHERE p.number = \(bind: number)
                """).all() where MaterialPermissions.canView(roles, covers: r.viewer.covers(unitPath: try row.decode(column: "org_path", as: String.self))) {
                let id = try row.decode(column: "id", as: String.self)
                hits.append(SearchHit(kind: "damaged_part", id: id, number: number,
                                      title: (try row.decode(column: "name", as: String.self)) + " · " + (try row.decode(column: "turbine_number", as: String.self)),
                                      detail: DamagedLabels.partStatus(try row.decode(column: "status", as: String.self))(r.locale),
                                      href: "/materials/damaged-parts/\(id)"))
            }
        }
        if r.wants("damaged_return"), n.prefix == DamagedPartService.returnPrefix {
            for row in try await db.prepared("SELECT id, org_path, status FROM damaged_returns WHERE number = \(bind: number)").all()
                where DamagedReturnRule.canSeeBatch(roles, covers: r.viewer.covers(unitPath: try row.decode(column: "org_path", as: String.self))) {
                let id = try row.decode(column: "id", as: String.self)
                hits.append(SearchHit(kind: "damaged_return", id: id, number: number, title: Text("返修损坏备件清单", "Damaged-parts return")(r.locale),
                                      detail: DamagedLabels.returnStatus(try row.decode(column: "status", as: String.self))(r.locale),
                                      href: "/materials/damaged-returns/\(id)"))
            }
        }
        return hits
    }
}
