import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The quick search finds an inspection by its number (ZJ-2026-000001) and a penalty record by its own (CF-2026-000001):
/// the register's readers within their unit and below, anyone else their own.
public struct InspectionFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("inspection", Text("质检记录", "Inspections")), SearchKind("quality_penalty", Text("处罚记录", "Penalty records"))]
    }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard RosterRoles.isStaff(r.viewer.roles), let number = r.query.number else { return [] }
        let text = number.formatted(dash: true, width: 6)
        let reader = !r.viewer.roles.isDisjoint(with: QualityPenaltyRules.registerReaders)
        func visible(agentId: String, path: String) -> Bool { agentId == r.viewer.userId || (reader && OrgPath.contains(r.viewer.orgPath, path)) }
        if number.prefix == "ZJ", r.wants("inspection") {
            var hits: [SearchHit] = []
            for row in try await db.raw("\(unsafeRaw: QualityQueries.inspectionSelect) WHERE i.number = \(bind: text)").all() {
                let i = try await QualityQueries.inspectionView(db, row, withItems: false)
                guard visible(agentId: i.view.agentId, path: i.path) else { continue }
                hits.append(SearchHit(kind: "inspection", id: i.view.id, number: i.view.number, title: i.view.standardName,
                                      detail: "\(i.view.agentName) · \(i.view.total)", href: "/people/quality/inspections/\(i.view.id)"))
            }
            return hits
        }
        if number.prefix == "CF", r.wants("quality_penalty") {
            return try await db.raw("\(unsafeRaw: QualityQueries.PenaltyRow.select) WHERE p.number = \(bind: text)").all().map(QualityQueries.PenaltyRow.init(row:))
                .filter { visible(agentId: $0.agentId, path: $0.orgPath) }
                .map { SearchHit(kind: "quality_penalty", id: $0.id, number: $0.number, title: $0.reason, detail: "\($0.agentName) · \($0.status)", href: "/people/quality/penalties") }
        }
        return []
    }
}
