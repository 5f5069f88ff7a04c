import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// 人员 › 培训 (#15.4): each page renders from one model read in one transaction.
public struct TrainingListPageModel: Sendable {
    public let sessions: ListPage<TrainingSessionView>
    /// The units the viewer may record a session for (empty: no form).
    public let units: [(id: String, name: String)]
    /// Approved plans of those units, for the session form's optional plan.
    public let approvedPlans: [(id: String, label: String)]
}

/// A session with its attendance sheet: every member of the unit and below, with what was recorded for each.
public struct TrainingSessionPageModel: Sendable {
    public let session: TrainingSessionView
    public let sheet: [(userId: String, name: String, status: String?, score: Int?)]
}

public struct TrainingPlansPageModel: Sendable {
    public let plans: ListPage<TrainingPlanView>
    /// The units the viewer may write a plan for (empty: no form).
    public let units: [(id: String, name: String)]
}

public struct QualificationsPageModel: Sendable {
    public let staff: ListPage<QualificationsView>
    /// Every certificate of the viewer's scope expiring within 30 days or expired, soonest first (TRN-03's alert).
    public let alerts: [(userId: String, userName: String, certificate: CertificateView)]
}

extension TrainingService {
    static func recordableUnits(_ db: any SQLDatabase, viewer: Principal, roles: Set<Role>) async throws -> [(id: String, name: String)] {
        guard !viewer.roles.isDisjoint(with: roles) else { return [] }
        return try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }.map { (id: $0.id, name: $0.name) }
    }

    public func listPage(viewer: Principal, q: String?, paging: Paging) async throws -> TrainingListPageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in
            let units = try await Self.recordableUnits(db, viewer: viewer, roles: TrainingRules.organisers)
            var plans: [(id: String, label: String)] = []
            if !units.isEmpty {
                plans = try await TrainingQueries.plans(db, viewer: viewer, status: TrainingRules.PlanStatus.approved.rawValue, paging: Paging(page: 1, per: 50))
                    .items.map { (id: $0.id, label: "\($0.number) \($0.title)") }
            }
            return TrainingListPageModel(sessions: try await TrainingQueries.sessions(db, viewer: viewer, q: TextRules.trimmed(q), paging: paging),
                                         units: units, approvedPlans: plans)
        }
    }

    public func sessionPage(id: String, viewer: Principal) async throws -> TrainingSessionPageModel {
        try await store.read { db in
            let session = try await TrainingQueries.sessionView(db, id: id, viewer: viewer)
            guard let path = try await OrgQueries.unitPath(db, unitId: session.orgUnitId) else { throw AppError.notFound(Text("组织", "Org unit")) }
            let recorded = Dictionary(uniqueKeysWithValues: session.attendance.map { ($0.userId, $0) })
            var sheet = try await TrainingQueries.sheetMembers(db, unitPath: path).map {
                (userId: $0.id, name: $0.name, status: recorded[$0.id]?.status, score: recorded[$0.id]?.score)
            }
            // Someone recorded who has left the unit since keeps a line.
            for a in session.attendance where !sheet.contains(where: { $0.userId == a.userId }) {
                sheet.append((userId: a.userId, name: a.userName, status: a.status, score: a.score))
            }
            return TrainingSessionPageModel(session: session, sheet: sheet)
        }
    }

    public func gapsPage(viewer: Principal, from: String?, to: String?, now: Date = Date()) async throws -> TrainingGapsView {
        try await gaps(viewer: viewer, from: from, to: to, now: now)
    }
}

extension TrainingPlanService {
    public func plansPage(viewer: Principal, paging: Paging) async throws -> TrainingPlansPageModel {
        guard !viewer.roles.isDisjoint(with: TrainingRules.planReaders) else { throw AppError.forbidden() }
        return try await store.read { db in
            TrainingPlansPageModel(plans: try await TrainingQueries.plans(db, viewer: viewer, status: nil, paging: paging),
                                   units: try await TrainingService.recordableUnits(db, viewer: viewer, roles: TrainingRules.planAuthors))
        }
    }
}

extension QualificationService {
    public func staffPage(viewer: Principal, flag: String?, paging: Paging, now: Date = Date()) async throws -> QualificationsPageModel {
        guard !viewer.roles.isDisjoint(with: TrainingRules.organisers) else {
            throw AppError.forbidden(Text("只有主管或经理可以查看员工资格", "Only supervisors and managers see the staff's qualifications"))
        }
        let flag = TextRules.trimmed(flag).flatMap { ["typing", "certificates", "any"].contains($0) ? $0 : nil }
        let today = Times.day(now)
        return try await store.read { db in
            let all = try await TrainingQueries.staffQualifications(db, viewer: viewer, flag: "certificates", paging: Paging(page: 1, per: Paging.maxPer), today: today)
            let alerts = all.items.flatMap { q in
                q.certificates.filter { $0.status == "expiring" || $0.status == "expired" }.map { (userId: q.userId, userName: q.userName, certificate: $0) }
            }.sorted { ($0.certificate.expiresOn ?? "", $0.userName) < ($1.certificate.expiresOn ?? "", $1.userName) }
            return QualificationsPageModel(staff: try await TrainingQueries.staffQualifications(db, viewer: viewer, flag: flag, paging: paging, today: today),
                                           alerts: alerts)
        }
    }
}
