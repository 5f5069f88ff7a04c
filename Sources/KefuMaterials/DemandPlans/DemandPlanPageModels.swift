import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The plans list (`/materials/demand-plans`): a page of plans the viewer reads, and whether it writes them.
struct DemandPlanListPageModel: Sendable {
    let plans: ListPage<DemandPlanView>
    let canWrite: Bool
}

/// The plan form (`/materials/demand-plans/new`, `…/{id}/edit`): the departments to choose from and the plan revised.
struct DemandPlanFormModel: Sendable {
    let units: [(id: String, name: String)]
    let plan: DemandPlanView?
}

/// One plan (`/materials/demand-plans/{id}`) and the steps the viewer may take on it.
struct DemandPlanPageModel: Sendable {
    let plan: DemandPlanView
    let canWrite: Bool
}

extension DemandPlanService {
    func listPageModel(year: String?, paging: Paging, viewer: Principal) async throws -> DemandPlanListPageModel {
        DemandPlanListPageModel(plans: try await list(year: year, paging: paging, viewer: viewer),
                                canWrite: DemandPlanRules.mayWrite(viewer.roles, userPath: viewer.orgPath))
    }

    func formModel(id: String?, viewer: Principal) async throws -> DemandPlanFormModel {
        try MaterialAccess.requireViewer(viewer)
        try Self.requireWriter(viewer)
        return try await store.read { db in
            // The departments below the head office (a plan is per 业务部, REQ-10).
            let units = try await OrgQueries.activeUnits(db).filter { !OrgPath.isRoot($0.path) }.map { (id: $0.id, name: $0.name) }
            var plan: DemandPlanView?
            if let id { plan = try await Self.require(db, id: id, viewer: viewer) }
            return DemandPlanFormModel(units: units, plan: plan)
        }
    }

    func pageModel(id: String, viewer: Principal) async throws -> DemandPlanPageModel {
        try await store.read { db in
            DemandPlanPageModel(plan: try await Self.require(db, id: id, viewer: viewer), canWrite: DemandPlanRules.mayWrite(viewer.roles, userPath: viewer.orgPath))
        }
    }
}
