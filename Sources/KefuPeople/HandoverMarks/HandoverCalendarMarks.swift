import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// A roster shift whose handover is not complete (SHF-02), as the calendar marks it, with the handover to open when one exists.
public struct HandoverCalendarMark: Codable, Sendable, Equatable {
    public let entryId: String
    /// pending (a handover waits for the incoming person or for its outgoing one), missing (ended, none written).
    public let mark: String
    public let handoverId: String?
    public let handoverNumber: String?
    public let status: String?
}

extension HandoverQueries {
    /// #15 leftovers: the unit's shifts from `from` to `to` whose handover is not complete at `now`, by entry id
    /// (`HandoverCalendarRules`). The day after `to` is read too, so the month's last shift knows its next one.
    public static func calendarMarks(_ db: any SQLDatabase, unitId: String, from: String, to: String, now: Date) async throws -> [String: HandoverCalendarMark] {
        guard let last = CivilDay(iso: to) else { return [:] }
        let entries = try await db.raw("""
            \(unsafeRaw: EntryRow.select) WHERE e.org_unit_id = \(bind: unitId) AND e.day >= \(bind: from) AND e.day <= \(bind: last.adding(days: 1).iso) LIMIT 5000
            """).all().map(EntryRow.init(row:))
        guard !entries.isEmpty else { return [:] }
        var handovers: [String: (id: String, number: String, status: HandoverStatus)] = [:]
        for row in try await db.raw("""
            SELECT h.id, h.number, h.entry_id, h.status FROM handovers h JOIN roster_entries e ON e.id = h.entry_id
            WHERE e.org_unit_id = \(bind: unitId) AND e.day >= \(bind: from) AND e.day <= \(bind: to)
            """).all() {
            handovers[try row.decode(column: "entry_id", as: String.self)] = (try row.decode(column: "id", as: String.self), try row.decode(column: "number", as: String.self),
                                                                              HandoverStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft)
        }
        let shifts = entries.map { e -> (EntryRow, HandoverRules.Shift) in
            let span = e.shift.times.interval(on: CivilDay(iso: e.day) ?? last)
            return (e, HandoverRules.Shift(userId: e.userId, start: span.start, end: span.end))
        }
        let incoming = HandoverCalendarRules.hasIncoming(shifts.map(\.1)), minute = LocalMinutes.of(now)
        var marks: [String: HandoverCalendarMark] = [:]
        for (i, (e, shift)) in shifts.enumerated() where e.day <= to {
            let h = handovers[e.id]
            guard let mark = HandoverCalendarRules.mark(status: h?.status, ended: shift.end <= minute, hasIncoming: incoming[i]) else { continue }
            marks[e.id] = HandoverCalendarMark(entryId: e.id, mark: mark.rawValue, handoverId: h?.id, handoverNumber: h?.number, status: h?.status.rawValue)
        }
        return marks
    }
}
