import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// A roster entry as stored, with its shift (for the rules and the views).
struct EntryRow: Sendable {
    let id: String
    let orgUnitId: String
    let orgPath: String
    let day: String
    let userId: String
    let userName: String
    let swapId: String?
    let shift: ShiftView

    static let select = """
        SELECT e.id, e.org_unit_id, e.org_path, e.day, e.user_id, e.swap_id, \(OrgQueries.userNameSQL("e.user_id")) AS user_name, \(ShiftView.columns)
        FROM roster_entries e JOIN shifts s ON s.id = e.shift_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        day = try row.decode(column: "day", as: String.self)
        userId = try row.decode(column: "user_id", as: String.self)
        userName = try row.decode(column: "user_name", as: String?.self) ?? ""
        swapId = try row.decode(column: "swap_id", as: String?.self)
        shift = try ShiftView(row: row)
    }

    var rule: RosterShift {
        RosterShift(entryId: id, userId: userId, day: CivilDay(iso: day) ?? CivilDay(number: 0), times: shift.times, swapped: swapId != nil)
    }

    func view(onLeave: Bool = false) -> RosterEntryView {
        RosterEntryView(id: id, date: day, userId: userId, userName: userName, shiftId: shift.id, shiftCode: shift.code, shiftName: shift.name,
                        start: shift.start, end: shift.end, swapped: swapId != nil, onLeave: onLeave)
    }

    var brief: SwapShiftView { SwapShiftView(entryId: id, date: day, shiftCode: shift.code, start: shift.start, end: shift.end) }
}

/// Reads of shifts, rosters, swaps and leave (#15.1, #15.3). Every read is scoped: a role acts in its unit and below.
public enum PeopleQueries {
    // MARK: shifts

    /// The shifts a unit's roster may use: its own and those of the units above it.
    static func shifts(_ db: any SQLDatabase, forUnitPath path: String) async throws -> [ShiftView] {
        try await db.raw("""
            SELECT \(unsafeRaw: ShiftView.columns) FROM shifts s WHERE \(bind: path) LIKE s.org_path || '%' ORDER BY s.start_minute, s.code LIMIT 200
            """).all().map(ShiftView.init(row:))
    }

    /// The shifts the viewer sees: of its unit, the units above (whose shifts its roster uses) and the units below.
    static func visibleShifts(_ db: any SQLDatabase, viewer: Principal, paging: Paging) async throws -> ListPage<ShiftView> {
        let scope: SQLQueryString = "(s.org_path LIKE \(bind: viewer.orgPath + "%") OR \(bind: viewer.orgPath) LIKE s.org_path || '%')"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM shifts s WHERE \(scope)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: ShiftView.columns) FROM shifts s WHERE \(scope) ORDER BY s.org_path, s.start_minute, s.code
            LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(ShiftView.init(row:))
        return ListPage(items: rows, page: paging.page, per: paging.per, total: total)
    }

    // MARK: rosters

    static func entry(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> EntryRow? {
        try await db.raw("\(unsafeRaw: EntryRow.select) WHERE e.id = \(bind: id)\(unsafeRaw: lock)").first().map(EntryRow.init(row:))
    }

    /// The unit a roster belongs to (404 when unknown), and the viewer's right to see it (403 outside its scope).
    static func rosterUnit(_ db: any SQLDatabase, unitId: String, viewer: Principal) async throws -> OrgQueries.UnitSummary {
        guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.notFound(Text("组织", "Org unit")) }
        guard RosterRoles.isStaff(viewer.roles), viewer.covers(unitPath: unit.path) else {
            throw AppError.forbidden(Text("您不能查看“{0}”的排班表", "You cannot see the roster of {0}").with(unit.name))
        }
        return unit
    }

    /// `yyyy-mm` → its first and last day.
    static func month(_ text: String) throws -> (first: CivilDay, last: CivilDay) {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (2000...2100).contains(y), (1...12).contains(m) else {
            throw AppError.validation("month", Text("月份格式应为 YYYY-MM", "The month must be YYYY-MM"))
        }
        return (CivilDay(year: y, month: m, day: 1), CivilDay(year: y, month: m, day: CivilDay.daysIn(year: y, month: m)))
    }

    /// SHF-01: a unit's roster for a month, each day with its kind on the working-day calendar (放假, 调休上班).
    public static func roster(_ db: any SQLDatabase, unitId: String, month text: String, viewer: Principal, schedule: HolidaySchedule) async throws -> RosterView {
        let unit = try await rosterUnit(db, unitId: unitId, viewer: viewer)
        let (first, last) = try month(text)
        let rows = try await db.raw("""
            \(unsafeRaw: EntryRow.select) WHERE e.org_unit_id = \(bind: unit.id) AND e.month = \(bind: text) ORDER BY e.day, s.start_minute, user_name
            """).all().map(EntryRow.init(row:))
        let onLeave = Set(try await db.raw("""
            SELECT entry_id FROM leave_requests WHERE org_unit_id = \(bind: unit.id) AND day >= \(bind: first.iso) AND day <= \(bind: last.iso) AND status = 'approved'
            """).all().map { try $0.decode(column: "entry_id", as: String.self) })
        let byDay = Dictionary(grouping: rows, by: \.day)
        let days = (first.number...last.number).map { n -> RosterDayView in
            let day = CivilDay(number: n)
            let (kind, name) = schedule.kind(of: day)
            let entries = (byDay[day.iso] ?? []).map { $0.view(onLeave: onLeave.contains($0.id)) }
            return RosterDayView(date: day.iso, kind: kind.rawValue, holidayName: kind == .holiday ? name : (kind == .adjustedWorkday ? "调休上班" : nil), entries: entries)
        }
        let canEdit = !viewer.roles.isDisjoint(with: RosterRoles.planners)
        return RosterView(orgUnitId: unit.id, orgUnitName: unit.name, month: text, days: days,
                          shifts: try await shifts(db, forUnitPath: unit.path), actions: canEdit ? ["edit"] : [])
    }

    /// Who is on duty at `minute` (minutes since 1970-01-01, local) in the unit at `path` and below: the entries of the
    /// day before (a night shift past midnight) and of the day whose shift spans the minute (#15.1: used by work orders
    /// and escalation).
    public static func onDuty(_ db: any SQLDatabase, unitPath path: String, day: CivilDay, minute: Int) async throws -> [RosterEntryView] {
        let rows = try await db.raw("""
            \(unsafeRaw: EntryRow.select) WHERE e.org_path LIKE \(bind: path + "%") AND e.day >= \(bind: day.adding(days: -1).iso) AND e.day <= \(bind: day.iso)
            ORDER BY s.start_minute, user_name LIMIT 500
            """).all().map(EntryRow.init(row:))
        return rows.filter {
            let span = $0.shift.times.interval(on: CivilDay(iso: $0.day) ?? day)
            return span.start <= minute && minute < span.end
        }.map { $0.view() }
    }

    /// The viewer's own shifts from `from` on (the swap form's choices), at most `limit`.
    static func myShifts(_ db: any SQLDatabase, userId: String, from: CivilDay, limit: Int) async throws -> [EntryRow] {
        try await db.raw("""
            \(unsafeRaw: EntryRow.select) WHERE e.user_id = \(bind: userId) AND e.day >= \(bind: from.iso) ORDER BY e.day, s.start_minute LIMIT \(bind: limit)
            """).all().map(EntryRow.init(row:))
    }

    /// Colleagues' shifts of the same units from `from` on (the swap form's other side), at most `limit`.
    static func colleagueShifts(_ db: any SQLDatabase, userId: String, unitIds: [String], from: CivilDay, limit: Int) async throws -> [EntryRow] {
        guard !unitIds.isEmpty else { return [] }
        return try await db.raw("""
            \(unsafeRaw: EntryRow.select) WHERE e.org_unit_id IN (\(SQLList(unitIds.map { SQLBind($0) }))) AND e.user_id <> \(bind: userId)
            AND e.day >= \(bind: from.iso) ORDER BY e.day, s.start_minute, user_name LIMIT \(bind: limit)
            """).all().map(EntryRow.init(row:))
    }
}
