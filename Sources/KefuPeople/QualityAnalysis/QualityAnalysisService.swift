import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// KPI-07 (篇12 职责一.10, 职责二.11): a unit's periodic service-quality analysis with its rectification plan. The
/// supervisor drafts it (the figures live), submits it (the figures frozen) to the office director — as TRN-02 decided,
/// the CS manager — who approves or returns it with a reason (a draft again); once approved each line is carried out
/// by its responsible person (or an author over the unit) with a result, and the analysis is completed when every line
/// is done. Each step: permission, the rule, one transaction, an audit entry, and the bell.
public struct QualityAnalysisService: Sendable {
    let store: any Store
    let notifier: any HandOffNotifier
    let sources: QualityAnalysisQueries.Sources

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs(), facts: any ScorecardFactsSource = NoScorecardFacts(),
                quality: any AgentQualitySource = NoAgentQuality(), extras: any UnitQualityExtrasSource = NoUnitQualityExtras()) {
        self.store = store
        self.notifier = notifier
        sources = QualityAnalysisQueries.Sources(facts: facts, quality: quality, extras: extras)
    }

    static func refusal(_ r: QualityAnalysisRules.Refusal, step: QualityAnalysisRules.Step?) -> AppError {
        switch r {
        case .notAllowed:
            switch step {
            case .submit?: return AppError.forbidden(Text("服务质量分析由本单位客服主管提交（KPI-07）", "The quality analysis is submitted by the unit's CS supervisor (KPI-07)"))
            case nil: return AppError.forbidden(Text("整改项由其责任人或客服主管完成", "A plan line is done by its responsible person or the supervisor"))
            default: return AppError.forbidden(Text("服务质量分析须由管理处主任（客服经理）审批（KPI-07）", "The office director (CS manager) approves the quality analysis (KPI-07)"))
            }
        case .ownAnalysis: return AppError.conflict(r.rawValue, Text("不能审批自己编写的服务质量分析", "You cannot decide on an analysis you wrote"))
        case .wrongState: return AppError.conflict(r.rawValue, Text("服务质量分析当前状态不允许此操作", "The analysis's state does not allow this step"))
        case .reasonMissing: return AppError.validation("note", Text("退回时请说明原因", "Say why the analysis is returned"))
        case .planMissing:
            return AppError.validation("lines", Text("有指标未达标，请至少填写一项整改措施（KPI-07）", "A figure misses its target: write at least one rectification line (KPI-07)"))
        }
    }

    static func requireAuthor(_ actor: Principal, unitPath: String) throws {
        guard !actor.roles.isDisjoint(with: QualityAnalysisRules.authors), actor.covers(unitPath: unitPath) else {
            throw AppError.forbidden(Text("服务质量分析由本单位客服主管编写（KPI-07）", "The quality analysis is written by the unit's CS supervisor (KPI-07)"))
        }
    }

    struct Line { let problem: String, measure: String, responsibleId: String, due: CivilDay }

    static func text(_ raw: String?, max: Int, field: String, line: String) throws -> String {
        let t = TextRules.trimmed(raw) ?? ""
        guard t.count <= max else { throw AppError.validation(field, Text("第 {0} 行最长 {1} 字", "Line {0}: at most {1} characters").with(line, String(max))) }
        guard !t.isEmpty else { throw AppError.validation(field, Text("第 {0} 行请填写问题和整改措施", "Line {0}: the problem and the measure are required").with(line)) }
        return t
    }

    static func content(_ input: QualityAnalysisInput) throws -> (findings: String, lines: [Line]) {
        let findings = TextRules.trimmed(input.findings) ?? ""
        guard findings.count <= QualityAnalysisRules.maxFindingsLength else {
            throw AppError.validation("findings", Text("分析最长 {0} 字", "The findings are at most {0} characters").with(String(QualityAnalysisRules.maxFindingsLength)))
        }
        var out: [Line] = []
        for (i, l) in (input.lines ?? []).enumerated() {
            let n = String(i + 1)
            let problem = try text(l.problem, max: QualityAnalysisRules.maxTextLength, field: "lines", line: n)
            let measure = try text(l.measure, max: QualityAnalysisRules.maxTextLength, field: "lines", line: n)
            guard let who = TextRules.trimmed(l.responsibleId) else { throw AppError.validation("lines", Text("第 {0} 行请选择责任人", "Line {0}: choose the responsible person").with(n)) }
            guard let due = TextRules.trimmed(l.due).flatMap(UsualInput.day) else {
                throw AppError.validation("lines", Text("第 {0} 行的完成期限应为 YYYY-MM-DD", "Line {0}: the due date must be YYYY-MM-DD").with(n))
            }
            out.append(Line(problem: problem, measure: measure, responsibleId: who, due: due))
        }
        guard out.count <= QualityAnalysisRules.maxLines else {
            throw AppError.validation("lines", Text("整改方案最多 {0} 项", "A plan holds at most {0} lines").with(String(QualityAnalysisRules.maxLines)))
        }
        return (findings, out)
    }

    static func period(_ raw: String?) throws -> QualityAnalysisRules.Period {
        guard let p = TextRules.trimmed(raw).flatMap(QualityAnalysisRules.Period.init) else {
            throw AppError.validation("period", Text("期间应为月份 YYYY-MM 或季度 YYYY-Q1…Q4", "The period is a month YYYY-MM or a quarter YYYY-Q1…Q4"))
        }
        return p
    }

    /// Each responsible person is an active staff member of the analysis's unit or below.
    static func checkPeople(_ db: any SQLDatabase, _ lines: [Line], unitPath: String) async throws {
        for (i, l) in lines.enumerated() {
            guard let u = try await OrgQueries.userSummary(db, userId: l.responsibleId), u.active, OrgPath.contains(unitPath, u.orgPath),
                  RosterRoles.isStaff(Role.set(u.roles)) else {
                throw AppError.validation("lines", Text("第 {0} 行的责任人不属于该单位", "Line {0}: the responsible person is not of this unit").with(String(i + 1)))
            }
        }
    }

    static func writeLines(_ db: any SQLDatabase, analysisId: String, _ lines: [Line]) async throws {
        try await db.raw("DELETE FROM quality_analysis_lines WHERE analysis_id = \(bind: analysisId)").run()
        for (i, l) in lines.enumerated() {
            try await db.raw("""
                INSERT INTO quality_analysis_lines (id, analysis_id, line, problem, measure, responsible_id, due_day)
                VALUES (\(bind: Clock.newID()), \(bind: analysisId), \(bind: i + 1), \(bind: l.problem), \(bind: l.measure), \(bind: l.responsibleId), \(bind: l.due.iso))
                """).run()
        }
    }

    /// KPI-07: the supervisor of the unit (or above) opens the period's analysis.
    public func create(_ input: QualityAnalysisInput, by actor: Principal, now: Date = Date()) async throws -> QualityAnalysisView {
        guard let unitId = TextRules.trimmed(input.orgUnitId) else { throw AppError.validation("orgUnitId", Text("请选择单位", "Choose the unit")) }
        let period = try Self.period(input.period)
        let (findings, lines) = try Self.content(input)
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.validation("orgUnitId", Text("单位不存在", "The unit does not exist")) }
            try Self.requireAuthor(actor, unitPath: unit.path)
            try await Self.checkPeople(db, lines, unitPath: unit.path)
            // "FX-2026-000001": one gapless counter per year (SAT-09's JL-/ZG- numbers alike).
            let number = try await SwapService.nextNumber(db, prefix: "FX", kind: "quality_analysis", now: now)
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO quality_analyses (id, number, org_unit_id, org_path, period, status, author_id, findings, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: unit.id), \(bind: unit.path), \(bind: period.description), 'draft', \(bind: actor.userId),
                    \(bind: findings), \(bind: at), \(bind: at))
                """).run()
            try await Self.writeLines(db, analysisId: id, lines)
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "quality_analysis", entityId: id,
                                        detail: ["number": number, "unit": unit.code, "period": period.description], at: at)
            return try await QualityAnalysisQueries.view(db, id: id, viewer: actor, now: now, sources: sources)
        }
    }

    /// A draft rewritten (period, findings, lines) by an author over its unit; 409 invalid_transition once submitted.
    public func update(id: String, _ input: QualityAnalysisInput, by actor: Principal, now: Date = Date()) async throws -> QualityAnalysisView {
        let period = try input.period.map(Self.period)
        let (findings, lines) = try Self.content(input)
        let lock = store.dialect.rowLock(of: "a")
        return try await store.write { db in
            guard let a = try await QualityAnalysisQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("服务质量分析", "Quality analysis")) }
            try Self.requireAuthor(actor, unitPath: a.orgPath)
            guard a.status.editable else { throw Self.refusal(.wrongState, step: .submit) }
            try await Self.checkPeople(db, lines, unitPath: a.orgPath)
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE quality_analyses SET period = \(bind: period?.description ?? a.period), findings = \(bind: findings), updated_at = \(bind: at) WHERE id = \(bind: a.id)
                """).run()
            try await Self.writeLines(db, analysisId: a.id, lines)
            try await AuditTrail.record(db, actorId: actor.userId, action: "update", entity: "quality_analysis", entityId: a.id,
                                        detail: ["number": a.number, "lines": String(lines.count)], at: at)
            return try await QualityAnalysisQueries.view(db, id: a.id, viewer: actor, now: now, sources: sources)
        }
    }

    /// One step (submit, approve, return): the row locked, the rule checked, the figures frozen on submit, audited, the bell rung.
    public func step(_ step: QualityAnalysisRules.Step, id: String, note: String?, by actor: Principal, now: Date = Date()) async throws -> QualityAnalysisView {
        let note = TextRules.trimmed(note) ?? ""
        guard note.count <= 500 else { throw AppError.validation("note", Text("最长 500 字", "At most 500 characters")) }
        let lock = store.dialect.rowLock(of: "a")
        return try await store.write { db in
            guard let a = try await QualityAnalysisQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("服务质量分析", "Quality analysis")) }
            guard actor.covers(unitPath: a.orgPath) else {
                throw AppError.forbidden(Text("该服务质量分析不在您的管辖范围内", "This quality analysis is outside your units"))
            }
            var frozen: QualityAnalysisRules.Figures?
            var lineCount = 1
            if step == .submit, a.status == .draft, let period = QualityAnalysisRules.Period(a.period) {
                frozen = try await QualityAnalysisQueries.liveFigures(db, unitPath: a.orgPath, period: period, now: now, sources: sources)
                lineCount = try await db.raw("SELECT COUNT(*) AS n FROM quality_analysis_lines WHERE analysis_id = \(bind: a.id)").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            if let r = QualityAnalysisRules.check(step, status: a.status, roles: actor.roles, isAuthor: actor.userId == a.authorId, reason: note,
                                                  misses: frozen.map(QualityAnalysisRules.misses) ?? [], lines: lineCount) {
                throw Self.refusal(r, step: step)
            }
            guard let next = QualityAnalysisRules.next(after: a.status, step) else { throw Self.refusal(.wrongState, step: step) }
            let at = Clock.millis(now)
            switch step {
            case .submit:
                let json = try QualityAnalysisQueries.figuresJSON(frozen ?? .init())
                try await db.raw("""
                    UPDATE quality_analyses SET status = \(bind: next.rawValue), figures = \(bind: json),
                        submitted_at = \(bind: at), decided_by = NULL, decided_at = NULL, decision_note = NULL, updated_at = \(bind: at) WHERE id = \(bind: a.id)
                    """).run()
            case .approve, .return:
                // A return makes it a draft again: the figures live until it is submitted anew, the reason kept.
                let figures: String? = step == .return ? nil : a.figures
                try await db.raw("""
                    UPDATE quality_analyses SET status = \(bind: next.rawValue), figures = \(bind: figures), decided_by = \(bind: actor.userId), decided_at = \(bind: at),
                        decision_note = \(bind: note.isEmpty ? nil : note), updated_at = \(bind: at) WHERE id = \(bind: a.id)
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: step.rawValue, entity: "quality_analysis", entityId: a.id,
                                        detail: ["number": a.number, "status": next.rawValue].merging(note.isEmpty ? [:] : ["note": note]) { x, _ in x }, at: at)
            try await tell(db, a, step, note: note, actor: actor, at: at)
            return try await QualityAnalysisQueries.view(db, id: a.id, viewer: actor, now: now, sources: sources)
        }
    }

    func tell(_ db: any SQLDatabase, _ a: QualityAnalysisRow, _ step: QualityAnalysisRules.Step, note: String, actor: Principal, at: Int64) async throws {
        let link = "/people/quality-analyses/\(a.id)"
        let what = a.number + " · " + a.orgUnitName + " · " + a.period
        switch step {
        case .submit:
            let unitPath = a.orgPath
            try await notifier.handOff(db, HandOff(
                kind: "quality_analysis_submitted",
                recipients: .init(eligible: { roles, userPath in !roles.isDisjoint(with: QualityAnalysisRules.approvers) && OrgPath.contains(userPath, unitPath) }),
                title: Text("服务质量分析待审批：{0}", "Quality analysis to approve: {0}").with(a.number),
                body: Text("{0} 已提交，请审批整改方案（KPI-07）", "{0} was submitted: approve its rectification plan (KPI-07)").with(what),
                link: link, actorId: actor.userId), at: at)
        case .approve:
            let people = try await db.raw("SELECT DISTINCT responsible_id FROM quality_analysis_lines WHERE analysis_id = \(bind: a.id)").all()
                .map { try $0.decode(column: "responsible_id", as: String.self) }
            try await notifier.handOff(db, HandOff(
                kind: "quality_rectification_assigned", recipients: .init(userIds: Array(Set(people + [a.authorId]))),
                title: Text("整改方案已批准：{0}", "Rectification plan approved: {0}").with(a.number),
                body: Text("{0} 的整改措施请按期完成", "Carry out the measures of {0} by their due dates").with(what), link: link, actorId: actor.userId), at: at)
        case .return:
            try await notifier.handOff(db, HandOff(
                kind: "quality_analysis_returned", recipients: .init(userIds: [a.authorId]),
                title: Text("服务质量分析被退回：{0}", "Quality analysis returned: {0}").with(a.number),
                body: Text("退回原因：{0}", "Reason: {0}").with(note), link: link, actorId: actor.userId), at: at)
        }
    }

    /// A line carried out, with its result (整改结果); the last one completes the analysis.
    public func markDone(id: String, lineId: String, result: String?, by actor: Principal, now: Date = Date()) async throws -> QualityAnalysisView {
        guard let result = TextRules.trimmed(result) else { throw AppError.validation("result", Text("请填写整改结果", "Write the result of the measure")) }
        guard result.count <= QualityAnalysisRules.maxTextLength else {
            throw AppError.validation("result", Text("整改结果最长 {0} 字", "The result is at most {0} characters").with(String(QualityAnalysisRules.maxTextLength)))
        }
        let lock = store.dialect.rowLock(of: "a")
        return try await store.write { db in
            guard let a = try await QualityAnalysisQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("服务质量分析", "Quality analysis")) }
            let lines = try await QualityAnalysisQueries.lines(db, analysisIds: [a.id])[a.id] ?? []
            // Permission and state before the line itself: a caller who may not act learns nothing of the lines.
            let named = lines.first(where: { $0.id == lineId })
            if let r = QualityAnalysisRules.mayMarkDone(status: a.status, isResponsible: named?.responsibleId == actor.userId,
                                                       isAuthorRole: a.isAuthorRole(actor), alreadyDone: named?.doneAt != nil) {
                throw Self.refusal(r, step: nil)
            }
            guard let line = named else { throw AppError.notFound(Text("整改项", "Plan line")) }
            let at = Clock.millis(now)
            try await db.raw("UPDATE quality_analysis_lines SET done_at = \(bind: at), done_by = \(bind: actor.userId), result = \(bind: result) WHERE id = \(bind: line.id)").run()
            let open = lines.filter { $0.doneAt == nil && $0.id != line.id }.count
            if open == 0 {
                try await db.raw("""
                    UPDATE quality_analyses SET status = \(bind: QualityAnalysisRules.Status.completed.rawValue), completed_at = \(bind: at), updated_at = \(bind: at)
                    WHERE id = \(bind: a.id)
                    """).run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "line_done", entity: "quality_analysis", entityId: a.id,
                                        detail: ["number": a.number, "line": String(line.line), "completed": open == 0 ? "yes" : "no"], at: at)
            return try await QualityAnalysisQueries.view(db, id: a.id, viewer: actor, now: now, sources: sources)
        }
    }

    static func filter(unitId: String?, period: String?, status: String?) throws -> QualityAnalysisQueries.Filter {
        var f = QualityAnalysisQueries.Filter(unitId: TextRules.trimmed(unitId))
        if let p = TextRules.trimmed(period) { f.period = try Self.period(p).description }
        if let s = TextRules.trimmed(status) {
            guard let st = QualityAnalysisRules.Status(rawValue: s) else {
                throw AppError.validation("status", Text("状态应为 draft、submitted、approved 或 completed", "status is draft, submitted, approved or completed"))
            }
            f.status = st
        }
        return f
    }

    static func requireReader(_ viewer: Principal) throws {
        guard !viewer.roles.isDisjoint(with: QualityAnalysisRules.readers) else {
            throw AppError.forbidden(Text("只有客服主管、客服经理和质检员可以查看服务质量分析", "Only CS supervisors, CS managers and QA read the quality analyses"))
        }
    }

    public func analyses(viewer: Principal, unitId: String?, period: String?, status: String?, paging: Paging, now: Date = Date()) async throws -> ListPage<QualityAnalysisView> {
        try Self.requireReader(viewer)
        let filter = try Self.filter(unitId: unitId, period: period, status: status)
        return try await store.read { db in try await QualityAnalysisQueries.list(db, viewer: viewer, filter: filter, paging: paging, now: now) }
    }

    public func analysis(id: String, viewer: Principal, now: Date = Date()) async throws -> QualityAnalysisView {
        try await store.read { db in try await QualityAnalysisQueries.view(db, id: id, viewer: viewer, now: now, sources: sources) }
    }
}
