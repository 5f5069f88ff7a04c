import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Leaving the work area (离岗, SHF-12): each step one transaction with its permission, the rule (`WorkAreaLeaveRules`)
/// and an audit-trail entry; the units' allowed time is set by the roster's planners.
public struct WorkAreaLeaveService: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// A person asks to leave the work area for `minutes`: within the unit's allowed time it is logged and the person
    /// is away at once; beyond it the request waits for the duty manager. One open leave per person (409).
    public func request(_ input: WorkAreaLeaveInput, by actor: Principal, now: Date = Date()) async throws -> WorkAreaLeaveView {
        guard RosterRoles.isStaff(actor.roles) else { throw AppError.forbidden() }
        guard let minutes = input.minutes, (1...WorkAreaLeaveRules.maxMinutes).contains(minutes) else {
            throw AppError.validation("minutes", Text("离岗时长为 1–{0} 分钟；更长请请假", "Minutes away are 1–{0}; longer is leave").with(String(WorkAreaLeaveRules.maxMinutes)))
        }
        let reason = TextRules.trimmed(input.reason) ?? ""
        guard !reason.isEmpty else { throw AppError.validation("reason", Text("请填写离岗事由", "Give the reason for leaving the work area")) }
        guard reason.count <= 200 else { throw AppError.validation("reason", Text("事由最长 200 字", "The reason is at most 200 characters")) }
        return try await store.write { db in
            // "LG-2026-000001" (离岗), gapless per year; the counter first (#18 lock order).
            let number = try await SwapService.nextNumber(db, prefix: "LG", kind: "work_area_leave", now: now)
            if let open = try await db.raw("""
                SELECT number FROM work_area_leaves WHERE user_id = \(bind: actor.userId) AND status IN ('requested', 'out')
                """).first()?.decode(column: "number", as: String.self) {
                throw AppError(.conflict, "work_area_leave_open", Text("您还有未结束的离岗 {0}", "You still have an open work-area leave {0}").with(open))
            }
            let (allowed, _) = try await WorkAreaLeaveQueries.limit(db, unitPath: actor.orgPath)
            let status = WorkAreaLeaveRules.initialStatus(minutes: minutes, allowedMinutes: allowed)
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO work_area_leaves (id, number, org_unit_id, org_path, user_id, minutes, allowed_minutes, reason, status, left_at, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: actor.orgUnitId), \(bind: actor.orgPath), \(bind: actor.userId), \(bind: minutes), \(bind: allowed),
                    \(bind: reason), \(bind: status.rawValue), \(bind: status == .out ? at : nil), \(bind: at), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: status == .out ? "leave" : "request", entity: "work_area_leave", entityId: id,
                                        detail: ["number": number, "minutes": String(minutes), "allowed": String(allowed)], at: at)
            guard let row = try await WorkAreaLeaveQueries.row(db, id: id) else { throw AppError.internalError("work area leave") }
            return try await WorkAreaLeaveQueries.view(db, row, viewer: actor, now: now)
        }
    }

    /// The duty manager lets the person go for the time asked: the person is away from now.
    public func approve(id: String, _ input: DecisionInput, by actor: Principal, now: Date = Date()) async throws -> WorkAreaLeaveView {
        try await decide(id: id, input, approve: true, by: actor, now: now)
    }

    public func reject(id: String, _ input: DecisionInput, by actor: Principal, now: Date = Date()) async throws -> WorkAreaLeaveView {
        try await decide(id: id, input, approve: false, by: actor, now: now)
    }

    func decide(id: String, _ input: DecisionInput, approve: Bool, by actor: Principal, now: Date) async throws -> WorkAreaLeaveView {
        let lock = store.dialect.rowLock(of: "g")
        return try await store.write { db in
            guard let g = try await WorkAreaLeaveQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("离岗记录", "Work-area leave")) }
            guard !actor.roles.isDisjoint(with: WorkAreaLeaveRules.dutyManagers), actor.covers(unitPath: g.orgPath), actor.userId != g.userId else {
                throw AppError.forbidden(Text("超时离岗须由值班经理审批（SHF-12）", "Leaving the work area beyond the allowed time is approved by the duty manager (SHF-12)"))
            }
            guard g.status == WorkAreaLeaveRules.Status.requested.rawValue else {
                throw AppError.conflict("not_requested", Text("这条离岗申请已处理", "This work-area leave has already been decided"))
            }
            guard try await WorkAreaLeaveQueries.mayDecide(db, g, viewer: actor, now: now) else {
                throw AppError.forbidden(Text("现由当班的值班经理审批（SHF-12）", "The duty manager on duty now decides (SHF-12)"))
            }
            let at = Clock.millis(now)
            let note = TextRules.trimmed(input.note)
            if approve {
                try await db.raw("""
                    UPDATE work_area_leaves SET status = 'out', left_at = \(bind: at), decided_by = \(bind: actor.userId), decided_at = \(bind: at),
                        decision_note = \(bind: note), updated_at = \(bind: at) WHERE id = \(bind: g.id)
                    """).run()
            } else {
                try await db.raw("""
                    UPDATE work_area_leaves SET status = 'rejected', decided_by = \(bind: actor.userId), decided_at = \(bind: at), decision_note = \(bind: note),
                        updated_at = \(bind: at) WHERE id = \(bind: g.id)
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: approve ? "approve" : "reject", entity: "work_area_leave", entityId: g.id,
                                        detail: ["number": g.number], at: at)
            guard let row = try await WorkAreaLeaveQueries.row(db, id: g.id) else { throw AppError.internalError("work area leave") }
            return try await WorkAreaLeaveQueries.view(db, row, viewer: actor, now: now)
        }
    }

    /// The person is back: the return is logged and an overstay beyond the approved time flagged (whole minutes).
    public func returned(id: String, by actor: Principal, now: Date = Date()) async throws -> WorkAreaLeaveView {
        let lock = store.dialect.rowLock(of: "g")
        return try await store.write { db in
            guard let g = try await WorkAreaLeaveQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("离岗记录", "Work-area leave")) }
            guard g.userId == actor.userId else {
                throw AppError.forbidden(Text("只有离岗本人可以登记返岗", "Only the person away logs its return"))
            }
            guard g.status == WorkAreaLeaveRules.Status.out.rawValue, let left = g.leftAt else {
                throw AppError.conflict("not_out", Text("这条离岗记录不在离岗中", "This work-area leave is not under way"))
            }
            let at = Clock.millis(now)
            let overstay = WorkAreaLeaveRules.overstayMinutes(leftAtMillis: left, returnedAtMillis: at, minutes: g.minutes)
            try await db.raw("""
                UPDATE work_area_leaves SET status = 'returned', returned_at = \(bind: at), overstay_minutes = \(bind: overstay), updated_at = \(bind: at)
                WHERE id = \(bind: g.id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "return", entity: "work_area_leave", entityId: g.id,
                                        detail: ["number": g.number, "overstayMinutes": String(overstay)], at: at)
            guard let row = try await WorkAreaLeaveQueries.row(db, id: g.id) else { throw AppError.internalError("work area leave") }
            return try await WorkAreaLeaveQueries.view(db, row, viewer: actor, now: now)
        }
    }

    public func leaves(view: WorkAreaLeaveListView, viewer: Principal, paging: Paging, now: Date = Date()) async throws -> ListPage<WorkAreaLeaveView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await WorkAreaLeaveQueries.list(db, view: view, viewer: viewer, paging: paging, now: now) }
    }

    public func limit(unitId: String, viewer: Principal) async throws -> WorkAreaLimitView {
        try await store.read { db in try await WorkAreaLeaveQueries.limitView(db, unitId: unitId, viewer: viewer) }
    }

    /// The roster's planners of the unit (or above) set its allowed time away from the work area.
    public func setLimit(unitId: String, _ input: WorkAreaLimitInput, by actor: Principal, now: Date = Date()) async throws -> WorkAreaLimitView {
        guard let minutes = input.allowedMinutes, WorkAreaLeaveRules.allowedRange.contains(minutes) else {
            throw AppError.validation("allowedMinutes", Text("允许离岗时间为 {0}–{1} 分钟", "The allowed time is {0}–{1} minutes")
                .with(String(WorkAreaLeaveRules.allowedRange.lowerBound), String(WorkAreaLeaveRules.allowedRange.upperBound)))
        }
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.notFound(Text("组织", "Org unit")) }
            guard !actor.roles.isDisjoint(with: RosterRoles.planners), actor.covers(unitPath: unit.path) else {
                throw AppError.forbidden(Text("离岗时限由本部门主管或经理设置", "The unit's supervisors and managers set the work-area limit"))
            }
            let at = Clock.millis(now)
            try await db.raw("DELETE FROM work_area_limits WHERE org_unit_id = \(bind: unit.id)").run()
            try await db.raw("""
                INSERT INTO work_area_limits (org_unit_id, org_path, allowed_minutes, updated_by, updated_at)
                VALUES (\(bind: unit.id), \(bind: unit.path), \(bind: minutes), \(bind: actor.userId), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "set_work_area_limit", entity: "org_unit", entityId: unit.id,
                                        detail: ["allowedMinutes": String(minutes)], at: at)
            return try await WorkAreaLeaveQueries.limitView(db, unitId: unit.id, viewer: actor)
        }
    }
}
