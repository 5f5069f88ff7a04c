import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// One step of a swap form's or leave request's history: who did what, when (from the audit trail).
public struct RequestHistoryStep: Sendable, Equatable {
    /// request, consent, approve, reject.
    public let action: String
    public let actorName: String
    public let at: String
}

/// The detail pages of a swap form and a leave request (#15 leftovers): the request as the lists show it, with the
/// steps the viewer may take, and its history; read in one transaction.
public struct SwapDetailModel: Sendable {
    public let swap: SwapView
    public let history: [RequestHistoryStep]
}

public struct LeaveDetailModel: Sendable {
    public let leave: LeaveView
    public let history: [RequestHistoryStep]
}

extension PeopleQueries {
    /// A person sees its own leave; approvers and planners their unit's and below (the request search's scope).
    static func requireView(_ viewer: Principal, leave l: LeaveRow) throws {
        let overseer = !viewer.roles.isDisjoint(with: RosterRoles.planners.union(RosterRoles.leaveApprovers)) && viewer.covers(unitPath: l.orgPath)
        guard viewer.userId == l.userId || overseer else { throw AppError.forbidden(Text("您不能查看这张请假单", "You cannot see this leave request")) }
    }

    static func history(_ db: any SQLDatabase, entity: String, id: String) async throws -> [RequestHistoryStep] {
        let entries = try await AuditTrail.entries(db, entity: entity, entityId: id)
        let names = try await OrgQueries.displayNames(db, ids: Set(entries.compactMap(\.actorId)))
        return entries.map { RequestHistoryStep(action: $0.action, actorName: $0.actorId.flatMap { names[$0] } ?? "", at: Times.display($0.at.millis)) }
    }
}

extension SwapService {
    public func swapDetail(id: String, viewer: Principal) async throws -> SwapDetailModel {
        try await store.read { db in
            SwapDetailModel(swap: try await PeopleQueries.swapView(db, id: id, viewer: viewer),
                            history: try await PeopleQueries.history(db, entity: "shift_swap", id: id))
        }
    }

    public func leaveDetail(id: String, viewer: Principal) async throws -> LeaveDetailModel {
        try await store.read { db in
            guard let l = try await PeopleQueries.leaveRow(db, id: id) else { throw AppError.notFound(Text("请假单", "Leave request")) }
            try PeopleQueries.requireView(viewer, leave: l)
            return LeaveDetailModel(leave: try await PeopleQueries.leaveView(db, l, viewer: viewer),
                                    history: try await PeopleQueries.history(db, entity: "leave_request", id: id))
        }
    }
}
