import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.5: "my queue" on the home page: the open tickets I own or handle, soonest due first, each with its clock on
/// the same working-time calendar as the queue's rows (SLA-03), and the counts of the late and the due-soon ones.
public struct MyQueue: Sendable {
    public enum DueClock: Sendable {
        case none
        case paused
        /// Working time left (or, when negative, overdue), already worded in both languages.
        case running(left: Text, late: Bool)
    }

    public struct Row: Sendable {
        public let id: String
        public let number: String
        public let subject: String
        public let status: TicketStatus
        public let priority: TicketPriority
        public let customerName: String?
        public let clock: DueClock
    }

    /// The first rows, soonest due first.
    public let rows: [Row]
    /// Counted up to `TicketQueries.queueCountCap` (#17.7); `openCountLabel` shows it as the queue's tabs do.
    public let openCount: Int
    public let lateCount: Int
    /// Due within the next hour of working time (the queue's 即将超时 view).
    public let soonCount: Int

    static let soonMillis: Int64 = 60 * 60_000
    static let counted = 500

    /// What `openCount` was counted up to.
    public let countCap: Int

    public var openCountLabel: String { openCount >= countCap ? "\(countCap - 1)+" : "\(openCount)" }

    /// Reads within the caller's transaction (the home page composes several features' parts in one read).
    public static func read(_ db: any SQLDatabase, viewer: Principal, dialect: StoreDialect, now: Date = Date(), shown: Int = 8,
                            cap: Int = TicketQueries.queueCountCap) async throws -> MyQueue {
        let (rows, total) = try await firstDue(db, viewer: viewer, dialect: dialect, cap: cap)
        let calendar = try await SlaSettings.load(db).calendar
        let nowMillis = Clock.millis(now)
        var late = 0, soon = 0
        let all = rows.map { t -> Row in
            let clock: DueClock
            if t.slaPausedAt != nil {
                clock = .paused
            } else if let due = t.dueAt {
                let mode = t.slaTargets.calendar
                let left = calendar.workingTimeLeft(from: nowMillis, until: due, mode)
                if due < nowMillis { late += 1 } else if left <= soonMillis { soon += 1 }
                clock = .running(left: TicketLabels.timeLeft(workingMillis: left, businessHours: mode == .businessHours), late: due < nowMillis)
            } else {
                clock = .none
            }
            return Row(id: t.id, number: t.number, subject: t.subject, status: t.status, priority: t.priority, customerName: t.customerName, clock: clock)
        }
        return MyQueue(rows: Array(all.prefix(shown)), openCount: total, lateCount: late, soonCount: soon, countCap: cap)
    }

    /// The first `counted` of my open tickets, soonest due first, and how many there are up to `cap`.
    static func firstDue(_ db: any SQLDatabase, viewer: Principal, dialect: StoreDialect, cap: Int) async throws -> (rows: [TicketRow], total: Int) {
        let open = TicketStatus.allCases.filter(\.isOpen)
        // #17.7: read off the owner's and assignee's indexes in due order, as "my queue" is (SQLite 76 ms, PostgreSQL 80 ms
        // at a million for an agent with 30,000 open tickets, walking the organisation's due order past the others' 200,000).
        var filter = TicketFilter()
        filter.view = .mine
        filter.statuses = open
        filter.sort = .due
        if let armed = try await TicketQueries.dueOrderedArms(db, filter, paging: Paging(page: 1, per: counted), viewer: viewer,
                                                              dialect: dialect, countLimit: cap - 1) {
            return (armed.rows, armed.counted)
        }
        let mine: SQLQueryString = "(t.owner_id = \(bind: viewer.userId) OR t.assignee_id = \(bind: viewer.userId)) AND t.status IN (\(SQLList(open.map { SQLBind($0.rawValue) })))"
        // #17.7: counted up to the tabs' cap (an exact count of 190,000 open tickets took 300 ms of every home page), and
        // a queue that reaches it is read by walking the due order's index on SQLite instead of sorting all of it.
        let total = try await db.raw("SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM tickets t WHERE \(mine) LIMIT \(bind: cap)) m")
            .first()!.decode(column: "n", as: Int.self)
        let walk = dialect == .sqlite && total >= cap ? TicketFilter.Sort.due.sqliteWalk : nil
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: TicketRow.columns) FROM \(unsafeRaw: TicketRow.from(indexedBy: walk)) WHERE \(mine)
            ORDER BY \(unsafeRaw: TicketQueries.dueOrder) LIMIT \(bind: counted)
            """).all().map { try TicketRow(row: $0) }
        return (rows, total)
    }
}
