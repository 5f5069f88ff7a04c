import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// The quick search finds a training session by its number (PX-2026-000001) and a plan by its own (PXJH-2026-000001),
/// within the viewer's unit and below.
public struct TrainingFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] {
        [SearchKind("training_session", Text("培训记录", "Training sessions")), SearchKind("training_plan", Text("培训计划", "Training plans"))]
    }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard RosterRoles.isStaff(r.viewer.roles), let number = r.query.number else { return [] }
        let text = number.formatted(dash: true, width: 6)
        if number.prefix == "PX", r.wants("training_session") {
            return try await db.raw("\(unsafeRaw: TrainingSessionRow.select) WHERE t.number = \(bind: text)").all().map(TrainingSessionRow.init(row:))
                .filter { OrgPath.contains(r.viewer.orgPath, $0.orgPath) }
                .map { SearchHit(kind: "training_session", id: $0.id, number: $0.number, title: $0.topic, detail: "\($0.day) · \($0.orgUnitName)", href: "/people/trainings/\($0.id)") }
        }
        if number.prefix == "PXJH", r.wants("training_plan"), !r.viewer.roles.isDisjoint(with: TrainingRules.planReaders) {
            return try await db.raw("\(unsafeRaw: TrainingPlanRow.select) WHERE p.number = \(bind: text)").all().map(TrainingPlanRow.init(row:))
                .filter { OrgPath.contains(r.viewer.orgPath, $0.orgPath) }
                .map { SearchHit(kind: "training_plan", id: $0.id, number: $0.number, title: $0.title, detail: $0.orgUnitName, href: "/people/training-plans") }
        }
        return []
    }
}
