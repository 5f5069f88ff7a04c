import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Which handovers a list shows: the viewer's own (outgoing or accepted by it), those waiting in its units for someone
/// to take over, or all of its units and below.
public enum HandoverListView: String, Sendable, CaseIterable {
    case mine, incoming, unit
}

/// Local minutes (since 1970-01-01 in the organisation's zone, as `ShiftTimes.interval`) and epoch millis.
enum LocalMinutes {
    static func of(_ now: Date) -> Int {
        Times.day(now).number * 1440 + Int((Clock.millis(now) - Times.startOfDay(now)) / 60_000)
    }

    static func millis(_ minute: Int) -> Int64 {
        let guess = Date(timeIntervalSince1970: TimeInterval(minute) * 60)
        return Int64(minute) * 60_000 - Int64(Times.zone.secondsFromGMT(for: guess)) * 1000
    }

    static func minute(_ millis: Int64) -> Int { of(Clock.date(millis: millis)) }
}

/// Reads of handovers (#15.2). Every read is scoped: the outgoing person sees its own; staff see their unit and below.
public enum HandoverQueries {
    static func row(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> HandoverRow? {
        try await db.raw("\(unsafeRaw: HandoverRow.select) WHERE h.id = \(bind: id)\(unsafeRaw: lock)").first().map(HandoverRow.init(row:))
    }

    static func requireView(_ viewer: Principal, _ h: HandoverRow) throws {
        guard viewer.userId == h.outgoingId || (RosterRoles.isStaff(viewer.roles) && viewer.covers(unitPath: h.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看这份交接班记录", "You cannot see this handover"))
        }
    }

    /// The shifts of the handover's unit around it (its day to two days later, and the days around `now`), as the rule sees them.
    static func unitShifts(_ db: any SQLDatabase, _ h: HandoverRow, now: Date) async throws -> [HandoverRules.Shift] {
        let day = CivilDay(iso: h.shiftDay) ?? Times.day(now), today = Times.day(now)
        let low = min(day, today.adding(days: -1)), high = max(day.adding(days: 2), today)
        return try await db.raw("""
            \(unsafeRaw: EntryRow.select) WHERE e.org_unit_id = \(bind: h.orgUnitId) AND e.day >= \(bind: low.iso) AND e.day <= \(bind: high.iso) LIMIT 2000
            """).all().map { row in
            let e = try EntryRow(row: row)
            let span = e.shift.times.interval(on: CivilDay(iso: e.day) ?? day)
            return HandoverRules.Shift(userId: e.userId, start: span.start, end: span.end)
        }
    }

    static func outgoingShift(_ h: HandoverRow) -> HandoverRules.Shift {
        HandoverRules.Shift(userId: h.outgoingId, start: LocalMinutes.minute(h.shiftStart), end: LocalMinutes.minute(h.shiftEnd))
    }

    /// SHF-02: whether the viewer may take over this handover now.
    static func mayTakeOver(_ db: any SQLDatabase, _ h: HandoverRow, viewer: Principal, now: Date) async throws -> Bool {
        guard viewer.userId != h.outgoingId, RosterRoles.isStaff(viewer.roles) else { return false }
        return HandoverRules.mayTakeOver(viewer.userId, outgoing: outgoingShift(h), unitShifts: try await unitShifts(db, h, now: now), now: LocalMinutes.of(now))
    }

    static func actions(_ db: any SQLDatabase, _ h: HandoverRow, viewer: Principal, now: Date) async throws -> [String] {
        if viewer.userId == h.outgoingId { return h.status.editable ? ["edit", "submit"] : [] }
        guard h.status == .submitted, try await mayTakeOver(db, h, viewer: viewer, now: now) else { return [] }
        return ["accept", "return"]
    }

    static func view(_ db: any SQLDatabase, _ h: HandoverRow, viewer: Principal, now: Date) async throws -> HandoverView {
        let entry = try await PeopleQueries.entry(db, id: h.entryId)
        let shift = HandoverShiftView(entryId: h.entryId, date: h.shiftDay, shiftCode: entry?.shift.code ?? "", shiftName: entry?.shift.name ?? "",
                                      start: entry?.shift.start ?? "", end: entry?.shift.end ?? "")
        return HandoverView(id: h.id, number: h.number, orgUnitId: h.orgUnitId, orgUnitName: h.orgUnitName, status: h.status.rawValue,
                            shiftClosed: h.status.closesShift, shift: shift, outgoingId: h.outgoingId, outgoingName: h.outgoingName,
                            equipment: h.equipment, issues: h.issues, staffing: h.staffing, notes: h.notes, facts: h.facts,
                            submittedAt: Times.rfc3339(h.submittedAt), acceptedBy: h.acceptedBy, acceptedByName: h.acceptedByName,
                            acceptedAt: Times.rfc3339(h.acceptedAt), returnReason: h.returnReason, createdAt: Times.rfc3339(h.createdAt),
                            actions: try await actions(db, h, viewer: viewer, now: now))
    }

    /// One handover; 404 when absent, 403 outside the viewer's scope.
    public static func view(_ db: any SQLDatabase, id: String, viewer: Principal, now: Date = Date()) async throws -> HandoverView {
        guard let h = try await row(db, id: id) else { throw AppError.notFound(Text("交接班记录", "Handover")) }
        try requireView(viewer, h)
        return try await view(db, h, viewer: viewer, now: now)
    }

    public static func list(_ db: any SQLDatabase, view: HandoverListView, viewer: Principal, paging: Paging, now: Date = Date()) async throws -> ListPage<HandoverView> {
        let condition: SQLQueryString
        switch view {
        case .mine: condition = "(h.outgoing_id = \(bind: viewer.userId) OR h.accepted_by = \(bind: viewer.userId))"
        case .incoming: condition = "h.status = 'submitted' AND h.org_path LIKE \(bind: viewer.orgPath + "%") AND h.outgoing_id <> \(bind: viewer.userId)"
        case .unit: condition = "h.org_path LIKE \(bind: viewer.orgPath + "%")"
        }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM handovers h WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: HandoverRow.select) WHERE \(condition) ORDER BY h.shift_start DESC, h.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(HandoverRow.init(row:))
        var items: [HandoverView] = []
        for r in rows { items.append(try await Self.view(db, r, viewer: viewer, now: now)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    /// One of the viewer's recent shifts with the state of its handover (SHF-02: "交接未完成" until accepted).
    public struct ShiftHandoverState: Sendable {
        public let entry: RosterEntryView
        public let handoverId: String?
        public let handoverNumber: String?
        /// nil: no handover yet.
        public let status: HandoverStatus?
    }

    /// The viewer's shifts from `from` to `to` (its recent ones) and their handovers.
    public static func myShiftStates(_ db: any SQLDatabase, userId: String, from: CivilDay, to: CivilDay) async throws -> [ShiftHandoverState] {
        let entries = try await db.raw("""
            \(unsafeRaw: EntryRow.select) WHERE e.user_id = \(bind: userId) AND e.day >= \(bind: from.iso) AND e.day <= \(bind: to.iso) ORDER BY e.day DESC, s.start_minute DESC LIMIT 20
            """).all().map(EntryRow.init(row:))
        guard !entries.isEmpty else { return [] }
        var byEntry: [String: (String, String, HandoverStatus)] = [:]
        for row in try await db.raw("SELECT id, number, entry_id, status FROM handovers WHERE entry_id IN (\(SQLList(entries.map { SQLBind($0.id) })))").all() {
            byEntry[try row.decode(column: "entry_id", as: String.self)] = (try row.decode(column: "id", as: String.self), try row.decode(column: "number", as: String.self),
                                                                           HandoverStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft)
        }
        return entries.map { e in
            let h = byEntry[e.id]
            return ShiftHandoverState(entry: e.view(), handoverId: h?.0, handoverNumber: h?.1, status: h?.2)
        }
    }
}
