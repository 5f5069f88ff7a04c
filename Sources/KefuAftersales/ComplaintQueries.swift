import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #11.8: the reads of complaints (one record, lists, the yearly report); the service keeps the steps.
extension ComplaintService {
    public func get(id: String, viewer: Principal, now: Date = Date()) async throws -> ComplaintView {
        try AftersalesAccess.require(viewer, .view)
        let today = Today.date(now).description
        return try await store.read { db in
            let row = try await Self.load(db, id: id, today: today, viewer: viewer)
            var view = ComplaintView(row)
            view.actions = try await db.raw("SELECT * FROM complaint_actions WHERE complaint_id = \(bind: id) ORDER BY recorded_at, id").all().map { a in
                let round = try a.decode(column: "round", as: Int.self)
                let due = try a.decode(column: "due_date", as: String.self)
                return ComplaintView.Action(
                    id: try a.decode(column: "id", as: String.self), round: round, corrective: try a.decode(column: "corrective", as: String.self),
                    preventive: try a.decode(column: "preventive", as: String.self), dueDate: due, orgUnitId: try a.decode(column: "org_unit_id", as: String.self),
                    recordedBy: try a.decode(column: "recorded_by", as: String.self), recordedAt: Instant(millis: try a.decode(column: "recorded_at", as: Int64.self)),
                    approvedBy: try a.str("approved_by"), approvedAt: Instant(millis: try a.millis("approved_at")),
                    overdue: round == row.planRound && ComplaintFlow.actionsRunning(row.status) && due < today)
            }
            view.meetings = try await db.raw("SELECT * FROM complaint_meetings WHERE complaint_id = \(bind: id) ORDER BY held_at, id").all().map { m in
                ComplaintView.Meeting(id: try m.decode(column: "id", as: String.self), minutes: try m.decode(column: "minutes", as: String.self),
                                      participants: (try? JSONDecoder().decode([String].self, from: Data(try m.decode(column: "participants", as: String.self).utf8))) ?? [],
                                      major: try m.decode(column: "major", as: Int.self) != 0, convenedBy: try m.decode(column: "convened_by", as: String.self),
                                      heldAt: Instant(millis: try m.decode(column: "held_at", as: Int64.self)))
            }
            view.history = try await AuditTrail.entries(db, entity: "complaint", entityId: id)
            return view
        }
    }

    public struct ListFilter: Sendable {
        var status: ComplaintStatus?
        var from: Int64?
        var to: Int64?
        var overdue: Bool?
        var reviewed: Bool?

        public static func parse(_ q: [String: String]) throws -> ListFilter {
            var f = ListFilter()
            if let s = TextRules.trimmed(q["status"]) { f.status = try Field.choice(s, "status", ComplaintStatus.self) }
            f.from = try Periods.start(q["from"], "from")
            f.to = try Periods.end(q["to"], "to")
            f.overdue = try QueryValues.flag(q["overdue"], "overdue")
            f.reviewed = try QueryValues.flag(q["reviewed"], "reviewed")
            return f
        }
    }

    public func list(_ f: ListFilter, paging: Paging, viewer: Principal, now: Date = Date()) async throws -> ListPage<ComplaintView> {
        try AftersalesAccess.require(viewer, .view)
        let today = Today.date(now).description
        return try await store.read { db in
            var conds: [SQLQueryString] = [AftersalesRecords.condition(viewer, path: "c.org_path", responsibleUnit: "c.responsible_org_unit_id")]
            if let s = f.status { conds.append("c.status = \(bind: s.rawValue)") }
            if let from = f.from { conds.append("c.registered_at >= \(bind: from)") }
            if let to = f.to { conds.append("c.registered_at < \(bind: to)") }
            if let r = f.reviewed { conds.append(r ? "c.supervisor_reviewed_at IS NOT NULL" : "c.supervisor_reviewed_at IS NULL") }
            if let o = f.overdue {
                let running = "c.status IN ('action_planned', 'awaiting_confirmation', 'action_in_progress') AND EXISTS (SELECT 1 FROM complaint_actions a WHERE a.complaint_id = c.id AND a.round = c.plan_round AND a.due_date < '\(today)')"
                conds.append(o ? SQLQueryString(running) : SQLQueryString("NOT (" + running + ")"))
            }
            let whereClause = SQLList(conds, separator: SQLRaw(" AND "))
            let total = try await db.raw("SELECT COUNT(*) AS n FROM complaints c WHERE \(whereClause)").first()!.decode(column: "n", as: Int.self)
            let rows = try await db.raw(SQLQueryString(ComplaintRow.select(today: today)) + " WHERE \(whereClause) ORDER BY c.registered_at DESC, c.id LIMIT \(literal: paging.per) OFFSET \(literal: paging.offset)").all()
            return ListPage(items: try rows.map { ComplaintView(try ComplaintRow(row: $0)) }, page: paging.page, per: paging.per, total: total)
        }
    }

