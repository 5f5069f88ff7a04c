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

    /// Due within the horizon, as a range of the due index too (#17.7: on SQLite a scoped read of "due soon" is driven
    /// by it, `TicketQueries.dueSoonRead`: the tickets due in the next hours are few, a unit's open tickets may not be).
    var condition: SQLQueryString {
        """
        (t.due_at >= \(bind: now) AND t.due_at <= \(bind: max(allDayUntil, businessHoursUntil))
            AND ((t.sla_calendar = \(bind: ClockCalendar.businessHours.rawValue) AND t.due_at <= \(bind: businessHoursUntil))
            OR (t.sla_calendar <> \(bind: ClockCalendar.businessHours.rawValue) AND t.due_at <= \(bind: allDayUntil))))
        """
    }
}

extension TicketQueries {
    /// The minutes of working time that make a ticket "due soon" (即将超时) in the queue's tab.
    public static let dueSoonMinutes = 60
    /// #17.7: each tab counts up to this many ("999+" from here): at a million open tickets one exact pass over them
    /// took 4.5 s for the administrator, and the live stream runs it every 2 s for every open queue page.
    public static let queueCountCap = 1_000
    /// The stamp's latest change is looked for among this many most recently changed tickets (any status, anyone's).
    static let changeWindow = 5_000

    public func queueCounts(viewer: Principal, now: Date = Date()) async throws -> TicketQueueCounts {
        let calendar = try await settings.current(now: now).calendar
        let dialect = store.dialect
        return try await store.read { db in try await Self.queueCounts(db, viewer: viewer, now: now, calendar: calendar, dialect: dialect) }
    }

