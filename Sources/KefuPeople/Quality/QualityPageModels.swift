import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// 人员 › 质检 (#15.5): each page renders from one model read in one transaction.
public struct CallsPageModel: Sendable {
    public let calls: ListPage<CallRecordView>
    /// Each call's time as shown ("2026-11-20 14:30" in the organisation's zone), by id.
    public let shown: [String: String]
    /// The staff the viewer may enter a call for (empty: no form).
    public let agents: [(id: String, name: String)]
}

public struct PenaltiesPageModel: Sendable {
    public let penalties: ListPage<QualityPenaltyView>
    /// Each record's time as shown, by id.
    public let shown: [String: String]
    /// The department supervisor may run the complaint check on demand.
    public let mayScan: Bool
}

public struct InspectionsPageModel: Sendable {
    public let inspections: ListPage<InspectionView>
    /// Each inspection's time as shown, by id.
    public let shown: [String: String]
    public let mine: Bool
    /// The active standards the viewer may score against (empty: no new inspection).
    public let standards: [InspectionStandardView]
}

/// The form of a new inspection against one standard: its items, and for a call standard the calls to choose from.
public struct NewInspectionPageModel: Sendable {
    public let standard: InspectionStandardView
    public let calls: [CallRecordView]
    /// Each call's time as shown, by id.
    public let shown: [String: String]
}

public struct InspectionPageModel: Sendable {
    public let inspection: InspectionView
    public let inspectedAt: String
}

/// An RFC 3339 instant of a view as the pages show it, in the organisation's zone.
func shownTime(_ rfc3339: String) -> String {
    Times.parse(rfc3339).map { Times.display(Clock.millis($0)) } ?? rfc3339
}

public struct StandardsPageModel: Sendable {
    public let standards: ListPage<InspectionStandardView>
    /// The units the viewer may write a standard for (empty: no form).
    public let units: [(id: String, name: String)]
}

extension InspectionService {
    public func callsPage(viewer: Principal, paging: Paging) async throws -> CallsPageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in
            var agents: [(id: String, name: String)] = []
            if !viewer.roles.isDisjoint(with: InspectionScoring.inspectors) {
                agents = try await TrainingQueries.sheetMembers(db, unitPath: viewer.orgPath).filter { $0.id != viewer.userId }.map { (id: $0.id, name: $0.name) }
            }
            let calls = try await QualityQueries.calls(db, viewer: viewer, paging: paging)
            return CallsPageModel(calls: calls, shown: Dictionary(uniqueKeysWithValues: calls.items.map { ($0.id, shownTime($0.calledAt)) }), agents: agents)
        }
    }

    public func inspectionsPage(viewer: Principal, mine: Bool, q: String?, paging: Paging) async throws -> InspectionsPageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in
            var standards: [InspectionStandardView] = []
            if !viewer.roles.isDisjoint(with: InspectionScoring.inspectors) {
                standards = try await QualityQueries.standards(db, viewer: viewer, status: InspectionScoring.StandardStatus.active.rawValue, kind: nil,
                                                               paging: Paging(page: 1, per: 50)).items
            }
            let list = try await QualityQueries.inspections(db, viewer: viewer, mine: mine, q: TextRules.trimmed(q), paging: paging)
            return InspectionsPageModel(inspections: list, shown: Dictionary(uniqueKeysWithValues: list.items.map { ($0.id, shownTime($0.inspectedAt)) }),
                                        mine: mine, standards: standards)
        }
    }

    public func newInspectionPage(standardId: String, viewer: Principal) async throws -> NewInspectionPageModel {
        guard !viewer.roles.isDisjoint(with: InspectionScoring.inspectors) else { throw AppError.forbidden() }
        return try await store.read { db in
            let standard = try await QualityQueries.standard(db, id: standardId, viewer: viewer)
            var calls: [CallRecordView] = []
            if standard.kind == InspectionScoring.Kind.call.rawValue {
                calls = try await QualityQueries.calls(db, viewer: viewer, paging: Paging(page: 1, per: 50)).items
            }
            return NewInspectionPageModel(standard: standard, calls: calls, shown: Dictionary(uniqueKeysWithValues: calls.map { ($0.id, shownTime($0.calledAt)) }))
        }
    }

    public func inspectionPage(id: String, viewer: Principal) async throws -> InspectionPageModel {
        let i = try await inspection(id: id, viewer: viewer)
        return InspectionPageModel(inspection: i, inspectedAt: shownTime(i.inspectedAt))
    }
}

extension InspectionStandardService {
    public func standardsPage(viewer: Principal, paging: Paging) async throws -> StandardsPageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in
            var units: [(id: String, name: String)] = []
            if !viewer.roles.isDisjoint(with: InspectionScoring.standardKeepers) {
                units = try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }.map { (id: $0.id, name: $0.name) }
            }
            return StandardsPageModel(standards: try await QualityQueries.standards(db, viewer: viewer, status: nil, kind: nil, paging: paging), units: units)
        }
    }
}

extension QualityPenaltyService {
    public func penaltiesPage(viewer: Principal, status: String?, paging: Paging) async throws -> PenaltiesPageModel {
        let list = try await penalties(viewer: viewer, status: status, paging: paging)
        return PenaltiesPageModel(penalties: list, shown: Dictionary(uniqueKeysWithValues: list.items.map { ($0.id, shownTime($0.occurredAt)) }),
                                  mayScan: !viewer.roles.isDisjoint(with: QualityPenaltyRules.deciders))
    }
}
