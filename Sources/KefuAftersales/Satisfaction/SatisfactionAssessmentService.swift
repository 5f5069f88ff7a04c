import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #15.5 SAT-09 (篇8 §5.10): the head office assesses each department's satisfaction for a month or a quarter against the
/// company quality target; the department answers its notice (acknowledge, then close with the rectification done).
public struct SatisfactionAssessmentService: Sendable {
    let store: any Store
    let settings: SlaSettings
    public var notifier: any HandOffNotifier = NoHandOffs()

    public init(store: any Store, settings: SlaSettings) {
        self.store = store
        self.settings = settings
    }

    static let what = Text("满意度考核记录", "Satisfaction assessment")

    /// "JL-2026-0001" (reward) or "ZG-2026-0002" (notice): one counter per year for both kinds (one counter row per
    /// transaction, never several in varying order), so a number is unique whatever its prefix.
    static func nextNumber(_ db: any SQLDatabase, outcome: SatisfactionOutcome, year: Int) async throws -> String {
        let n = String(try await Counters.next("satisfaction_assessment:\(year)", in: db))
        return (outcome == .reward ? "JL" : "ZG") + "-\(year)-" + String(repeating: "0", count: max(0, 4 - n.count)) + n
    }

    /// Assesses every department with responses in `period` (the serving unit of each response, as the SAT-08 report
    /// groups them). Idempotent per department and period: an assessed department keeps its record and its notice
    /// as issued (they were sent); the run reports `unchanged` or `rate_changed` with the rate now.
    public func assess(period raw: String?, note rawNote: String?, by actor: Principal, now: Date = Date()) async throws -> SatisfactionAssessmentRun {
        guard SatisfactionAssessmentRules.mayAssess(actor.roles, userPath: actor.orgPath) else {
            throw AppError.forbidden(Text("只有总部客服经理可以进行满意度考核（SAT-09）", "Only a head-office CS manager runs the satisfaction assessment (SAT-09)"))
        }
        guard let text = TextRules.trimmed(raw), let period = SatisfactionPeriod(text) else {
            throw AppError.validation("period", Text("期间格式为 2026-11 或 2026-Q4", "period must look like 2026-11 or 2026-Q4"))
        }
        let note = try Field.text(rawNote, "note", max: 2000, required: false)
        let calendar = try await settings.current(now: now).calendar
        let at = Clock.millis(now)
        let today = calendar.day(of: at)
        guard period.first <= today else {
            throw AppError.conflict("period_not_started", Text("期间 {0} 尚未开始", "The period {0} has not started").with(period.key))
        }
        let deadline = SatisfactionAssessmentRules.deadline(issuedOn: today, calendar: calendar)
        let from = Periods.millis(LocalDate(year: period.first.components.year, month: period.first.components.month, day: 1)!)
        let last = period.last.components
        let to = Periods.millis(LocalDate(year: last.year, month: last.month, day: last.day)!) + 86_400_000
        let notifier = self.notifier
        return try await store.write { db in
            guard let targetBp = try await db.raw("SELECT value FROM aftersales_settings WHERE name = \(bind: SurveyService.targetKey)").first()
                .flatMap({ Int(try $0.decode(column: "value", as: String.self)) }) else {
                throw AppError.conflict("no_quality_target", Text("请先设定公司质量目标", "Set the company quality target first"))
            }
            let groups = try await db.raw("""
                SELECT r.org_unit_id, MAX(r.org_path) AS org_path, COUNT(*) AS n, SUM(CASE WHEN r.overall >= 3 THEN 1 ELSE 0 END) AS s,
                  \(unsafeRaw: OrgQueries.unitNameSQL("r.org_unit_id")) AS unit_name
                FROM survey_responses r WHERE r.submitted_at >= \(bind: from) AND r.submitted_at < \(bind: to)
                GROUP BY r.org_unit_id ORDER BY r.org_unit_id
                """).all()
            var departments: [SatisfactionAssessmentRun.Department] = []
            var created = 0
            for g in groups {
                let unitId = try g.decode(column: "org_unit_id", as: String.self)
                let rate = SatisfactionRate(responses: try g.decode(column: "n", as: Int.self), satisfied: try g.decode(column: "s", as: Int.self))
                guard let bp = rate.basisPoints, let outcome = SatisfactionAssessmentRules.outcome(rate, targetBasisPoints: targetBp) else { continue }
                let unitName = try g.str("unit_name")
                func entry(_ id: String, _ number: String, _ state: String, recordedBp: Int, outcome: String) -> SatisfactionAssessmentRun.Department {
                    .init(orgUnitId: unitId, orgUnitName: unitName, responses: rate.responses, satisfied: rate.satisfied, percent: Yuan.text(Int64(bp)),
                          outcome: outcome, assessmentId: id, number: number, state: state, recordedPercent: Yuan.text(Int64(recordedBp)))
                }
                if let old = try await db.raw("""
                    SELECT id, number, outcome, rate_bp, responses FROM satisfaction_assessments WHERE org_unit_id = \(bind: unitId) AND period = \(bind: period.key)
                    """).first() {
                    let oldBp = try old.decode(column: "rate_bp", as: Int.self)
                    let oldResponses = try old.decode(column: "responses", as: Int.self)
                    let same = oldBp == bp && oldResponses == rate.responses
                    departments.append(entry(try old.decode(column: "id", as: String.self), try old.decode(column: "number", as: String.self),
                                             same ? "unchanged" : "rate_changed", recordedBp: oldBp, outcome: try old.decode(column: "outcome", as: String.self)))
                    continue
                }
                let path = try g.decode(column: "org_path", as: String.self)
                let id = Clock.newID()
                let number = try await Self.nextNumber(db, outcome: outcome, year: today.components.year)
                let status: SatisfactionNoticeStatus = outcome == .reward ? .recorded : .issued
                let inserted = try await db.raw("""
                    INSERT INTO satisfaction_assessments (id, number, org_unit_id, org_path, period, outcome, status, responses, satisfied, rate_bp, target_bp,
                        note, deadline, assessed_by, assessed_at)
                    VALUES (\(bind: id), \(bind: number), \(bind: unitId), \(bind: path), \(bind: period.key), \(bind: outcome.rawValue), \(bind: status.rawValue),
                        \(bind: rate.responses), \(bind: rate.satisfied), \(bind: bp), \(bind: targetBp), \(bind: note),
                        \(bind: outcome == .corrective ? deadline.iso : nil), \(bind: actor.userId), \(bind: at))
                    ON CONFLICT (org_unit_id, period) DO NOTHING RETURNING id
                    """).first()
                guard inserted != nil else { continue } // a concurrent run recorded it first
                created += 1
                try await AuditTrail.record(db, actorId: actor.userId, action: outcome == .reward ? "reward_recorded" : "notice_issued",
                                            entity: "satisfaction_assessment", entityId: id,
                                            detail: ["number": number, "period": period.key, "rate": Yuan.text(Int64(bp)), "target": Yuan.text(Int64(targetBp))], at: at)
                if outcome == .corrective {
                    let heads = SatisfactionAssessmentRules.departmentHeads
                    try await notifier.handOff(db, HandOff(
                        kind: "satisfaction_notice",
                        recipients: .init(unitPath: path, eligible: { roles, userPath in userPath == path && !roles.isDisjoint(with: heads) }),
                        title: Text("满意度整改通知 {0}：{1} 满意度 {2}%，低于目标 {3}%", "Satisfaction notice {0}: {1} at {2}%, below the {3}% target")
                            .with(number, period.key, Yuan.text(Int64(bp)), Yuan.text(Int64(targetBp))),
                        body: Text("通报批评，请于 {0} 前完成整改", "Criticism notice; rectify by {0}").with(deadline.iso),
                        link: "/satisfaction/assessments/\(id)", actorId: actor.userId), at: at)
                }
                departments.append(entry(id, number, "created", recordedBp: bp, outcome: outcome.rawValue))
            }
            return SatisfactionAssessmentRun(period: period.key, targetPercent: Yuan.text(Int64(targetBp)), created: created, departments: departments)
        }
    }

