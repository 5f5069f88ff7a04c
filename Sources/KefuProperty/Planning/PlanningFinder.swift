import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 quick search for the property planning records: a work plan (JH-202701-0001) or a contractor (WB-000001) by its
/// whole number, in scope.
public struct PlanningFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("property_work_plan", Text("下月工作计划", "Work plans")), SearchKind("property_contractor", Text("外包单位", "Contractors"))]
    }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard !r.viewer.roles.isDisjoint(with: PropertyRules.readers), let number = PlanningNumbers.parse(r.query.code) else { return [] }
        var hits: [SearchHit] = []
        if r.wants("property_work_plan"), number.hasPrefix("JH-"), let p = try await WorkPlanQueries.planByNumber(db, number: number, viewer: r.viewer) {
            hits.append(SearchHit(kind: "property_work_plan", id: p.id, number: p.number, title: "\(p.unitName) · \(p.month)",
                                  detail: PlanningLabels.status(p.status)(r.locale) + (p.late ? " · " + Text("迟交", "Late")(r.locale) : ""),
                                  href: "\(PropertyPaths.root)/work-plans/\(p.id)"))
        }
        if r.wants("property_contractor"), number.hasPrefix("WB-"), let c = try await ContractorQueries.contractorByNumber(db, number: number, viewer: r.viewer) {
            hits.append(SearchHit(kind: "property_contractor", id: c.id, number: c.number, title: "\(c.company) · \(c.estateName)",
                                  detail: PlanningLabels.service(c.serviceType)(r.locale) + " · \(c.contractFrom)–\(c.contractTo)",
                                  href: "\(PropertyPaths.root)/contractors/\(c.id)"))
        }
        return hits
    }
}
