import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The plans page (KPI-04): the list (optionally one state), and for a department head the units and people its form offers.
public struct AppraisalPlansPageModel: Sendable {
    public let status: AppraisalRules.Status?
    public let plans: ListPage<AppraisalPlanView>
    public let units: [(id: String, name: String)]
    public let people: [(id: String, name: String)]
}

/// One plan, and the people its edit form offers while it is editable by the viewer.
public struct AppraisalPlanPageModel: Sendable {
    public let plan: AppraisalPlanView
    public let people: [(id: String, name: String)]
}

/// The viewer's own effective lines (KPI-04).
public struct MyAppraisalsPageModel: Sendable {
    public let lines: ListPage<MyAppraisalLineView>
}

extension AppraisalService {
    public func plansPage(viewer: Principal, status: String?, paging: Paging) async throws -> AppraisalPlansPageModel {
        guard !viewer.roles.isDisjoint(with: AppraisalRules.readers) else { throw AppError.forbidden() }
        let status = try Self.statusFilter(status)
        return try await store.read { db in
            AppraisalPlansPageModel(status: status, plans: try await AppraisalQueries.list(db, viewer: viewer, status: status, paging: paging),
                                    units: try await AppraisalQueries.authorUnits(db, viewer: viewer),
                                    people: try await AppraisalQueries.subordinates(db, viewer: viewer))
        }
    }

    public func planPage(id: String, viewer: Principal) async throws -> AppraisalPlanPageModel {
        try await store.read { db in
            let plan = try await AppraisalQueries.view(db, id: id, viewer: viewer)
            let people = plan.actions.contains("edit") ? try await AppraisalQueries.subordinates(db, viewer: viewer) : []
            return AppraisalPlanPageModel(plan: plan, people: people)
        }
    }

    public func myPage(viewer: Principal, paging: Paging) async throws -> MyAppraisalsPageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in MyAppraisalsPageModel(lines: try await AppraisalQueries.effectiveLines(db, userId: viewer.userId, paging: paging)) }
    }
}