    public func list(_ q: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<SatisfactionAssessmentView> {
        try AftersalesAccess.require(viewer, .view)
        let filter = try SatisfactionAssessmentQueries.Filter.parse(q)
        return try await store.read { db in try await SatisfactionAssessmentQueries.list(db, filter, paging: paging, viewer: viewer) }
    }

    public func get(id: String, viewer: Principal) async throws -> SatisfactionAssessmentView {
        try AftersalesAccess.require(viewer, .view)
        return try await store.read { db in try await SatisfactionAssessmentQueries.load(db, id: id, viewer: viewer) }
    }

    /// The department's head acknowledges the notice (with an optional remark).
    public func acknowledge(id: String, note raw: String?, by actor: Principal, now: Date = Date()) async throws -> SatisfactionAssessmentView {
        let note = try Field.text(raw, "note", max: 2000, required: false)
        return try await step(id: id, .acknowledge, by: actor, now: now) { db, _, at in
            try await db.raw("""
                UPDATE satisfaction_assessments SET status = 'acknowledged', acknowledged_by = \(bind: actor.userId), acknowledged_at = \(bind: at),
                  acknowledgement = \(bind: note) WHERE id = \(bind: id)
                """).run()
            return [:]
        }
    }

    /// The department's head closes the notice with the rectification done; after the deadline it is flagged late.
    public func close(id: String, rectification raw: String?, by actor: Principal, now: Date = Date()) async throws -> SatisfactionAssessmentView {
        guard let done = try Field.text(raw, "rectification", max: 4000, required: false) else {
            throw AppError.validation("rectification", Text("请填写整改完成情况", "Describe the rectification done"))
        }
        let calendar = try await settings.current(now: now).calendar
        return try await step(id: id, .close, by: actor, now: now) { db, v, at in
            let late = v.deadline.flatMap(CivilDay.init(iso:)).map { SatisfactionAssessmentRules.isLate(closedOn: calendar.day(of: at), deadline: $0) } ?? false
            try await db.raw("""
                UPDATE satisfaction_assessments SET status = 'closed', closed_by = \(bind: actor.userId), closed_at = \(bind: at),
                  rectification = \(bind: done), closed_late = \(bind: late ? 1 : 0) WHERE id = \(bind: id)
                """).run()
            return ["late": late ? "true" : "false"]
        }
    }

    private func step(id: String, _ step: SatisfactionAssessmentRules.Step, by actor: Principal, now: Date,
                      _ apply: @escaping @Sendable (any SQLDatabase, SatisfactionAssessmentView, Int64) async throws -> [String: String]) async throws -> SatisfactionAssessmentView {
        try AftersalesAccess.require(actor, .view)
        // Without a head's role: 403; a notice outside the caller's unit is answered as one that does not exist (404).
        guard actor.roles.contains(.admin) || !actor.roles.isDisjoint(with: SatisfactionAssessmentRules.departmentHeads) else {
            throw AppError.forbidden(Text("只有被考核部门的经理可以处理整改通知", "Only the assessed department's manager answers the notice"))
        }
        let at = Clock.millis(now)
        let lock = store.dialect.rowLock(of: "a")
        return try await store.write { db in
            let v = try await SatisfactionAssessmentQueries.load(db, id: id, viewer: actor, lock: lock)
            guard SatisfactionAssessmentRules.mayAnswer(actor.roles, userPath: actor.orgPath, departmentPath: v.orgPath) else {
                throw AppError.notFound(Self.what)
            }
            guard let status = SatisfactionNoticeStatus(rawValue: v.status), SatisfactionAssessmentRules.next(status, step: step) != nil else {
                throw AppError.conflict("invalid_state", Text("当前状态不能执行此操作", "Not allowed in the current state"))
            }
            var detail = try await apply(db, v, at)
            detail["number"] = v.number
            try await AuditTrail.record(db, actorId: actor.userId, action: step == .acknowledge ? "notice_acknowledged" : "notice_closed",
                                        entity: "satisfaction_assessment", entityId: id, detail: detail, at: at)
            return try await SatisfactionAssessmentQueries.load(db, id: id, viewer: actor)
        }
    }
}
