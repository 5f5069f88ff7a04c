import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// TRN-02 (篇12 职责一.11): the customer-service supervisor's training plan, approved by the management office director
/// before it runs: draft → submitted → approved or returned (a returned plan may be submitted again).
public struct TrainingPlanService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    public func create(_ input: TrainingPlanInput, by actor: Principal, now: Date = Date()) async throws -> TrainingPlanView {
        guard let unitId = TextRules.trimmed(input.orgUnitId) else { throw AppError.validation("orgUnitId", Text("请选择组织", "Choose the org unit")) }
        let (title, lines) = try Self.content(input)
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.validation("orgUnitId", Text("组织不存在", "The org unit does not exist")) }
            guard !actor.roles.isDisjoint(with: TrainingRules.planAuthors), actor.covers(unitPath: unit.path) else {
                throw AppError.forbidden(Text("培训计划由本单位客服主管编制（TRN-02）", "The training plan is written by the unit's customer-service supervisor (TRN-02)"))
            }
            let number = try await TrainingService.nextNumber(db, prefix: "PXJH", kind: "training_plan", now: now)
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO training_plans (id, number, org_unit_id, org_path, title, status, author_id, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: unit.id), \(bind: unit.path), \(bind: title), 'draft', \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            for (i, line) in lines.enumerated() {
                try await db.raw("INSERT INTO training_plan_lines (plan_id, line, month, topic) VALUES (\(bind: id), \(bind: i + 1), \(bind: line.month), \(bind: line.topic))").run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "training_plan", entityId: id,
                                        detail: ["number": number, "unit": unit.code, "title": title], at: at)
            guard let row = try await TrainingQueries.planRow(db, id: id) else { throw AppError.internalError("training plan") }
            return try await TrainingQueries.planView(db, row, viewer: actor)
        }
    }

    /// The plan's title and lines as typed, checked: one line per month and topic, 1 to 60 lines.
    static func content(_ input: TrainingPlanInput) throws -> (title: String, lines: [(month: String, topic: String)]) {
        let title = try TrainingService.text(input.title, field: "title", max: 100, required: Text("请填写计划名称", "The plan's title is required"))
        var typed: [(month: String, topic: String)] = []
        for (i, line) in (input.lines ?? []).enumerated() {
            let n = String(i + 1)
            guard let month = TextRules.trimmed(line.month).flatMap({ TrainingRules.Month(UsualInput.isoDay($0)) }) else {
                throw AppError.validation("lines", Text("第 {0} 行的月份应为 YYYY-MM", "Line {0}: the month must be YYYY-MM").with(n))
            }
            guard let topic = TextRules.trimmed(line.topic), topic.count <= 100 else {
                throw AppError.validation("lines", Text("第 {0} 行请填写培训内容（最长 100 字）", "Line {0}: the topic is required (at most 100 characters)").with(n))
            }
            typed.append((month.description, topic))
        }
        guard !typed.isEmpty else { throw AppError.validation("lines", Text("计划至少包含一项培训", "A plan lists at least one training")) }
        guard typed.count <= 60 else { throw AppError.validation("lines", Text("计划最多 60 项", "A plan lists at most 60 trainings")) }
        return (title, typed)
    }

    /// A draft or returned plan rewritten by a plan author of its unit (TRN-02: the director's reasons are answered
    /// before it goes in again); 409 plan_state once submitted or approved.
    public func update(id: String, _ input: TrainingPlanInput, by actor: Principal, now: Date = Date()) async throws -> TrainingPlanView {
        let (title, lines) = try Self.content(input)
        let lock = store.dialect.rowLock(of: "p")
        return try await store.write { db in try await Self.rewrite(db, id: id, title: title, lines: lines, by: actor, now: now, lock: lock) }
    }

    /// `update`'s work inside the caller's transaction (also the page's rewrite-and-resubmit, #15 leftovers).
    static func rewrite(_ db: any SQLDatabase, id: String, title: String, lines: [(month: String, topic: String)], by actor: Principal, now: Date,
                        lock: String) async throws -> TrainingPlanView {
        guard let plan = try await TrainingQueries.planRow(db, id: id, lock: lock) else { throw AppError.notFound(Text("培训计划", "Training plan")) }
        guard !actor.roles.isDisjoint(with: TrainingRules.planAuthors), actor.covers(unitPath: plan.orgPath) else {
            throw AppError.forbidden(Text("培训计划由本单位客服主管编制（TRN-02）", "The training plan is written by the unit's customer-service supervisor (TRN-02)"))
        }
        guard plan.status == TrainingRules.PlanStatus.draft.rawValue || plan.status == TrainingRules.PlanStatus.returned.rawValue else {
            throw AppError.conflict("plan_state", Text("已提交或已批准的培训计划不能修改", "A submitted or approved plan cannot be changed"))
        }
        let at = Clock.millis(now)
        try await db.raw("UPDATE training_plans SET title = \(bind: title), updated_at = \(bind: at) WHERE id = \(bind: plan.id)").run()
        try await db.raw("DELETE FROM training_plan_lines WHERE plan_id = \(bind: plan.id)").run()
        for (i, line) in lines.enumerated() {
            try await db.raw("INSERT INTO training_plan_lines (plan_id, line, month, topic) VALUES (\(bind: plan.id), \(bind: i + 1), \(bind: line.month), \(bind: line.topic))").run()
        }
        try await AuditTrail.record(db, actorId: actor.userId, action: "update", entity: "training_plan", entityId: plan.id,
                                    detail: ["number": plan.number, "lines": String(lines.count)], at: at)
        guard let row = try await TrainingQueries.planRow(db, id: plan.id) else { throw AppError.internalError("training plan") }
        return try await TrainingQueries.planView(db, row, viewer: actor)
    }

    /// One step of TRN-02 on a plan: the row locked, the step checked against the state and the actor, audited.
    public func step(_ step: TrainingRules.PlanStep, id: String, note: String?, by actor: Principal, now: Date = Date()) async throws -> TrainingPlanView {
        let note = try TrainingService.text(note, field: "note", max: 500, required: nil)
        let lock = store.dialect.rowLock(of: "p")
        return try await store.write { db in try await Self.take(db, step, id: id, note: note, by: actor, now: now, lock: lock) }
    }

    /// `step`'s work inside the caller's transaction (also the page's rewrite-and-resubmit, #15 leftovers).
    static func take(_ db: any SQLDatabase, _ step: TrainingRules.PlanStep, id: String, note: String, by actor: Principal, now: Date,
                     lock: String) async throws -> TrainingPlanView {
        guard let plan = try await TrainingQueries.planRow(db, id: id, lock: lock) else { throw AppError.notFound(Text("培训计划", "Training plan")) }
        let isAuthor = plan.authorId == actor.userId
        guard actor.covers(unitPath: plan.orgPath), TrainingRules.mayTake(step, roles: actor.roles, isAuthor: false) else {
            throw step == .submit
                ? AppError.forbidden(Text("培训计划由本单位客服主管提交（TRN-02）", "The training plan is submitted by the unit's customer-service supervisor (TRN-02)"))
                : AppError.forbidden(Text("培训计划须由管理处主任审批（TRN-02）", "The training plan is approved by the office director (TRN-02)"))
        }
        if step != .submit && isAuthor {
            throw AppError.conflict("own_plan", Text("不能审批自己编制的培训计划", "You cannot decide on a plan you wrote"))
        }
        guard let status = TrainingRules.PlanStatus(rawValue: plan.status), let next = TrainingRules.next(after: status, step) else {
            throw AppError.conflict("plan_state", Text("培训计划当前状态不允许此操作", "The plan's state does not allow this step"))
        }
        if step == .return && note.isEmpty { throw AppError.validation("note", Text("退回时请说明原因", "Say why the plan is returned")) }
        let at = Clock.millis(now)
        if step == .submit {
            try await db.raw("""
                UPDATE training_plans SET status = \(bind: next.rawValue), submitted_at = \(bind: at), decided_by = NULL, decided_at = NULL, decision_note = NULL,
                    updated_at = \(bind: at) WHERE id = \(bind: plan.id)
                """).run()
        } else {
            try await db.raw("""
                UPDATE training_plans SET status = \(bind: next.rawValue), decided_by = \(bind: actor.userId), decided_at = \(bind: at),
                    decision_note = \(bind: note.isEmpty ? nil : note), updated_at = \(bind: at) WHERE id = \(bind: plan.id)
                """).run()
        }
        try await AuditTrail.record(db, actorId: actor.userId, action: step.rawValue, entity: "training_plan", entityId: plan.id,
                                    detail: ["number": plan.number, "status": next.rawValue], at: at)
        guard let row = try await TrainingQueries.planRow(db, id: plan.id) else { throw AppError.internalError("training plan") }
        return try await TrainingQueries.planView(db, row, viewer: actor)
    }

    public func plans(viewer: Principal, status: String?, paging: Paging) async throws -> ListPage<TrainingPlanView> {
        guard !viewer.roles.isDisjoint(with: TrainingRules.planReaders) else { throw AppError.forbidden() }
        let status = TextRules.trimmed(status)
        if let status, TrainingRules.PlanStatus(rawValue: status) == nil {
            throw AppError.validation("status", Text("状态应为 draft、submitted、approved 或 returned", "status is draft, submitted, approved or returned"))
        }
        return try await store.read { db in try await TrainingQueries.plans(db, viewer: viewer, status: status, paging: paging) }
    }

    public func plan(id: String, viewer: Principal) async throws -> TrainingPlanView {
        try await store.read { db in
            guard let row = try await TrainingQueries.planRow(db, id: id) else { throw AppError.notFound(Text("培训计划", "Training plan")) }
            guard !viewer.roles.isDisjoint(with: TrainingRules.planReaders), viewer.covers(unitPath: row.orgPath) else { throw AppError.forbidden() }
            return try await TrainingQueries.planView(db, row, viewer: viewer)
        }
    }
}
