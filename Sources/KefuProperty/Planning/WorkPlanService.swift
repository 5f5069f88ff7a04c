import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// PRP-08 (篇12 职责二.9) the service centre's next month's work plan: written by the property CS admin, submitted
/// by the 25th of the month before (D11, late is recorded, not refused), approved by the project manager and then
/// by the company customer-dept manager; either returns it with a reason and it may be edited and sent again.
public struct WorkPlanService: Sendable {
    let store: any Store
    /// #14 item 6: whether the property feature is on at the plan's unit.
    let features: any FeatureGate

    public init(store: any Store, features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.features = features
    }

    static let maxLines = 50

    static func lines(_ body: WorkPlanBody) throws -> [WorkPlanLineView] {
        var out: [WorkPlanLineView] = []
        for (i, line) in (body.lines ?? []).enumerated() {
            let n = String(i + 1)
            guard let item = TextRules.trimmed(line.item), item.count <= 200 else {
                throw AppError.validation("lines", Text("第 \(n) 行请填写工作事项（最长 200 字）", "Line \(n): the work item is required (at most 200 characters)"))
            }
            guard let owner = TextRules.trimmed(line.owner), owner.count <= 40 else {
                throw AppError.validation("lines", Text("第 \(n) 行请填写责任人（最长 40 字）", "Line \(n): the owner is required (at most 40 characters)"))
            }
            guard let day = TextRules.trimmed(line.targetDate).flatMap({ UsualInput.day($0) }) else {
                throw AppError.validation("lines", Text("第 \(n) 行的完成日期应为日期，如 2027-01-10", "Line \(n): the target date must be a date, e.g. 2027-01-10"))
            }
            out.append(WorkPlanLineView(item: item, owner: owner, targetDate: day.iso))
        }
        guard !out.isEmpty else { throw AppError.validation("lines", Text("计划至少包含一项工作", "A plan lists at least one work item")) }
        guard out.count <= maxLines else { throw AppError.validation("lines", Text("计划最多 \(maxLines) 项", "A plan lists at most \(maxLines) items")) }
        return out
    }

    static func writeLines(_ db: any SQLDatabase, planId: String, _ lines: [WorkPlanLineView]) async throws {
        try await db.raw("DELETE FROM property_work_plan_lines WHERE plan_id = \(bind: planId)").run()
        for (i, l) in lines.enumerated() {
            try await db.raw("""
                INSERT INTO property_work_plan_lines (plan_id, sort, item, owner, target_on)
                VALUES (\(bind: planId), \(bind: i + 1), \(bind: l.item), \(bind: l.owner), \(bind: l.targetDate))
                """).run()
        }
    }

    static func step(_ db: any SQLDatabase, planId: String, action: String, reason: String? = nil, actor: Principal, at: Int64) async throws {
        // The trail's order: a number per plan (two steps may share a millisecond).
        let seq = (try await db.raw("SELECT COUNT(*) AS n FROM property_work_plan_steps WHERE plan_id = \(bind: planId)").first()?.decode(column: "n", as: Int.self) ?? 0) + 1
        try await db.raw("""
            INSERT INTO property_work_plan_steps (id, plan_id, seq, action, reason, acted_at, acted_by)
            VALUES (\(bind: Clock.newID()), \(bind: planId), \(bind: seq), \(bind: action), \(bind: reason), \(bind: at), \(bind: actor.userId))
            """).run()
    }