    /// One statement: each view counted on its own up to `queueCountCap`, each from an index where one fits (owner
    /// and assignee, unit paths, due time, received time, the breach records) — or, for a unit's staff on SQLite, all of
    /// them in one pass over the unit's open tickets (`openScope`).
    ///
    /// The stamp's `lastChange` is the latest `updated_at` of the viewer's tickets among the `changeWindow` most
    /// recently changed ones, closed ones included: a change to one of them puts it first, so the stamp changes at the
    /// next poll; when the viewer's latest change slides out of the window the stamp changes once more, which costs
    /// the page one needless refresh and never a missed one.
    static func queueCounts(_ db: any SQLDatabase, viewer: Principal, now: Date, calendar: WorkCalendar,
                            dialect: StoreDialect, cap: Int = queueCountCap) async throws -> TicketQueueCounts {
        let at = Clock.millis(now)
        let soon = DueSoonHorizon(minutes: dueSoonMinutes, now: at, calendar: calendar)
        let scope = scope(viewer, dialect)
        func visibleTickets(_ offIndex: String, in scope: SQLQueryString?) -> SQLQueryString {
            let open = openStatus(offIndex, dialect)
            return scope.map { "\(open) AND \($0)" } ?? open
        }
        // With a scope, status, "unassigned" and the due time stay off their indexes on SQLite.
        let offIndex = offIndexWhenScoped(scope, dialect)
        let mine: SQLQueryString = "(t.owner_id = \(bind: viewer.userId) OR t.assignee_id = \(bind: viewer.userId))"
        let team = teamCondition(viewer, dialect)
        let unassigned: SQLQueryString = "\(team) AND \(unsafeRaw: offIndex)t.assignee_id IS NULL"
        let today: SQLQueryString = "t.received_at >= \(bind: Times.startOfDay(now))"
        let seen: SQLQueryString = scope.map { "CASE WHEN \($0) THEN 1 ELSE 0 END" } ?? "1"
        let lastChange: SQLQueryString = """
            (SELECT COALESCE(MAX(CASE WHEN w.seen = 1 THEN w.updated_at END), 0) FROM (
                SELECT t.updated_at, \(seen) AS seen FROM tickets t ORDER BY t.updated_at DESC LIMIT \(bind: changeWindow)) w) AS last_change
            """
        let statement: SQLQueryString
        if let unitOpen = try await openScope(db, viewer, dialect) {
            // #17.7: a unit's staff on SQLite: the unit's open tickets are few enough (`denseUnitFrom`) to be read once,
            // every tab counted in that one pass (seven passes over them took 60 ms for 7,000 open tickets).
            func tally(_ condition: SQLQueryString, _ name: String) -> SQLQueryString {
                "COALESCE(SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END), 0) AS \(unsafeRaw: name)"
            }
            let breached: SQLQueryString = "(t.due_at < \(bind: at) OR t.breached_at IS NOT NULL)"
            statement = """
                SELECT COUNT(*) AS total, \(tally(mine, "mine")), \(tally(unassigned, "unassigned")), \(tally(team, "team")),
                    \(tally(soon.condition, "soon")), \(tally(breached, "breached")), \(tally(today, "today")), \(lastChange)
                FROM tickets t WHERE \(visibleTickets("+", in: unitOpen))
                """
        } else {
            let visible = visibleTickets(offIndex, in: scope)
            func count(_ condition: SQLQueryString, from: String = "tickets t") -> SQLQueryString {
                "(SELECT COUNT(*) FROM (SELECT 1 AS one FROM \(unsafeRaw: from) WHERE \(visible) AND \(condition) LIMIT \(bind: cap)) c)"
            }
            // #17.7: on PostgreSQL a unit's staff get the tabs over its open tickets as index walks (TicketOpenArms).
            let arms = openScopeArms(viewer, dialect)
            func tab(_ sides: [SQLQueryString], _ condition: SQLQueryString) -> SQLQueryString {
                arms == nil ? count(condition) : cappedArmsCount(sides, "\(visible) AND \(condition)", cap: cap)
            }
            // Breached: a breach on record, or a running clock past due that the scanner has yet to record, each read
            // from its own index and capped, the union counted (fewer than the cap means no read was cut). A unit's
            // staff: the scope's sides (`breachedScopeReads`). The whole organisation: the open tickets past due, and
            // desk-016's marked tickets (reading every breach record on each page grew with the years).
            let reads = breachedScopeReads(viewer, now: at, cap: cap, openOnly: true, dialect: dialect) ?? (
                armReads(["1 = 1"], "\(unsafeRaw: dueAtOffIndexWhenScoped(scope, dialect)) < \(bind: at) AND \(visible)", cap: cap)
                + armReads([SQLQueryString(ServiceDeskMigrations.breachFlagged)], "t.breached_at IS NOT NULL AND \(visible)", cap: cap))
            let breached: SQLQueryString = "(SELECT COUNT(*) FROM (\(SQLList(reads, separator: SQLRaw(" UNION ")))) u)"
            // "Received today" is read off the received index (`receivedToday`).
            statement = """
                SELECT \(tab(arms ?? [], "1 = 1")) AS total, \(tab(mineArms(viewer, dialect), mine)) AS mine,
                    \(tab(teamArms(viewer, dialect), unassigned)) AS unassigned, \(tab(teamArms(viewer, dialect), team)) AS team,
                    \(count(soon.condition, from: "tickets t \(dueSoonRead(scope, dialect) ?? "")")) AS soon, \(breached) AS breached,
                    \(count(today, from: "tickets t \(receivedToday(dialect) ?? "")")) AS today, \(lastChange)
                """
            if arms != nil {
                return try await dialect.withIndexWalks(db) { try await counts(db.raw(statement).first()!, cap: cap) }
            }
        }
        return try counts(try await db.raw(statement).first()!, cap: cap)
    }

    private static func counts(_ row: any SQLRow, cap: Int) throws -> TicketQueueCounts {
        func n(_ c: String) throws -> Int { min(Int(try row.decode(column: c, as: Int64.self)), cap) }
        return TicketQueueCounts(mine: try n("mine"), unassigned: try n("unassigned"), team: try n("team"), all: try n("total"),
                                 soon: try n("soon"), breached: try n("breached"), today: try n("today"),
                                 lastChange: try row.decode(column: "last_change", as: Int64.self))
    }
}
