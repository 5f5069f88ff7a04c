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
        let r = try await request(id: id, viewer: viewer, now: now)
        let edits = r.stateValue == .draft
            && MaterialRequestFlow.mayAct(.submit, state: .draft, roles: viewer.roles, userPath: viewer.orgPath, requestPath: r.orgPath)
        let backfills = r.backfillPending && !viewer.roles.isDisjoint(with: MaterialRequestFlow.backfillers) && OrgPath.contains(viewer.orgPath, r.orgPath)
        return MaterialRequestPageModel(request: r, actions: Self.actions(r, viewer: viewer), canEdit: edits, canBackfill: backfills, now: Clock.millis(now))
    }

    /// Whether the viewer writes requests at all (the list's 新增 button and the navigation entry).
    static func writes(_ viewer: Principal) -> Bool { !viewer.roles.isDisjoint(with: MaterialRequestFlow.creators) }
    /// Whether the viewer may release urgently (REQ-09; the form's choice).
    static func releases(_ viewer: Principal) -> Bool { !viewer.roles.isDisjoint(with: MaterialRequestFlow.urgentReleasers) }
}