    public func create(_ body: WorkPlanBody, by actor: Principal, now date: Date = Date()) async throws -> WorkPlanView {
        try PropertyQueries.requireWorker(actor)
        let month = try PropertyInput.month(body.month)
        let lines = try Self.lines(body)
        let at = Clock.millis(date)
        return try await store.write { db in
            let unitId = TextRules.trimmed(body.orgUnitId) ?? actor.orgUnitId
            guard let path = try await OrgQueries.unitPath(db, unitId: unitId) else {
                throw AppError.validation("orgUnitId", Text("没有这个组织单位", "No such org unit"))
            }
            guard PropertyRules.mayWork(roles: actor.roles, userPath: actor.orgPath, estatePath: path) else {
                throw AppError.forbidden(Text("您只能为本单位及下级单位编制工作计划", "You write the work plans of your unit and below only"))
            }
            try await features.requireOn(.property, unitId: unitId, in: db) // #14 item 6
            if try await db.raw("SELECT id FROM property_work_plans WHERE org_unit_id = \(bind: unitId) AND month = \(bind: month.iso)").first() != nil {
                throw AppError(.conflict, "plan_exists", Text("本单位 \(month.iso) 的工作计划已建立", "The unit already has a work plan for \(month.iso)"), details: ["field": "month"])
            }
            let seq = try await Counters.next("property_work_plan:\(month.compact)", in: db)
            let number = PlanningNumbers.plan(month, sequence: seq)
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_work_plans (id, number, org_unit_id, org_path, month, status, due_on, first_submitted_on, late, return_reason,
                    created_at, created_by, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: unitId), \(bind: path), \(bind: month.iso), 'draft', \(bind: WorkPlanDue.due(for: month).iso),
                    NULL, 0, NULL, \(bind: at), \(bind: actor.userId), \(bind: at))
                """).run()
            try await Self.writeLines(db, planId: id, lines)
            try await Self.step(db, planId: id, action: "create", actor: actor, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "property_work_plan", entityId: id,
                                        detail: ["number": number, "month": month.iso], at: at)
            return try await WorkPlanQueries.plan(db, id: id, viewer: actor)
        }
    }

    /// A draft or returned plan rewritten (409 plan_state otherwise).
    public func update(id: String, _ body: WorkPlanBody, by actor: Principal, now date: Date = Date()) async throws -> WorkPlanView {
        try PropertyQueries.requireWorker(actor)
        let lines = try Self.lines(body)
        let at = Clock.millis(date)
        return try await store.write { db in
            let p = try await Self.workable(db, id: id, actor: actor)
            guard WorkPlanFlow.mayEdit(p.status) else { throw Self.stateError(p.status) }
            try await Self.writeLines(db, planId: id, lines)
            try await db.raw("UPDATE property_work_plans SET updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await Self.step(db, planId: id, action: "edit", actor: actor, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "edit", entity: "property_work_plan", entityId: id, detail: ["number": p.number], at: at)
            return try await WorkPlanQueries.plan(db, id: id, viewer: actor)
        }
    }

    public func submit(id: String, by actor: Principal, now date: Date = Date()) async throws -> WorkPlanView {
        try PropertyQueries.requireWorker(actor)
        let at = Clock.millis(date), today = Times.day(date)
        return try await store.write { db in
            let p = try await Self.workable(db, id: id, actor: actor)
            guard WorkPlanFlow.mayEdit(p.status) else { throw Self.stateError(p.status) }
            guard let month = BillingMonth(p.month) else { throw AppError.internalError("plan month") }
            // D11: lateness is fixed by the first submission; a return and a second submission change nothing.
            let first = p.firstSubmittedOn ?? today.iso
            let late = p.firstSubmittedOn == nil ? WorkPlanDue.isLate(submittedOn: today, for: month) : p.late
            try await db.raw("""
                UPDATE property_work_plans SET status = 'submitted', first_submitted_on = \(bind: first), late = \(bind: late ? 1 : 0),
                    updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await Self.step(db, planId: id, action: late && p.firstSubmittedOn == nil ? "submit_late" : "submit", actor: actor, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "submit", entity: "property_work_plan", entityId: id,
                                        detail: ["number": p.number, "late": late ? "1" : "0"], at: at)
            return try await WorkPlanQueries.plan(db, id: id, viewer: actor)
        }
    }

    /// The approval of the plan's current stage: the project manager's, then the company's.
    public func approve(id: String, by actor: Principal, now date: Date = Date()) async throws -> WorkPlanView {
        try Self.requireApprover(actor)
        let at = Clock.millis(date)
        return try await store.write { db in
            let p = try await Self.decidable(db, id: id, actor: actor)
            guard let next = WorkPlanFlow.afterApproval(p.status) else { throw Self.stateError(p.status) }
            try await db.raw("""
                UPDATE property_work_plans SET status = \(bind: next.rawValue), updated_at = \(bind: at) WHERE id = \(bind: id) AND status = \(bind: p.status.rawValue)
                """).run()
            try await Self.step(db, planId: id, action: next == .approved ? "company_approve" : "manager_approve", actor: actor, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "approve", entity: "property_work_plan", entityId: id,
                                        detail: ["number": p.number, "status": next.rawValue], at: at)
            return try await WorkPlanQueries.plan(db, id: id, viewer: actor)
        }
    }

    public func returnPlan(id: String, _ body: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> WorkPlanView {
        try Self.requireApprover(actor)
        let reason = try PropertyInput.text(body["reason"], field: "reason", label: Text("退回原因", "Reason"), max: 500, required: true)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let p = try await Self.decidable(db, id: id, actor: actor)
            try await db.raw("""
                UPDATE property_work_plans SET status = 'returned', return_reason = \(bind: reason), updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await Self.step(db, planId: id, action: "return", reason: reason, actor: actor, at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "return", entity: "property_work_plan", entityId: id,
                                        detail: ["number": p.number, "reason": reason], at: at)
            return try await WorkPlanQueries.plan(db, id: id, viewer: actor)
        }
    }

    static func requireApprover(_ actor: Principal) throws {
        guard !actor.roles.isDisjoint(with: WorkPlanFlow.approvers) else {
            throw AppError.forbidden(Text("工作计划由项目经理和公司客服部经理审批", "Work plans are approved by the project manager and the company customer-dept manager"))
        }
    }

    static func stateError(_ s: WorkPlanStatus) -> AppError {
        AppError.conflict("plan_state", Text("计划当前状态（\(PlanningLabels.status(s).zh)）不能这样办理", "The plan cannot be handled so in its state (\(s.rawValue))"))
    }

    /// The plan in the actor's scope for writing (404, 403).
    static func workable(_ db: any SQLDatabase, id: String, actor: Principal) async throws -> WorkPlanView {
        let p = try await WorkPlanQueries.plan(db, id: id, viewer: actor)
        guard PropertyRules.mayWork(roles: actor.roles, userPath: actor.orgPath, estatePath: p.orgPath) else {
            throw AppError.forbidden(Text("您只能办理本单位及下级单位的工作计划", "You handle the work plans of your unit and below only"))
        }
        return p
    }

    /// A plan awaiting the actor's stage: 403 out of scope; 409 when it awaits nobody or the other approver.
    static func decidable(_ db: any SQLDatabase, id: String, actor: Principal) async throws -> WorkPlanView {
        let p = try await WorkPlanQueries.plan(db, id: id, viewer: actor)
        guard actor.covers(unitPath: p.orgPath) else {
            throw AppError.forbidden(Text("您只能审批本单位及下级单位的工作计划", "You approve the work plans of your unit and below only"))
        }
        let stage = WorkPlanFlow.stageRoles(p.status)
        guard !stage.isEmpty else { throw stateError(p.status) }
        guard !actor.roles.isDisjoint(with: stage) else {
            throw AppError.conflict("plan_stage", p.status == .managerApproved
                ? Text("项目经理已审批，待公司客服部经理审批", "Approved by the project manager; it awaits the company customer-dept manager")
                : Text("待项目经理审批", "It awaits the project manager"))
        }
        return p
    }

    // MARK: reads

    public func plans(_ query: [String: String], viewer: Principal) async throws -> [WorkPlanView] {
        try PropertyQueries.requireReader(viewer)
        let month = try TextRules.trimmed(query["month"]).map { try PropertyInput.month($0) }
        let status = try TextRules.trimmed(query["status"]).map {
            try PropertyInput.choice($0, field: "status", label: Text("状态", "Status")) as WorkPlanStatus
        }
        return try await store.read { db in try await WorkPlanQueries.plans(db, month: month, status: status, viewer: viewer) }
    }

    public func plan(id: String, viewer: Principal) async throws -> WorkPlanView {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in try await WorkPlanQueries.plan(db, id: id, viewer: viewer) }
    }

    /// The units whose plan for `month` (default next month) is missing or late.
    public func standing(_ query: [String: String], viewer: Principal, now date: Date = Date()) async throws -> WorkPlanStandingReport {
        try PropertyQueries.requireReader(viewer)
        let month = try TextRules.trimmed(query["month"]).map { try PropertyInput.month($0) } ?? PropertyNow.month(date).adding(months: 1)
        return try await store.read { db in try await WorkPlanQueries.standing(db, month: month, viewer: viewer, today: Times.day(date)) }
    }
}
