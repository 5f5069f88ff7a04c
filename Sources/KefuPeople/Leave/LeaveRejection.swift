import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #15 leftovers: the body of a leave rejection — the reason is required, the requester reads it.
public struct LeaveRejectionInput: Codable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
}

extension SwapService {
    /// SHF-05: the superior who may approve a leave request (the same rule, `mayApproveLeave`) may reject it instead, with
    /// a reason; the requester is told in the bell (and its unit's webhook) in the same transaction.
    public func rejectLeave(id: String, _ input: LeaveRejectionInput, by actor: Principal, now: Date = Date()) async throws -> LeaveView {
        let lock = store.dialect.rowLock(of: "l")
        let notifier = self.notifier
        return try await store.write { db in
            guard let l = try await PeopleQueries.leaveRow(db, id: id, lock: lock) else { throw AppError.notFound(Text("请假单", "Leave request")) }
            guard PeopleQueries.mayApproveLeave(actor, l) else {
                throw AppError.forbidden(Text("请假须由上级主管或经理审批（SHF-05）", "Leave is decided by the supervisor or manager (SHF-05)"))
            }
            guard let reason = TextRules.trimmed(input.reason) else {
                throw AppError.validation("reason", Text("请填写驳回理由", "Give the reason for the rejection"))
            }
            guard reason.count <= 500 else { throw AppError.validation("reason", Text("驳回理由最长 500 字", "The reason is at most 500 characters")) }
            guard l.status == "requested" else { throw AppError.conflict("not_requested", Text("这张请假单已处理", "This leave request has already been decided")) }
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE leave_requests SET status = 'rejected', decided_by = \(bind: actor.userId), decided_at = \(bind: at), decision_note = \(bind: reason),
                    updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "reject", entity: "leave_request", entityId: id,
                                        detail: ["number": l.number, "reason": reason], at: at)
            try await notifier.handOff(db, HandOff(
                kind: "leave_rejected", recipients: .init(userIds: [l.userId]),
                title: Text("请假单 \(l.number) 被驳回", "Leave request \(l.number) was rejected"),
                body: Text("\(l.day) 的请假未获批准：\(reason)", "Leave on \(l.day) was not approved: \(reason)"),
                link: PeoplePages.leavePath(id), actorId: actor.userId), at: at)
            guard let row = try await PeopleQueries.leaveRow(db, id: id) else { throw AppError.internalError("leave") }
            return try await PeopleQueries.leaveView(db, row, viewer: actor)
        }
    }
}
