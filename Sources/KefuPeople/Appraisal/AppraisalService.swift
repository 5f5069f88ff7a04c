import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #15.5 KPI-04 (篇7 §二(一).5): a department head's reward and penalty plan for its subordinates, effective only after
/// the general manager's approval: draft → submitted → effective, or returned with a reason (editable, submitted again).
/// Each step: permission, the rule (`AppraisalRules`), one transaction, an audit-trail entry, and the bell.
public struct AppraisalService: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs()) {
        self.store = store
        self.notifier = notifier
    }

    static func refusal(_ r: AppraisalRules.Refusal, step: AppraisalRules.Step) -> AppError {
        switch r {
        case .notAllowed:
            return step == .submit
                ? AppError.forbidden(Text("考核奖惩方案由本部门负责人提交（KPI-04）", "The appraisal plan is submitted by a head of its department (KPI-04)"))
                : AppError.forbidden(Text("考核奖惩方案须经总经理审批（KPI-04）", "Only the general manager decides on an appraisal plan (KPI-04)"))
        case .ownPlan: return AppError.conflict(r.rawValue, Text("不能审批自己编制的考核奖惩方案", "You cannot decide on a plan you wrote"))
        case .wrongState: return AppError.conflict(r.rawValue, Text("考核奖惩方案当前状态不允许此操作", "The plan's state does not allow this step"))
        case .reasonMissing: return AppError.validation("note", Text("退回时请说明原因", "Say why the plan is returned"))
        }
    }

    static func requireAuthor(_ actor: Principal, unitPath: String) throws {
        guard !actor.roles.isDisjoint(with: AppraisalRules.authors), actor.covers(unitPath: unitPath) else {
            throw AppError.forbidden(Text("考核奖惩方案由本部门负责人编制（KPI-04）", "The appraisal plan is written by a head of its department (KPI-04)"))
        }
    }

    struct Line { let userId: String, kind: AppraisalRules.Kind, fen: Int64, reason: String, evidence: String }

    static func text(_ raw: String?, max: Int, field: String, line: String) throws -> String {
        let t = TextRules.trimmed(raw) ?? ""
        guard t.count <= max else { throw AppError.validation(field, Text("第 {0} 行最长 {1} 字", "Line {0}: at most {1} characters").with(line, String(max))) }
        return t
    }

    /// The typed lines checked without the store: a person, a kind, an exact positive amount, a reason.
    static func lines(_ input: AppraisalPlanInput) throws -> [Line] {
        var out: [Line] = []
        for (i, l) in (input.lines ?? []).enumerated() {
            let n = String(i + 1)
            guard let user = TextRules.trimmed(l.userId) else { throw AppError.validation("lines", Text("第 {0} 行请选择人员", "Line {0}: choose the person").with(n)) }
            guard let kind = TextRules.trimmed(l.kind).flatMap(AppraisalRules.Kind.init(typed:)) else {
                throw AppError.validation("lines", Text("第 {0} 行请选择奖励或处罚", "Line {0}: choose reward or penalty").with(n))
            }
            guard let fen = TextRules.trimmed(l.amount).flatMap(AppraisalRules.amountFen) else {
                throw AppError.validation("lines", Text("第 {0} 行金额应为 0.01 至 100,000.00 元（最多两位小数）", "Line {0}: the amount is 0.01 to 100,000.00 yuan (at most two decimals)").with(n))
            }
            let reason = try text(l.reason, max: AppraisalRules.maxReasonLength, field: "lines", line: n)
            guard !reason.isEmpty else { throw AppError.validation("lines", Text("第 {0} 行请填写事由", "Line {0}: the reason is required").with(n)) }
            out.append(Line(userId: user, kind: kind, fen: fen, reason: reason, evidence: try text(l.evidence, max: AppraisalRules.maxEvidenceLength, field: "lines", line: n)))
        }
        guard !out.isEmpty else { throw AppError.validation("lines", Text("方案至少包含一项奖惩", "A plan holds at least one reward or penalty")) }
        guard out.count <= AppraisalRules.maxLines else {
            throw AppError.validation("lines", Text("方案最多 {0} 项", "A plan holds at most {0} lines").with(String(AppraisalRules.maxLines)))
        }
        return out
    }

    static func period(_ raw: String?) throws -> String {
        guard let m = TextRules.trimmed(raw).flatMap({ CivilMonth(UsualInput.isoDay($0)) }) else {
            throw AppError.validation("period", Text("考核期间应为月份 YYYY-MM", "The period is a month, YYYY-MM"))
        }
        return m.description
    }

    /// KPI-04: each line names a subordinate: an active staff member of the plan's unit or below, not its author.
    static func checkPeople(_ db: any SQLDatabase, _ lines: [Line], unitPath: String, author: String) async throws {
        for (i, l) in lines.enumerated() {
            let n = String(i + 1)
            guard let u = try await OrgQueries.userSummary(db, userId: l.userId), u.active, OrgPath.contains(unitPath, u.orgPath),
                  RosterRoles.isStaff(Role.set(u.roles)) else {
                throw AppError.validation("lines", Text("第 {0} 行的人员不属于该单位", "Line {0}: the person is not of this unit").with(n))
            }
            guard u.id != author else { throw AppError.validation("lines", Text("第 {0} 行：不能为自己定奖惩", "Line {0}: you cannot reward or penalise yourself").with(n)) }
        }
    }

    static func writeLines(_ db: any SQLDatabase, planId: String, _ lines: [Line]) async throws {
        try await db.raw("DELETE FROM appraisal_plan_lines WHERE plan_id = \(bind: planId)").run()
        for (i, l) in lines.enumerated() {
            try await db.raw("""
                INSERT INTO appraisal_plan_lines (plan_id, line, user_id, kind, amount_fen, reason, evidence)
                VALUES (\(bind: planId), \(bind: i + 1), \(bind: l.userId), \(bind: l.kind.rawValue), \(bind: l.fen), \(bind: l.reason), \(bind: l.evidence))
                """).run()
        }
    }

    /// KPI-04: a head of the unit (or a unit above) drafts the month's plan.
    public func create(_ input: AppraisalPlanInput, by actor: Principal, now: Date = Date()) async throws -> AppraisalPlanView {
        guard let unitId = TextRules.trimmed(input.orgUnitId) else { throw AppError.validation("orgUnitId", Text("请选择单位", "Choose the unit")) }
        let period = try Self.period(input.period)
        let lines = try Self.lines(input)
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.validation("orgUnitId", Text("单位不存在", "The unit does not exist")) }
            try Self.requireAuthor(actor, unitPath: unit.path)
            try await Self.checkPeople(db, lines, unitPath: unit.path, author: actor.userId)
            // "KH-2026-000001", gapless per year: the counter first (#18 lock order), one counter row per plan.
            let number = try await SwapService.nextNumber(db, prefix: "KH", kind: "appraisal_plan", now: now)
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO appraisal_plans (id, number, org_unit_id, org_path, period, status, author_id, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: unit.id), \(bind: unit.path), \(bind: period), 'draft', \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await Self.writeLines(db, planId: id, lines)
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "appraisal_plan", entityId: id,
                                        detail: ["number": number, "unit": unit.code, "period": period, "lines": String(lines.count)], at: at)
            return try await AppraisalQueries.view(db, id: id, viewer: actor)
        }
    }

    /// KPI-04: a draft or returned plan rewritten by a head of its unit; 409 plan_state once submitted or effective.
    public func update(id: String, _ input: AppraisalPlanInput, by actor: Principal, now: Date = Date()) async throws -> AppraisalPlanView {
        let lines = try Self.lines(input)
        let period = try input.period.map(Self.period)
        let lock = store.dialect.rowLock(of: "p")
        return try await store.write { db in
            guard let plan = try await AppraisalQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("考核奖惩方案", "Appraisal plan")) }
            try Self.requireAuthor(actor, unitPath: plan.orgPath)
            guard plan.status.editable else { throw Self.refusal(.wrongState, step: .submit) }
            try await Self.checkPeople(db, lines, unitPath: plan.orgPath, author: plan.authorId)
            let at = Clock.millis(now)
            try await db.raw("UPDATE appraisal_plans SET period = \(bind: period ?? plan.period), updated_at = \(bind: at) WHERE id = \(bind: plan.id)").run()
            try await Self.writeLines(db, planId: plan.id, lines)
            try await AuditTrail.record(db, actorId: actor.userId, action: "update", entity: "appraisal_plan", entityId: plan.id,
                                        detail: ["number": plan.number, "lines": String(lines.count)], at: at)
            return try await AppraisalQueries.view(db, id: plan.id, viewer: actor)
        }
    }

    /// One step of KPI-04: the row locked, the rule checked against its state and the actor, audited, the bell rung
    /// (submitted: the general managers over the unit; decided: the author, and on approval the people named).
    public func step(_ step: AppraisalRules.Step, id: String, note: String?, by actor: Principal, now: Date = Date()) async throws -> AppraisalPlanView {
        let note = TextRules.trimmed(note) ?? ""
        guard note.count <= 500 else { throw AppError.validation("note", Text("最长 500 字", "At most 500 characters")) }
        let lock = store.dialect.rowLock(of: "p")
        return try await store.write { db in
            guard let plan = try await AppraisalQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("考核奖惩方案", "Appraisal plan")) }
            guard actor.covers(unitPath: plan.orgPath) else {
                throw AppError.forbidden(Text("该考核奖惩方案不在您的管辖范围内", "This appraisal plan is outside your units"))
            }
            if let r = AppraisalRules.check(step, status: plan.status, roles: actor.roles, isAuthor: actor.userId == plan.authorId, reason: note) {
                throw Self.refusal(r, step: step)
            }
            guard let next = AppraisalRules.next(after: plan.status, step) else { throw Self.refusal(.wrongState, step: step) }
            let at = Clock.millis(now)
            if step == .submit {
                try await db.raw("""
                    UPDATE appraisal_plans SET status = \(bind: next.rawValue), submitted_at = \(bind: at), decided_by = NULL, decided_at = NULL, decision_note = NULL,
                        updated_at = \(bind: at) WHERE id = \(bind: plan.id)
                    """).run()
            } else {
                try await db.raw("""
                    UPDATE appraisal_plans SET status = \(bind: next.rawValue), decided_by = \(bind: actor.userId), decided_at = \(bind: at),
                        decision_note = \(bind: note.isEmpty ? nil : note), updated_at = \(bind: at) WHERE id = \(bind: plan.id)
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: step.rawValue, entity: "appraisal_plan", entityId: plan.id,
                                        detail: ["number": plan.number, "status": next.rawValue] .merging(note.isEmpty ? [:] : ["note": note]) { a, _ in a }, at: at)
            try await tell(db, plan, next, note: note, actor: actor, at: at)
            return try await AppraisalQueries.view(db, id: plan.id, viewer: actor)
        }
    }

    func tell(_ db: any SQLDatabase, _ plan: AppraisalPlanRow, _ next: AppraisalRules.Status, note: String, actor: Principal, at: Int64) async throws {
        let link = "/people/appraisal-plans/\(plan.id)"
        let what = plan.number + " · " + plan.orgUnitName + " · " + plan.period
        switch next {
        case .submitted:
            let unitPath = plan.orgPath
            try await notifier.handOff(db, HandOff(
                kind: "appraisal_plan_submitted",
                recipients: .init(eligible: { roles, userPath in !roles.isDisjoint(with: AppraisalRules.approvers) && OrgPath.contains(userPath, unitPath) }),
                title: Text("考核奖惩方案待审批：{0}", "Appraisal plan to approve: {0}").with(plan.number),
                body: Text("{0} 已提交，请总经理审批（KPI-04）", "{0} was submitted for the general manager's approval (KPI-04)").with(what),
                link: link, actorId: actor.userId), at: at)
        case .effective:
            let people = try await db.raw("SELECT DISTINCT user_id FROM appraisal_plan_lines WHERE plan_id = \(bind: plan.id)").all()
                .map { try $0.decode(column: "user_id", as: String.self) }
            try await notifier.handOff(db, HandOff(
                kind: "appraisal_plan_effective", recipients: .init(userIds: [plan.authorId]),
                title: Text("考核奖惩方案已生效：{0}", "Appraisal plan effective: {0}").with(plan.number),
                body: Text("总经理已批准 {0}", "The general manager approved {0}").with(what), link: link, actorId: actor.userId), at: at)
            try await notifier.handOff(db, HandOff(
                kind: "appraisal_line_effective", recipients: .init(userIds: people),
                title: Text("您有新的考核奖惩结果（{0}）", "A new appraisal result about you ({0})").with(plan.period),
                body: Text("{0} 已生效", "{0} is effective").with(what), link: "/people/my-appraisals", actorId: actor.userId), at: at)
        case .returned:
            try await notifier.handOff(db, HandOff(
                kind: "appraisal_plan_returned", recipients: .init(userIds: [plan.authorId]),
                title: Text("考核奖惩方案被退回：{0}", "Appraisal plan returned: {0}").with(plan.number),
                body: Text("退回原因：{0}", "Reason: {0}").with(note), link: link, actorId: actor.userId), at: at)
        case .draft:
            break
        }
    }

    public func plans(viewer: Principal, status: String?, paging: Paging) async throws -> ListPage<AppraisalPlanView> {
        let status = try Self.statusFilter(status)
        guard !viewer.roles.isDisjoint(with: AppraisalRules.readers) else { throw AppError.forbidden() }
        return try await store.read { db in try await AppraisalQueries.list(db, viewer: viewer, status: status, paging: paging) }
    }

    static func statusFilter(_ raw: String?) throws -> AppraisalRules.Status? {
        guard let raw = TextRules.trimmed(raw) else { return nil }
        guard let s = AppraisalRules.Status(rawValue: raw) else {
            throw AppError.validation("status", Text("状态应为 draft、submitted、effective 或 returned", "status is draft, submitted, effective or returned"))
        }
        return s
    }

    public func plan(id: String, viewer: Principal) async throws -> AppraisalPlanView {
        try await store.read { db in try await AppraisalQueries.view(db, id: id, viewer: viewer) }
    }

    /// KPI-04: every staff member reads the effective lines about itself.
    public func myLines(viewer: Principal, paging: Paging) async throws -> ListPage<MyAppraisalLineView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await AppraisalQueries.effectiveLines(db, userId: viewer.userId, paging: paging) }
    }
}
