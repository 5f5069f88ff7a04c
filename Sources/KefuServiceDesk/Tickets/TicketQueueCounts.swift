import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.4: how many open tickets each queue view holds for a viewer, and a stamp that changes whenever any of the
/// viewer's queues changes (what the live queue stream compares).
public struct TicketQueueCounts: Codable, Sendable, Equatable {
    public let mine: Int
    public let unassigned: Int
    public let team: Int
    public let all: Int
    public let soon: Int
    public let breached: Int
    public let today: Int
    /// The latest change among the open tickets the viewer may see (epoch ms), with the counts the stream's stamp.
    public let lastChange: Int64

    public var stamp: String { "\(mine)/\(unassigned)/\(team)/\(all)/\(soon)/\(breached)/\(today)/\(lastChange)" }
}

/// SLA-03: "due soon" is measured on the working-time clock each ticket runs on, as the queue's due column is: the
/// latest due instant still within `minutes` of working time from now, per calendar.
public struct DueSoonHorizon: Sendable, Equatable {
    public let now: Int64
    public let allDayUntil: Int64
    public let businessHoursUntil: Int64

    public init(minutes: Int, now: Int64, calendar: WorkCalendar) {
        self.now = now
        allDayUntil = calendar.adding(minutes: minutes, to: now, .allDay)
        businessHoursUntil = calendar.adding(minutes: minutes, to: now, .businessHours)
    }

    var condition: SQLQueryString {
        """
        (t.due_at >= \(bind: now) AND ((t.sla_calendar = \(bind: ClockCalendar.businessHours.rawValue) AND t.due_at <= \(bind: businessHoursUntil))
            OR (t.sla_calendar <> \(bind: ClockCalendar.businessHours.rawValue) AND t.due_at <= \(bind: allDayUntil))))
        """
    }
}

extension TicketQueries {
    /// The minutes of working time that make a ticket "due soon" (即将超时) in the queue's tab.
    public static let dueSoonMinutes = 60

    public func queueCounts(viewer: Principal, now: Date = Date()) async throws -> TicketQueueCounts {
        let calendar = try await settings.current(now: now).calendar
        return try await store.read { db in try await Self.queueCounts(db, viewer: viewer, now: now, calendar: calendar) }
    }

    /// One pass over the viewer's open tickets (the status index) counting each view.
    static func queueCounts(_ db: any SQLDatabase, viewer: Principal, now: Date, calendar: WorkCalendar) async throws -> TicketQueueCounts {
        let at = Clock.millis(now)
        let soon = DueSoonHorizon(minutes: dueSoonMinutes, now: at, calendar: calendar)
        let like = viewer.orgPath + "%"
        let open = SQLList(TicketStatus.allCases.filter(\.isOpen).map { SQLBind($0.rawValue) })
        var conditions: [SQLQueryString] = ["t.status IN (\(open))"]
        if let scope = scope(viewer) { conditions.append(scope) }
        let mine: SQLQueryString = "(t.owner_id = \(bind: viewer.userId) OR t.assignee_id = \(bind: viewer.userId))"
        let team: SQLQueryString = "(t.team_path LIKE \(bind: like) OR t.org_path LIKE \(bind: like))"
        let breached: SQLQueryString = "(EXISTS (SELECT 1 FROM ticket_breaches b WHERE b.ticket_id = t.id) OR (t.due_at IS NOT NULL AND t.due_at < \(bind: at)))"
        let row = try await db.raw("""
            SELECT COUNT(*) AS total,
                COALESCE(SUM(CASE WHEN \(mine) THEN 1 ELSE 0 END), 0) AS mine,
                COALESCE(SUM(CASE WHEN \(team) AND t.assignee_id IS NULL THEN 1 ELSE 0 END), 0) AS unassigned,
                COALESCE(SUM(CASE WHEN \(team) THEN 1 ELSE 0 END), 0) AS team,
                COALESCE(SUM(CASE WHEN \(soon.condition) THEN 1 ELSE 0 END), 0) AS soon,
                COALESCE(SUM(CASE WHEN \(breached) THEN 1 ELSE 0 END), 0) AS breached,
                COALESCE(SUM(CASE WHEN t.received_at >= \(bind: Times.startOfDay(now)) THEN 1 ELSE 0 END), 0) AS today,
                COALESCE(MAX(t.updated_at), 0) AS last_change
            FROM tickets t WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))
            """).first()!
        func n(_ c: String) throws -> Int { Int(try row.decode(column: c, as: Int64.self)) }
        return TicketQueueCounts(mine: try n("mine"), unassigned: try n("unassigned"), team: try n("team"), all: try n("total"),
                                 soon: try n("soon"), breached: try n("breached"), today: try n("today"),
                                 lastChange: try row.decode(column: "last_change", as: Int64.self))
    }
}
