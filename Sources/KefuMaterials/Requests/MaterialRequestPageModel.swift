import Foundation
import KefuDomain
import KefuPlatform

/// The request page's one model (#11.6): the request with its lines and signatures, read once, and the steps the
/// viewer may take on it now (4.4 by state and role).
struct MaterialRequestPageModel: Sendable {
    let request: MaterialRequestView
    let actions: [MaterialRequestAction]
    let canEdit: Bool
    let canBackfill: Bool
    /// #13.1 item 1: the goods are on their way and the viewer records arrival checks (none open yet).
    let canRecordArrival: Bool
    /// REQ-10: the department's published plan of the request's year, per item (nil without one the viewer reads).
    let plan: DemandPlanSummary?
    let now: Int64
}

extension MaterialRequestService {
    /// The steps `viewer` may take on `r` now: its role and scope allow them and the state leads somewhere.
    static func actions(_ r: MaterialRequestView, viewer: Principal) -> [MaterialRequestAction] {
        let state = r.stateValue
        return MaterialRequestAction.allCases.filter { a in
            guard MaterialRequestFlow.mayAct(a, state: state, roles: viewer.roles, userPath: viewer.orgPath, requestPath: r.orgPath) else { return false }
            let sources: [MaterialRequestSource?] = a == .decide ? MaterialRequestSource.allCases : [nil]
            return sources.contains { MaterialRequestFlow.next(state, a, source: $0, shipped: r.isShipped) != nil }
        }
    }

    func pageModel(id: String, viewer: Principal, now: Date = Date()) async throws -> MaterialRequestPageModel {
        let (r, plan) = try await store.read { db in
            let r = try await Self.require(db, id: id, viewer: viewer, now: Clock.millis(now))
            let year = Times.year(Date(timeIntervalSince1970: Double(r.createdMillis) / 1000))
            return (r, try await DemandPlanService.summary(db, requestPath: r.orgPath, year: year, viewer: viewer))
        }
        let edits = r.stateValue == .draft
            && MaterialRequestFlow.mayAct(.submit, state: .draft, roles: viewer.roles, userPath: viewer.orgPath, requestPath: r.orgPath)
        let backfills = r.backfillPending && !viewer.roles.isDisjoint(with: MaterialRequestFlow.backfillers) && OrgPath.contains(viewer.orgPath, r.orgPath)
        let awaitsGoods = MaterialRequestFlow.next(r.stateValue, .confirmArrival, source: nil, shipped: r.isShipped) != nil
        let records = awaitsGoods && ArrivalService.mayRecord(viewer) && !r.arrivalChecks.contains { $0.status == ArrivalStatus.checking.rawValue }
        // With an open check the request closes through it: its separate confirmation is not offered.
        let actions = Self.actions(r, viewer: viewer).filter { $0 != .confirmArrival || !r.arrivalChecks.contains { $0.status == ArrivalStatus.checking.rawValue } }
        return MaterialRequestPageModel(request: r, actions: actions, canEdit: edits, canBackfill: backfills, canRecordArrival: records, plan: plan, now: Clock.millis(now))
    }

    /// Whether the viewer writes requests at all (the list's 新增 button and the navigation entry).
    static func writes(_ viewer: Principal) -> Bool { !viewer.roles.isDisjoint(with: MaterialRequestFlow.creators) }
    /// Whether the viewer may release urgently (REQ-09; the form's choice).
    static func releases(_ viewer: Principal) -> Bool { !viewer.roles.isDisjoint(with: MaterialRequestFlow.urgentReleasers) }
}
