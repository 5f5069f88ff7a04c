import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1, #13.2: arrival checks in the quick search by their whole number (DH-2026-000001, unique index), only where
/// the viewer may see the warehouse (D16), as the list does.
public struct ArrivalFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("arrival", Text("到货验收单", "Arrival checks"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("arrival"), !r.viewer.roles.isDisjoint(with: MaterialPermissions.viewers),
              let parsed = r.query.number, parsed.prefix == ArrivalService.numberPrefix else { return [] }
        let number = parsed.formatted(dash: true, width: 6)
        var hits: [SearchHit] = []
        for row in try await db.prepared("""
            SELECT a.id, a.status, a.org_path, a.provisional, w.name AS warehouse FROM arrivals a JOIN warehouses w ON w.id = a.warehouse_id
            WHERE a.number = \(bind: number)
            """).all() {
            let path = try row.decode(column: "org_path", as: String.self)
            let provisional = try row.decode(column: "provisional", as: Int.self) != 0
            let sees = MaterialPermissions.canView(r.viewer.roles, covers: r.viewer.covers(unitPath: path))
                || (provisional && !r.viewer.roles.isDisjoint(with: ArrivalRules.confirmers))
            guard sees else { continue }
            let id = try row.decode(column: "id", as: String.self)
            let status = ArrivalStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .checking
            hits.append(SearchHit(kind: "arrival", id: id, number: number, title: try row.decode(column: "warehouse", as: String.self),
                                  detail: ArrivalLabels.status(status)(r.locale), href: "/materials/arrivals/\(id)"))
        }
        return hits
    }
}
