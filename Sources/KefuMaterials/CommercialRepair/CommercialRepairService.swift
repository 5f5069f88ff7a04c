import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Every step of a class II commercial repair (#13.3, DMG-06, DMG-07, ESC-05): permission, validation, one transaction,
/// an audit-trail entry.
public struct CommercialRepairService: Sendable {
    let store: any Store
    var notifier: any HandOffNotifier
    /// #3's working-day calendar: the default due date is 20 working days after sending (decision #13.3).
    let calendar: any MaterialWorkCalendar

    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs(), calendar: any MaterialWorkCalendar = ShippedWorkCalendar()) {
        self.store = store
        self.notifier = notifier
        self.calendar = calendar
    }

    static let entity = "commercial_repair"
    /// "SX-2026-000001" (商修), per year, gapless: the counter moves in the application's own transaction (#18).
    static let prefix = "SX"

    static func today(_ now: Date) -> CivilDay { CivilDay(iso: MaterialValidation.today(now)) ?? CivilDay(number: 0) }

    static func nextNumber(_ db: any SQLDatabase, day: String) async throws -> String {
        let year = String(day.prefix(4))
        let n = try await Counters.next("commercial_repair:\(year)", in: db)
        return DocumentNumber(prefix: prefix, year: Int(year) ?? 0, sequence: n).formatted(dash: true, width: 6)
    }

    static func day(_ typed: String?, field: String, now: Date) throws -> String? {
        guard TextRules.trimmed(typed) != nil else { return nil }
        do { return try MaterialValidation.date(typed, now: now) } catch {
            throw AppError.validation(field, Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD"))
        }
    }

    static func money(_ typed: TypedAmount?, field: String) throws -> Int64? {
        guard let text = TextRules.trimmed(typed?.text) else { return nil }
        guard let fen = Yuan.fen(text) else {
            throw AppError.validation(field, Text("金额格式不正确（元，最多两位小数）", "The amount must be in yuan with at most two decimals"))
        }
        return fen
    }

    // MARK: create (DMG-06)

    /// The department combines class II parts of its sites into one application; a site may start a warranty repair
    /// of its own tools (DMG-07). Every part: of the unit, class II, registered (not packed), in no other application.
    public func create(_ input: CommercialRepairInput, by actor: Principal, now: Date = Date()) async throws -> CommercialRepairView {
        try MaterialAccess.requireViewer(actor)
        let kind: CommercialRepairKind = try MaterialValidation.choice(input.kind, "kind", default: .commercial)
        let ids = Array(Set((input.partIds ?? []).compactMap { TextRules.trimmed($0) })).sorted()
        let note = try MaterialValidation.text(input.note, field: "note", max: 500, required: false) ?? ""
        guard let unitId = TextRules.trimmed(input.orgUnitId) else {
            throw AppError.validation("orgUnitId", Text("请选择申请的业务部", "Choose the department applying"))
        }
        let today = MaterialValidation.today(now)
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId), unit.active else {
                throw AppError.validation("orgUnitId", Text("单位不存在", "The unit does not exist"))
            }
            guard CommercialRepairRules.mayAct(.edit, kind: kind, roles: actor.roles, covers: actor.covers(unitPath: unit.path)) else {
                throw AppError.forbidden(kind == .commercial
                    ? Text("商修申请由业务部汇总各现场的二类损坏件发起（DMG-06）", "A commercial repair is applied for by the business department for its sites (DMG-06)")
                    : Text("您不能为“{0}”登记保修维修", "You cannot record a warranty repair for {0}").with(unit.name))
            }
            guard !ids.isEmpty else { throw AppError.validation("partIds", Text("请选择要维修的二类损坏件", "Choose the class II damaged parts to repair")) }
            guard ids.count <= 200 else { throw AppError.validation("partIds", Text("一张申请最多 200 件", "An application holds at most 200 parts")) }
            // The parts' rows, locked on PostgreSQL in id order: two applications naming one part take turns.
            let rows = try await db.raw("""
                SELECT id, number, org_path, status, repair_class FROM damaged_parts WHERE id IN (\(SQLList(ids.map { SQLBind($0) }))) ORDER BY id\(unsafeRaw: lock)
                """).all()
            guard rows.count == ids.count else { throw AppError.validation("partIds", Text("有损坏件不存在", "A damaged part does not exist")) }
            let held = try await CommercialRepairQueries.heldParts(db, ids: ids)
            for row in rows {
                let number = try row.decode(column: "number", as: String.self)
                guard OrgPath.contains(unit.path, try row.decode(column: "org_path", as: String.self)) else {
                    throw AppError.validation("partIds", Text("损坏件 {0} 不属于“{1}”的现场", "Damaged part {0} is not of a site of {1}").with(number, unit.name))
                }
                let id = try row.decode(column: "id", as: String.self)
                if held.contains(id) {
                    throw AppError.conflict("part_in_other_repair", Text("损坏件 {0} 已在其他商修申请中", "Damaged part {0} is already in another repair application").with(number))
                }
                let cls = RepairClass(rawValue: try row.decode(column: "repair_class", as: String.self)) ?? .I
                let status = DamagedPartStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .registered
                guard CommercialRepairRules.partEligible(repairClass: cls, status: status, inOtherApplication: false) else {
                    throw AppError.validation("partIds", cls != .II
                        ? Text("损坏件 {0} 是一类物资，不做商修（DMG-01）", "Damaged part {0} is class I, not for commercial repair (DMG-01)").with(number)
                        : Text("损坏件 {0} 已装箱返回，不能再申请维修", "Damaged part {0} is already packed for return").with(number))
                }
            }
            let id = Clock.newID(), at = Clock.millis(now)
            let number = try await Self.nextNumber(db, day: today)
            try await db.raw("""
                INSERT INTO commercial_repairs (id, number, kind, org_unit_id, org_path, status, note, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: kind.rawValue), \(bind: unit.id), \(bind: unit.path), 'draft', \(bind: note),
                    \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            for partId in ids {
                try await db.raw("INSERT INTO commercial_repair_parts (repair_id, part_id) VALUES (\(bind: id), \(bind: partId))").run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.entity, entityId: id,
                                        detail: ["number": number, "kind": kind.rawValue, "unit": unit.code, "parts": String(ids.count)], at: at)
            return try await CommercialRepairQueries.view(db, id: id, viewer: actor, today: Self.today(now))
        }
    }

    // MARK: steps

    /// One step: the application locked, seen, the step the caller's (403) and the state's (409), then `apply`.
    func step(_ step: CommercialRepairRules.Step, id: String, by actor: Principal, now: Date,
              apply: @Sendable @escaping (any SQLDatabase, CommercialRepairRow, Int64) async throws -> [String: String]) async throws -> CommercialRepairView {
        try MaterialAccess.requireViewer(actor)
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            _ = try await db.raw("SELECT id FROM commercial_repairs WHERE id = \(bind: id)\(unsafeRaw: lock)").first()
            guard let c = try await CommercialRepairQueries.row(db, id: id) else { throw AppError.notFound(Text("商修申请", "Commercial repair")) }
            try CommercialRepairQueries.requireView(actor, c)
            guard CommercialRepairQueries.mayAct(step, c, actor) else {
                let label = CommercialRepairLabels.step(step)
                throw AppError.forbidden(Text("您不能对该申请执行“{0}”", "You cannot {1} this application").with(label.zh, label.en.lowercased()))
            }
            guard CommercialRepairRules.allows(step, kind: c.kind, status: c.status) else {
                let state = CommercialRepairLabels.status(c.status.rawValue)
                throw AppError.conflict("repair_\(c.status.rawValue)", Text("该申请当前状态为“{0}”，不能执行此操作", "The application is {1}; this step is not possible now")
                    .with(state.zh, state.en.lowercased()))
            }
            let at = Clock.millis(now)
            var detail = try await apply(db, c, at)
            detail["number"] = c.number
            try await AuditTrail.record(db, actorId: actor.userId, action: step.rawValue, entity: Self.entity, entityId: id, detail: detail, at: at)
            return try await CommercialRepairQueries.view(db, id: id, viewer: actor, today: Self.today(now))
        }
    }

    func setStatus(_ db: any SQLDatabase, _ id: String, _ status: CommercialRepairStatus, at: Int64, extra: SQLQueryString = "") async throws {
        try await db.raw("UPDATE commercial_repairs SET status = \(bind: status.rawValue), updated_at = \(bind: at)\(extra) WHERE id = \(bind: id)").run()
    }

    /// The department submits its application to 业务管理部 (DMG-06); the HQ materials office is told.
    public func submit(id: String, by actor: Principal, now: Date = Date()) async throws -> CommercialRepairView {
        let handOffs = CommercialRepairHandOffs(notifier: notifier)
        return try await step(.submit, id: id, by: actor, now: now) { db, c, at in
            try await setStatus(db, id, .submitted, at: at, extra: ", submitted_by = \(bind: actor.userId), submitted_at = \(bind: at), review_comment = NULL")
            try await handOffs.submitted(db, c, by: actor.userId, at: at)
            return [:]
        }
    }

    /// HQ approves (a comment is optional); the department is told.
    public func approve(id: String, _ input: CommercialRepairCommentInput, by actor: Principal, now: Date = Date()) async throws -> CommercialRepairView {
        let comment = try MaterialValidation.text(input.comment, field: "comment", max: 500, required: false)
        let handOffs = CommercialRepairHandOffs(notifier: notifier)
        return try await step(.approve, id: id, by: actor, now: now) { db, c, at in
            try await setStatus(db, id, .approved, at: at, extra: ", approved_by = \(bind: actor.userId), approved_at = \(bind: at), review_comment = \(bind: comment)")
            try await handOffs.decided(db, c, approved: true, comment: comment, by: actor.userId, at: at)
            return ["comment": comment ?? ""]
        }
    }

    /// HQ sends the application back to the department's draft with a comment.
    public func reject(id: String, _ input: CommercialRepairCommentInput, by actor: Principal, now: Date = Date()) async throws -> CommercialRepairView {
        guard let comment = try MaterialValidation.text(input.comment, field: "comment", max: 500, required: true) else {
            throw AppError.validation("comment", Text("请写明退回原因", "Say why it is sent back"))
        }
        let handOffs = CommercialRepairHandOffs(notifier: notifier)
        return try await step(.reject, id: id, by: actor, now: now) { db, c, at in
            try await setStatus(db, id, .draft, at: at, extra: ", review_comment = \(bind: comment)")
            try await handOffs.decided(db, c, approved: false, comment: comment, by: actor.userId, at: at)
            return ["comment": comment]
        }
    }

    /// The parts go to the repairer (DMG-06) or the maker under warranty (DMG-07): repairer, sent day, expected return
    /// (default: 20 working days on #3's calendar), cost in exact yuan.
    public func send(id: String, _ input: CommercialRepairSendInput, by actor: Principal, now: Date = Date()) async throws -> CommercialRepairView {
        let repairer = TextRules.trimmed(input.repairer)
        if let r = repairer, r.count > 100 { throw AppError.validation("repairer", Text("维修单位最长 100 字", "The repairer is at most 100 characters")) }
        let sentOn = try Self.day(input.sentOn, field: "sentOn", now: now) ?? MaterialValidation.today(now)
        let expectedOn = try Self.day(input.expectedOn, field: "expectedOn", now: now)
        let warrantyUntil = try Self.day(input.warrantyUntil, field: "warrantyUntil", now: now)
        let costFen = try Self.money(input.cost, field: "cost")
        let today = Self.today(now)
        let work = try await calendar.workCalendar(now: now)
        return try await step(.send, id: id, by: actor, now: now) { db, c, at in
            let sent = CivilDay(iso: sentOn)!
            if let problem = CommercialRepairRules.checkSend(kind: c.kind, repairer: repairer, sentOn: sent, expected: expectedOn.flatMap(CivilDay.init(iso:)),
                                                             warrantyUntil: warrantyUntil.flatMap(CivilDay.init(iso:)), costFen: costFen, today: today) {
                throw Self.refusal(problem)
            }
            let due = CommercialRepairRules.dueDate(sentOn: sent, expected: expectedOn.flatMap(CivilDay.init(iso:))) { work.adding(workingDays: $0, to: $1) }
            try await setStatus(db, id, .sent, at: at, extra: """
                , repairer = \(bind: repairer), sent_on = \(bind: sentOn), expected_on = \(bind: expectedOn), due_on = \(bind: due.iso),
                warranty_until = \(bind: c.kind == .warranty ? warrantyUntil : nil), cost_fen = \(bind: c.kind == .warranty ? Int64(0) : costFen), sent_by = \(bind: actor.userId)
                """)
            return ["repairer": repairer ?? "", "sentOn": sentOn, "dueOn": due.iso, "cost": (c.kind == .warranty ? 0 : costFen).map(Yuan.text) ?? ""]
        }
    }

    /// What came back: a result for every part (repaired or scrapped), the return day, the final cost if it changed.
    public func record(id: String, _ input: CommercialRepairResultsInput, by actor: Principal, now: Date = Date()) async throws -> CommercialRepairView {
        let returnedOn = try Self.day(input.returnedOn, field: "returnedOn", now: now) ?? MaterialValidation.today(now)
        let costFen = try Self.money(input.cost, field: "cost")
        var results: [String: CommercialRepairResult] = [:], notes: [String: String] = [:]
        for r in input.results ?? [] {
            guard let partId = TextRules.trimmed(r.partId), let typed = TextRules.trimmed(r.result) else { continue }
            results[partId] = try MaterialValidation.choice(typed, "results")
            if let n = TextRules.trimmed(r.note) { notes[partId] = String(n.prefix(500)) }
        }
        let today = Self.today(now)
        return try await step(.record, id: id, by: actor, now: now) { [results, notes] db, c, at in
            let partIds = try await CommercialRepairQueries.parts(db, repairId: id).map(\.partId)
            if let problem = CommercialRepairRules.checkRecord(partIds: partIds, results: results, sentOn: c.sentOn.flatMap(CivilDay.init(iso:)) ?? today,
                                                               returnedOn: CivilDay(iso: returnedOn)!, today: today) {
                throw Self.refusal(problem)
            }
            if c.kind == .warranty, let costFen, costFen != 0 { throw Self.refusal(.costNotAllowed) }
            for partId in partIds {
                try await db.raw("""
                    UPDATE commercial_repair_parts SET result = \(bind: results[partId]!.rawValue), result_note = \(bind: notes[partId])
                    WHERE repair_id = \(bind: id) AND part_id = \(bind: partId)
                    """).run()
            }
            let cost = costFen ?? c.costFen
            try await setStatus(db, id, .returned, at: at, extra: ", returned_on = \(bind: returnedOn), cost_fen = \(bind: cost), recorded_by = \(bind: actor.userId)")
            let repaired = partIds.filter { results[$0] == .repaired }.count
            return ["returnedOn": returnedOn, "repaired": String(repaired), "scrapped": String(partIds.count - repaired)]
        }
    }

    public func close(id: String, by actor: Principal, now: Date = Date()) async throws -> CommercialRepairView {
        try await step(.close, id: id, by: actor, now: now) { db, _, at in
            try await setStatus(db, id, .closed, at: at, extra: ", closed_by = \(bind: actor.userId), closed_at = \(bind: at)")
            return [:]
        }
    }

    /// A draft is withdrawn; its parts are free for another application.
    public func cancel(id: String, by actor: Principal, now: Date = Date()) async throws -> CommercialRepairView {
        try await step(.cancel, id: id, by: actor, now: now) { db, _, at in
            try await setStatus(db, id, .cancelled, at: at)
            return [:]
        }
    }

    static func refusal(_ p: CommercialRepairRules.SendProblem) -> AppError {
        switch p {
        case .repairerRequired: return AppError.validation("repairer", Text("请填写维修单位（厂家）", "Fill in the repairer (the maker)"))
        case .sentInFuture: return AppError.validation("sentOn", Text("送修日期不能晚于今天", "The sending day cannot be after today"))
        case .expectedBeforeSent: return AppError.validation("expectedOn", Text("预计返回日期不能早于送修日期", "The expected return cannot be before the sending day"))
        case .warrantyRequired: return AppError.validation("warrantyUntil", Text("请填写保修截止日期（DMG-07）", "Fill in the end of the warranty (DMG-07)"))
        case .warrantyEnded:
            return AppError.validation("warrantyUntil", Text("送修时已过保修期，应走商修申请（DMG-07）", "The warranty had ended when it was sent: apply for commercial repair (DMG-07)"))
        case .costNotAllowed: return AppError.validation("cost", Text("保修期内由厂家免费维修，不填费用（DMG-07）", "A repair under warranty is free (DMG-07)"))
        }
    }

    static func refusal(_ p: CommercialRepairRules.RecordProblem) -> AppError {
        switch p {
        case .missingResult(let partId):
            return AppError(.unprocessableContent, "result_missing", Text("每个损坏件都要填写维修结果", "Every part needs its result"), details: ["field": "results", "partId": partId])
        case .returnedBeforeSent: return AppError.validation("returnedOn", Text("返回日期不能早于送修日期", "The return day cannot be before the sending day"))
        case .returnedInFuture: return AppError.validation("returnedOn", Text("返回日期不能晚于今天", "The return day cannot be after today"))
        }
    }

    // MARK: ESC-05 escalation (background pass)

    /// ESC-05: every repair still out past its due date and not yet escalated is escalated to 业务管理部's materials
    /// office, once (`escalated_to_hq_at`); a quiet round writes nothing.
    public func escalateLate(now: Date = Date()) async throws -> Int {
        let today = Self.today(now)
        let ids = try await store.read { db in
            try await db.raw("""
                SELECT id FROM commercial_repairs WHERE status = 'sent' AND due_on < \(bind: today.iso) AND escalated_to_hq_at IS NULL ORDER BY due_on LIMIT 500
                """).all().map { try $0.decode(column: "id", as: String.self) }
        }
        guard !ids.isEmpty else { return 0 }
        let handOffs = CommercialRepairHandOffs(notifier: notifier)
        let at = Clock.millis(now)
        return try await store.write { db in
            var told = 0
            for id in ids {
                guard let c = try await CommercialRepairQueries.row(db, id: id),
                      CommercialRepairRules.shouldEscalate(status: c.status, dueOn: c.dueOn.flatMap(CivilDay.init(iso:)), today: today, escalated: c.escalatedAt != nil)
                else { continue }
                try await db.raw("UPDATE commercial_repairs SET escalated_to_hq_at = \(bind: at) WHERE id = \(bind: id) AND escalated_to_hq_at IS NULL").run()
                try await handOffs.escalated(db, c, daysLate: c.daysLate(today: today) ?? 0, at: at)
                try await AuditTrail.record(db, actorId: nil, action: "escalate", entity: Self.entity, entityId: id,
                                            detail: ["number": c.number, "dueOn": c.dueOn ?? ""], at: at)
                told += 1
            }
            return told
        }
    }

    // MARK: reads

    public func get(id: String, viewer: Principal, now: Date = Date()) async throws -> CommercialRepairView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await CommercialRepairQueries.view(db, id: id, viewer: viewer, today: Self.today(now)) }
    }

    public func list(_ q: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<CommercialRepairView> {
        try MaterialAccess.requireViewer(viewer)
        let filter = try CommercialRepairQueries.Filter.parse(q)
        return try await store.read { db in try await CommercialRepairQueries.list(db, filter, paging: paging, viewer: viewer, today: Self.today(now)) }
    }
}
