import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Training sessions and their attendance (TRN-01): each step one transaction with its permission, validation and an
/// audit-trail entry; the months without training per unit.
public struct TrainingService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    static func text(_ raw: String?, field: String, max: Int, required: Text?) throws -> String {
        let t = TextRules.trimmed(raw) ?? ""
        if t.isEmpty, let required { throw AppError.validation(field, required) }
        guard t.count <= max else { throw AppError.validation(field, Text("最长 {0} 字", "At most {0} characters").with(String(max))) }
        return t
    }

    /// "PX-2026-000001" (培训), gapless per year: the counter moves in the session's own transaction.
    static func nextNumber(_ db: any SQLDatabase, prefix: String, kind: String, now: Date) async throws -> String {
        try await SwapService.nextNumber(db, prefix: prefix, kind: kind, now: now)
    }

    static func requireOrganiser(_ actor: Principal, unitPath: String) throws {
        guard !actor.roles.isDisjoint(with: TrainingRules.organisers), actor.covers(unitPath: unitPath) else {
            throw AppError.forbidden(Text("只有本单位的主管或经理可以记录培训（TRN-01）", "Only the unit's supervisor or manager records its training (TRN-01)"))
        }
    }

    /// TRN-01: a unit's session (topic, trainer, date and time, place, content); with `planId` it carries out an
    /// approved plan of the unit or a unit above (TRN-02: a plan runs only once approved).
    public func createSession(_ input: TrainingSessionInput, by actor: Principal, now: Date = Date()) async throws -> TrainingSessionView {
        guard let unitId = TextRules.trimmed(input.orgUnitId) else { throw AppError.validation("orgUnitId", Text("请选择组织", "Choose the org unit")) }
        let topic = try Self.text(input.topic, field: "topic", max: 100, required: Text("请填写培训主题", "The topic is required"))
        let trainer = try Self.text(input.trainer, field: "trainer", max: 40, required: Text("请填写培训讲师", "The trainer is required"))
        guard let typedDate = TextRules.trimmed(input.date) else { throw AppError.validation("date", Text("请填写培训日期", "The date is required")) }
        guard let day = UsualInput.day(typedDate) else { throw AppError.validation("date", Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD")) }
        guard let start = try RosterService.time(input.start, field: "start") else { throw AppError.validation("start", Text("请填写开始时间", "The start time is required")) }
        guard let end = try RosterService.time(input.end, field: "end") else { throw AppError.validation("end", Text("请填写结束时间", "The end time is required")) }
        guard end > start else { throw AppError.validation("end", Text("结束时间须晚于开始时间", "The end must be after the start")) }
        let place = try Self.text(input.place, field: "place", max: 100, required: Text("请填写培训地点", "The place is required"))
        let content = try Self.text(input.content, field: "content", max: 2000, required: nil)
        let planId = TextRules.trimmed(input.planId)
        return try await store.write { db in
            guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.validation("orgUnitId", Text("组织不存在", "The org unit does not exist")) }
            try Self.requireOrganiser(actor, unitPath: unit.path)
            if let planId {
                guard let plan = try await TrainingQueries.planRow(db, id: planId), OrgPath.contains(plan.orgPath, unit.path) else {
                    throw AppError.validation("planId", Text("培训计划不存在或不属于本单位", "No such training plan for this unit"))
                }
                guard plan.status == TrainingRules.PlanStatus.approved.rawValue else {
                    throw AppError.conflict("plan_not_approved", Text("培训计划须经管理处主任审批后方可实施（TRN-02）", "The training plan must be approved by the office director before it runs (TRN-02)"))
                }
            }
            let number = try await Self.nextNumber(db, prefix: "PX", kind: "training_session", now: now)
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO training_sessions (id, number, org_unit_id, org_path, topic, trainer, day, month, start_minute, end_minute, place, content, plan_id,
                    present_count, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: unit.id), \(bind: unit.path), \(bind: topic), \(bind: trainer), \(bind: day.iso),
                    \(bind: TrainingRules.Month(day).description), \(bind: start), \(bind: end), \(bind: place), \(bind: content), \(bind: planId), 0,
                    \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "training_session", entityId: id,
                                        detail: ["number": number, "unit": unit.code, "date": day.iso, "topic": topic], at: at)
            return try await TrainingQueries.sessionView(db, id: id, viewer: actor)
        }
    }

    /// TRN-01: the attendance sheet, replaced whole: one line per member of the unit (or a unit below), present, absent or
    /// excused, with an optional score 0–100. Refused before the session's day (409 session_not_held_yet).
    public func recordAttendance(sessionId: String, _ input: AttendanceInput, by actor: Principal, now: Date = Date()) async throws -> TrainingSessionView {
        let lines = input.lines ?? []
        var typed: [(userId: String, status: TrainingRules.Attendance, score: Int?)] = []
        for (i, line) in lines.enumerated() {
            guard let user = TextRules.trimmed(line.userId) else { throw AppError.validation("lines", Text("第 {0} 行缺少人员", "Line {0} has no person").with(String(i + 1))) }
            guard let status = TrainingRules.Attendance(rawValue: TextRules.trimmed(line.status) ?? "") else {
                throw AppError.validation("lines", Text("第 {0} 行的出勤应为 出席、缺席 或 请假", "Line {0}: attendance is present, absent or excused").with(String(i + 1)))
            }
            if let s = line.score, !TrainingRules.isValidScore(s) {
                throw AppError.validation("lines", Text("第 {0} 行的成绩应在 0–100 之间", "Line {0}: the score is 0–100").with(String(i + 1)))
            }
            guard !typed.contains(where: { $0.userId == user }) else {
                throw AppError.validation("lines", Text("同一人员只能登记一次", "Each person is listed once"))
            }
            typed.append((user, status, line.score))
        }
        let today = Times.day(now)
        let lock = store.dialect.rowLock(of: "t")
        let parsed = typed
        return try await store.write { db in
            guard let session = try await TrainingQueries.sessionRow(db, id: sessionId, lock: lock) else { throw AppError.notFound(Text("培训记录", "Training session")) }
            try Self.requireOrganiser(actor, unitPath: session.orgPath)
            guard let day = CivilDay(iso: session.day), day <= today else {
                throw AppError.conflict("session_not_held_yet", Text("培训尚未举行，不能登记出勤", "The session has not taken place yet: attendance cannot be recorded"))
            }
            let members = Set(try await TrainingQueries.sheetMembers(db, unitPath: session.orgPath).map(\.id))
            if let stranger = parsed.first(where: { !members.contains($0.userId) }) {
                throw AppError.validation("lines", Text("{0} 不是本单位的在职人员", "{0} is not an active member of this unit").with(stranger.userId))
            }
            let at = Clock.millis(now)
            try await db.raw("DELETE FROM training_attendance WHERE session_id = \(bind: session.id)").run()
            for line in parsed {
                try await db.raw("""
                    INSERT INTO training_attendance (session_id, user_id, status, score) VALUES (\(bind: session.id), \(bind: line.userId), \(bind: line.status.rawValue), \(bind: line.score))
                    """).run()
            }
            let present = parsed.filter { $0.status == .present }.count
            try await db.raw("UPDATE training_sessions SET present_count = \(bind: present), updated_at = \(bind: at) WHERE id = \(bind: session.id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "attendance", entity: "training_session", entityId: session.id,
                                        detail: ["number": session.number, "present": String(present), "lines": String(parsed.count)], at: at)
            return try await TrainingQueries.sessionView(db, id: session.id, viewer: actor)
        }
    }

    public func session(id: String, viewer: Principal) async throws -> TrainingSessionView {
        try await store.read { db in try await TrainingQueries.sessionView(db, id: id, viewer: viewer) }
    }

    public func sessions(viewer: Principal, q: String?, paging: Paging) async throws -> ListPage<TrainingSessionView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await TrainingQueries.sessions(db, viewer: viewer, q: TextRules.trimmed(q), paging: paging) }
    }

    /// `from`/`to` as YYYY-MM (or a day of the month); by default the six months up to the current one.
    static func months(from: String?, to: String?, today: CivilDay) throws -> [TrainingRules.Month] {
        let current = TrainingRules.Month(today)
        var end = current
        if let to = TextRules.trimmed(to) {
            guard let m = TrainingRules.Month(UsualInput.isoDay(to)) else { throw AppError.validation("to", Text("月份格式应为 YYYY-MM", "The month must be YYYY-MM")) }
            end = m
        }
        var start = end
        if let from = TextRules.trimmed(from) {
            guard let m = TrainingRules.Month(UsualInput.isoDay(from)) else { throw AppError.validation("from", Text("月份格式应为 YYYY-MM", "The month must be YYYY-MM")) }
            start = m
        } else {
            for _ in 0..<5 { start = start.previous }
        }
        guard let months = TrainingRules.months(from: start, to: end) else {
            throw AppError.validation("from", Text("起止月份应在 24 个月之内，且起始不晚于结束", "From must not be after to, and at most 24 months apart"))
        }
        return months
    }

    /// TRN-01: the months without a held session, per unit of the viewer's scope.
    public func gaps(viewer: Principal, from: String?, to: String?, now: Date = Date()) async throws -> TrainingGapsView {
        guard !viewer.roles.isDisjoint(with: TrainingRules.organisers) else {
            throw AppError.forbidden(Text("只有主管或经理可以查看培训缺失月份", "Only supervisors and managers see the months without training"))
        }
        let today = Times.day(now)
        let months = try Self.months(from: from, to: to, today: today)
        return try await store.read { db in try await TrainingQueries.gaps(db, viewer: viewer, months: months, today: today) }
    }
}
