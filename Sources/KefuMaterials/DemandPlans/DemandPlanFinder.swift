import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #13.1 item 2: an annual demand plan found by its whole number (XQ-2026-0001, unique index), where the viewer reads it.
public struct DemandPlanFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("demand_plan", Text("年度物资需求计划", "Annual demand plans"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("demand_plan"), let number = r.query.number, number.prefix == "XQ" else { return [] }
        let formatted = number.formatted(dash: true, width: 4)
        var hits: [SearchHit] = []
        for row in try await db.prepared("""
            SELECT id, year, state, org_path, \(unsafeRaw: OrgQueries.unitNameSQL("org_unit_id")) AS unit_name FROM demand_plans WHERE number = \(bind: formatted)
            """).all() {
            let published = try row.decode(column: "state", as: String.self) == DemandPlanState.published.rawValue
            guard DemandPlanRules.mayView(r.viewer.roles, userPath: r.viewer.orgPath, planPath: try row.decode(column: "org_path", as: String.self), published: published)
            else { continue }
            let id = try row.decode(column: "id", as: String.self)
            hits.append(SearchHit(kind: "demand_plan", id: id, number: formatted,
                                  title: (try row.decode(column: "unit_name", as: String?.self) ?? "") + " · " + String(try row.decode(column: "year", as: Int.self)),
                                  detail: (published ? Text("已发布", "Published") : Text("草稿", "Draft"))(r.locale),
                                  href: "\(DemandPlanPages.path)/\(id)"))
        }
        return hits
    }
}
