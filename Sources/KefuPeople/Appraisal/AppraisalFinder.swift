import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for appraisal plans (#15.5 KPI-04): a plan found by its whole number (KH-2026-000001), only by those who
/// read its unit's plans (its heads, the general manager, administrators of the unit or above).
public struct AppraisalFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("appraisal_plan", Text("考核奖惩方案", "Appraisal plans"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("appraisal_plan"), let number = r.query.number, number.prefix == "KH" else { return [] }
        return try await db.raw("\(unsafeRaw: AppraisalPlanRow.select) WHERE p.number = \(bind: number.formatted(dash: true, width: 6))").all()
            .map(AppraisalPlanRow.init(row:))
            .filter { AppraisalQueries.mayRead(r.viewer, unitPath: $0.orgPath) }
            .map { p in
                SearchHit(kind: "appraisal_plan", id: p.id, number: p.number, title: p.orgUnitName + " · " + p.period,
                          detail: AppraisalPages.statusLabel(p.status.rawValue)(r.locale), href: "/people/appraisal-plans/\(p.id)")
            }
    }
}
