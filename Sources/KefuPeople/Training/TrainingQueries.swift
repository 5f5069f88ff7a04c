import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// A training session as stored.
struct TrainingSessionRow: Sendable {
    let id: String, number: String, orgUnitId: String, orgPath: String, orgUnitName: String
    let topic: String, trainer: String, day: String, startMinute: Int, endMinute: Int, place: String, content: String
    let planId: String?
    let presentCount: Int

    static let select = """
        SELECT t.id, t.number, t.org_unit_id, t.org_path, \(OrgQueries.unitNameSQL("t.org_unit_id")) AS unit_name, t.topic, t.trainer, t.day,
            t.start_minute, t.end_minute, t.place, t.content, t.plan_id, t.present_count FROM training_sessions t
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        orgUnitName = try row.decode(column: "unit_name", as: String?.self) ?? ""
        topic = try row.decode(column: "topic", as: String.self)
        trainer = try row.decode(column: "trainer", as: String.self)
        day = try row.decode(column: "day", as: String.self)
        startMinute = try row.decode(column: "start_minute", as: Int.self)
        endMinute = try row.decode(column: "end_minute", as: Int.self)
        place = try row.decode(column: "place", as: String.self)
        content = try row.decode(column: "content", as: String.self)
        planId = try row.decode(column: "plan_id", as: String?.self)
        presentCount = try row.decode(column: "present_count", as: Int.self)
    }

    func view(attendance: [AttendanceView], viewer: Principal) -> TrainingSessionView {
        let mayRecord = !viewer.roles.isDisjoint(with: TrainingRules.organisers) && viewer.covers(unitPath: orgPath)
        return TrainingSessionView(id: id, number: number, orgUnitId: orgUnitId, orgUnitName: orgUnitName, topic: topic, trainer: trainer, date: day,
                                   start: ShiftTimes.text(startMinute), end: ShiftTimes.text(endMinute), place: place, content: content, planId: planId,
                                   presentCount: presentCount, attendance: attendance, actions: mayRecord ? ["attendance"] : [])
    }
}

/// A training plan as stored.
struct TrainingPlanRow: Sendable {
    let id: String, number: String, orgUnitId: String, orgPath: String, orgUnitName: String, title: String, status: String
    let authorId: String, authorName: String, decidedBy: String?, decidedByName: String?, decisionNote: String?, createdAt: Int64

    static let select = """
        SELECT p.id, p.number, p.org_unit_id, p.org_path, \(OrgQueries.unitNameSQL("p.org_unit_id")) AS unit_name, p.title, p.status, p.author_id,
            \(OrgQueries.userNameSQL("p.author_id")) AS author_name, p.decided_by, \(OrgQueries.userNameSQL("p.decided_by")) AS decider_name,
            p.decision_note, p.created_at FROM training_plans p
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        orgUnitName = try row.decode(column: "unit_name", as: String?.self) ?? ""
        title = try row.decode(column: "title", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        authorId = try row.decode(column: "author_id", as: String.self)
        authorName = try row.decode(column: "author_name", as: String?.self) ?? ""
        decidedBy = try row.decode(column: "decided_by", as: String?.self)
        decidedByName = try row.decode(column: "decider_name", as: String?.self)
        decisionNote = try row.decode(column: "decision_note", as: String?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
    }

    /// The steps `viewer` may take now (TRN-02).
    func actions(_ viewer: Principal) -> [String] {
        guard viewer.covers(unitPath: orgPath), let status = TrainingRules.PlanStatus(rawValue: status) else { return [] }
        return TrainingRules.PlanStep.allCases.filter {
            TrainingRules.next(after: status, $0) != nil && TrainingRules.mayTake($0, roles: viewer.roles, isAuthor: viewer.userId == authorId)
        }.map(\.rawValue)
    }
}

/// Reads of training sessions, plans, qualifications and the months without training (#15.4). Every read is scoped:
/// a role acts in its unit and below.
enum TrainingQueries {
    static func sessionRow(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> TrainingSessionRow? {
        try await db.raw("\(unsafeRaw: TrainingSessionRow.select) WHERE t.id = \(bind: id)\(unsafeRaw: lock)").first().map(TrainingSessionRow.init(row:))
    }

    static func attendance(_ db: any SQLDatabase, sessionId: String) async throws -> [AttendanceView] {
        try await db.raw("""
            SELECT a.user_id, a.status, a.score, \(unsafeRaw: OrgQueries.userNameSQL("a.user_id")) AS user_name FROM training_attendance a
            WHERE a.session_id = \(bind: sessionId) ORDER BY user_name, a.user_id
            """).all().map {
            AttendanceView(userId: try $0.decode(column: "user_id", as: String.self), userName: try $0.decode(column: "user_name", as: String?.self) ?? "",
                           status: try $0.decode(column: "status", as: String.self), score: try $0.decode(column: "score", as: Int?.self))
        }
    }

    /// One session as the viewer sees it: 404 when unknown, 403 outside the viewer's unit and below.
    static func sessionView(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> TrainingSessionView {
        guard let row = try await sessionRow(db, id: id) else { throw AppError.notFound(Text("培训记录", "Training session")) }
        guard RosterRoles.isStaff(viewer.roles), viewer.covers(unitPath: row.orgPath) else {
            throw AppError.forbidden(Text("您不能查看其他单位的培训记录", "You cannot see another unit's training sessions"))
        }
        return row.view(attendance: try await attendance(db, sessionId: row.id), viewer: viewer)
    }

    /// The sessions of the viewer's unit and below, newest first (`q` matches the number, topic or trainer).
    static func sessions(_ db: any SQLDatabase, viewer: Principal, q: String?, paging: Paging) async throws -> ListPage<TrainingSessionView> {
        var filter: SQLQueryString = "t.org_path LIKE \(bind: viewer.orgPath + "%")"
        if let q, !q.isEmpty {
            let like = "%" + q + "%"
            filter = filter + " AND (t.number LIKE \(bind: like) OR t.topic LIKE \(bind: like) OR t.trainer LIKE \(bind: like))"
        }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM training_sessions t WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: TrainingSessionRow.select) WHERE \(filter) ORDER BY t.day DESC, t.start_minute DESC, t.number DESC
            LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(TrainingSessionRow.init(row:))
        return ListPage(items: rows.map { $0.view(attendance: [], viewer: viewer) }, page: paging.page, per: paging.per, total: total)
    }

    /// The active members of the session's unit and the units below it (the attendance sheet's rows), by name.
    static func sheetMembers(_ db: any SQLDatabase, unitPath: String) async throws -> [(id: String, name: String, roles: Set<Role>)] {
        let units = try await OrgQueries.activeUnits(db).filter { OrgPath.contains(unitPath, $0.path) }.map(\.id)
        let members = try await OrgQueries.activeMembers(db, ofUnits: units).filter { !Role.isCustomerOnly($0.roles) }
        let names = try await OrgQueries.displayNames(db, ids: Set(members.map(\.id)))
        return members.map { (id: $0.id, name: names[$0.id] ?? $0.id, roles: $0.roles) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    // MARK: TRN-01 gaps

    /// TRN-01: for each unit of the viewer's scope whose staff includes the customer-service team, the sessions held
    /// (someone attended) in each month from `from` to `to`, and the months over without one.
    static func gaps(_ db: any SQLDatabase, viewer: Principal, months: [TrainingRules.Month], today: CivilDay) async throws -> TrainingGapsView {
        guard let first = months.first, let last = months.last else { return TrainingGapsView(from: "", to: "", units: []) }
        let units = try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }
        let members = try await OrgQueries.activeMembers(db, ofUnits: units.map(\.id))
        let teamUnits = Set(members.filter { !$0.roles.isDisjoint(with: TrainingRules.trainedTeamRoles) }.map(\.orgUnitId))
        let held = try await db.raw("""
            SELECT t.org_unit_id, t.month, COUNT(*) AS n FROM training_sessions t
            WHERE t.org_path LIKE \(bind: viewer.orgPath + "%") AND t.month >= \(bind: first.description) AND t.month <= \(bind: last.description) AND t.present_count > 0
            GROUP BY t.org_unit_id, t.month
            """).all()
        var counts: [String: Int] = [:]
        for row in held {
            counts[try row.decode(column: "org_unit_id", as: String.self) + "/" + row.decode(column: "month", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        let withSessions = Set(counts.keys.compactMap { $0.split(separator: "/").first.map(String.init) })
        let shown = units.filter { teamUnits.contains($0.id) || withSessions.contains($0.id) }
        return TrainingGapsView(from: first.description, to: last.description, units: shown.map { unit in
            let monthViews = months.map { m -> TrainingGapsView.MonthView in
                let n = counts[unit.id + "/" + m.description] ?? 0
                return .init(month: m.description, sessions: n, status: TrainingRules.monthStatus(m, heldSessions: n, today: today).rawValue)
            }
            return .init(orgUnitId: unit.id, orgUnitName: unit.name, months: monthViews, gaps: monthViews.filter { $0.status == "gap" }.count)
        })
    }

    // MARK: plans

    static func planRow(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> TrainingPlanRow? {
        try await db.raw("\(unsafeRaw: TrainingPlanRow.select) WHERE p.id = \(bind: id)\(unsafeRaw: lock)").first().map(TrainingPlanRow.init(row:))
    }

    static func planView(_ db: any SQLDatabase, _ row: TrainingPlanRow, viewer: Principal) async throws -> TrainingPlanView {
        let lines = try await db.raw("SELECT month, topic FROM training_plan_lines WHERE plan_id = \(bind: row.id) ORDER BY line").all().map {
            TrainingPlanLineView(month: try $0.decode(column: "month", as: String.self), topic: try $0.decode(column: "topic", as: String.self))
        }
        return TrainingPlanView(id: row.id, number: row.number, orgUnitId: row.orgUnitId, orgUnitName: row.orgUnitName, title: row.title, status: row.status,
                                authorId: row.authorId, authorName: row.authorName, decidedBy: row.decidedBy, decidedByName: row.decidedByName,
                                decisionNote: row.decisionNote, lines: lines, createdAt: Times.rfc3339(row.createdAt), actions: row.actions(viewer))
    }

    /// The plans of the viewer's unit and below, newest first; `status` narrows them (e.g. submitted: awaiting a decision).
    static func plans(_ db: any SQLDatabase, viewer: Principal, status: String?, paging: Paging) async throws -> ListPage<TrainingPlanView> {
        var filter: SQLQueryString = "p.org_path LIKE \(bind: viewer.orgPath + "%")"
        if let status { filter = filter + " AND p.status = \(bind: status)" }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM training_plans p WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: TrainingPlanRow.select) WHERE \(filter) ORDER BY p.created_at DESC, p.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(TrainingPlanRow.init(row:))
        var items: [TrainingPlanView] = []
        for r in rows { items.append(try await planView(db, r, viewer: viewer)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }
}