    /// CMP-13 / RPT-04: the year's complaint statistics for the management review.
    public func report(year rawYear: String?, viewer: Principal, now: Date = Date()) async throws -> ComplaintReport {
        try AftersalesAccess.require(viewer, .view)
        let year: Int
        if let raw = TextRules.trimmed(rawYear) {
            guard raw.count == 4, let y = Int(raw), (2000...2999).contains(y) else { throw AppError.validation("year", Text("year 必须是四位年份", "year must be a 4-digit year")) }
            year = y
        } else { year = Times.year(now) }
        let from = Periods.millis(LocalDate(year: year, month: 1, day: 1)!)
        let to = Periods.millis(LocalDate(year: year + 1, month: 1, day: 1)!)
        let today = Today.date(now).description
        let boundaries = (1...13).map { Periods.millis(LocalDate(year: year, month: 1, day: 1)!.adding(months: $0 - 1)) }
        return try await store.read { db in
            let inYear: SQLQueryString = "c.registered_at >= \(bind: from) AND c.registered_at < \(bind: to) AND "
                + AftersalesRecords.condition(viewer, path: "c.org_path", responsibleUnit: "c.responsible_org_unit_id")
            // Aggregates in SQL: the report stays fast with tens of thousands of cases in a year.
            // `name`: an expression over `key` alone (OrgQueries' name lookups), so grouping by `key` suffices.
            func grouped(_ key: String, name: String? = nil, knownOnly: Bool = false, fallback: String) async throws -> [ComplaintReport.Count] {
                let known: SQLQueryString = knownOnly ? " AND \(unsafeRaw: key) IS NOT NULL AND \(unsafeRaw: name ?? "NULL") IS NOT NULL" : ""
                let rows = try await db.raw("""
                    SELECT \(unsafeRaw: key) AS k, \(unsafeRaw: name ?? "NULL") AS name, COUNT(*) AS n FROM complaints c
                    WHERE \(inYear)\(known) GROUP BY \(unsafeRaw: key)
                    """).all()
                return try rows.map { ComplaintReport.Count(key: try $0.str("k") ?? fallback, name: try $0.str("name"), count: try $0.decode(column: "n", as: Int.self)) }
                    .sorted { $0.key < $1.key }
            }
            let totals = try await db.raw("""
                SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END), 0) AS closed,
                  COALESCE(SUM(CASE WHEN c.status IN ('action_planned', 'awaiting_confirmation', 'action_in_progress') AND EXISTS (
                    SELECT 1 FROM complaint_actions a WHERE a.complaint_id = c.id AND a.round = c.plan_round AND a.due_date < \(bind: today)) THEN 1 ELSE 0 END), 0) AS overdue,
                  COALESCE(SUM(CASE WHEN c.status = 'closed' AND c.return_visit_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS visited,
                  COALESCE(SUM(CASE WHEN c.supervisor_reviewed_at IS NULL THEN 1 ELSE 0 END), 0) AS unreviewed
                FROM complaints c WHERE \(inYear)
                """).first()!
            var perMonth = [Int](repeating: 0, count: 12)
            for row in try await db.raw("SELECT c.registered_at FROM complaints c WHERE \(inYear)").all() {
                let at = try row.decode(column: "registered_at", as: Int64.self)
                if let m = (0..<12).first(where: { at >= boundaries[$0] && at < boundaries[$0 + 1] }) { perMonth[m] += 1 }
            }
            let closed = try totals.decode(column: "closed", as: Int.self)
            let visited = SatisfactionRate(responses: closed, satisfied: try totals.decode(column: "visited", as: Int.self))
            return ComplaintReport(
                year: year, total: try totals.decode(column: "total", as: Int.self), closed: closed,
                overdueActions: try totals.decode(column: "overdue", as: Int.self), returnVisitRate: visited.percentText,
                unreviewed: try totals.decode(column: "unreviewed", as: Int.self),
                byMonth: (0..<12).map { ComplaintReport.Count(key: LocalDate(year: year, month: $0 + 1, day: 1)!.monthKey, name: nil, count: perMonth[$0]) },
                byResponsibility: try await grouped("c.responsibility", fallback: "unclassified"),
                byDepartment: try await grouped("c.responsible_org_unit_id", name: OrgQueries.unitNameSQL("c.responsible_org_unit_id"), fallback: "none"),
                byCause: try await grouped("c.root_cause", fallback: "unanalysed"),
                byAgent: try await grouped("c.about_user_id", name: OrgQueries.userNameSQL("c.about_user_id"), knownOnly: true, fallback: "none"))
        }
    }
}
