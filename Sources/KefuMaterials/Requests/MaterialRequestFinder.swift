import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #13.1: a 内部联络单 found by its whole number (LL-2026-000001, unique index), where the viewer may see it; an
/// archived one (#17.6) by its tombstone.
public struct MaterialRequestFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("material_request", Text("内部联络单", "Material requests"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("material_request"), let number = r.query.number, number.prefix == "LL" else { return [] }
        let formatted = number.formatted(dash: true, width: 6)
        var hits: [SearchHit] = []
        for row in try await db.prepared("""
            SELECT id, state, reason, org_path, \(unsafeRaw: OrgQueries.unitNameSQL("org_unit_id")) AS unit_name FROM material_requests WHERE number = \(bind: formatted)
            """).all() {
            guard MaterialRequestService.canView(r.viewer, path: try row.decode(column: "org_path", as: String.self)) else { continue }
            let id = try row.decode(column: "id", as: String.self)
            hits.append(SearchHit(kind: "material_request", id: id, number: formatted,
                                  title: (try row.decode(column: "unit_name", as: String?.self) ?? "") + " · " + (try row.decode(column: "reason", as: String.self)),
                                  detail: MaterialRequestLabels.state(try row.decode(column: "state", as: String.self))(r.locale),
                                  href: "\(MaterialRequestPages.path)/\(id)"))
        }
        if hits.isEmpty {
            // #17.6 RET-04: an archived request's number finds its tombstone.
            for row in try await db.raw(RetentionTombstones.lookup(kind: .materialRequest, number: formatted)).all() {
                let t = try RetentionTombstones.Tombstone(row: row)
                guard MaterialRequestService.canView(r.viewer, path: t.orgPath ?? "") else { continue }
                hits.append(t.searchHit(kind: "material_request", href: "\(MaterialRequestPages.path)/\(t.recordId)", locale: r.locale))
            }
        }
        return hits
    }
}
