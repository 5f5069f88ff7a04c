import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for SAT-09 (#15.5): a reward record (JL-2026-0001) or a notice (ZG-2026-0002) found by its whole number, for
/// staff holding the after-sales view step and only within their after-sales scope (as the list).
public struct SatisfactionAssessmentFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("satisfaction_assessment", Text("满意度考核", "Satisfaction assessments"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        let p = r.viewer
        guard r.wants("satisfaction_assessment"), AftersalesPermission.granted(.view, to: p.roles),
              let number = r.query.number, ["JL", "ZG"].contains(number.prefix) else { return [] }
        let rows = try await db.raw("\(unsafeRaw: SatisfactionAssessmentView.select) WHERE a.number = \(bind: number.formatted(dash: true, width: 4))").all()
        return try rows.map(SatisfactionAssessmentView.init)
            .filter { AftersalesScope.covers(roles: p.roles, userPath: p.orgPath, recordPath: $0.orgPath) }
            .map { a in
                SearchHit(kind: "satisfaction_assessment", id: a.id, number: a.number, title: (a.orgUnitName ?? a.orgUnitId) + " · " + a.period,
                          detail: SatisfactionAssessmentPages.outcomeLabel(a.outcome)(r.locale), href: SatisfactionAssessmentPages.path + "/\(a.id)")
            }
    }
}
