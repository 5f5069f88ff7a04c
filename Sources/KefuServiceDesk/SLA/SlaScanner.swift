import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Finds tickets whose clock has run out and acts on it without any request (API.md "Breaches and escalation
/// happen on their own"): records the breach, raises `escalationLevel`, writes the timeline and alerts the
/// supervisors of the owner's unit — or, #15.6, level 1 of the escalation path the owner's unit follows, and each later
/// level when its delay has passed (`EscalationSteps`).
///
/// It reads only the tickets due (`sla_next_at <= now`, indexed), in batches, each batch one transaction.
/// Idempotent and safe with several nodes on one PostgreSQL: rows are taken `FOR UPDATE SKIP LOCKED`, and a breach
/// is unique per ticket, clock and due time, so a second scanner that reaches the same ticket records nothing twice.
public struct SlaScanner: Sendable {
    public struct Pass: Sendable, Equatable {
        public var ticketsChecked = 0
        public var breachesRecorded = 0
        public var notificationsSent = 0
    }

    let store: any Store
    let settings: SlaSettings
    /// #15 leftovers: who of a unit is on duty by its roster (the composition root passes the people feature's answer).
    public var onDuty: any OnDutyDirectory = NoOnDutyDirectory()
    public static let batchSize = 500

    public init(store: any Store, settings: SlaSettings) {
        self.store = store
        self.settings = settings
    }

    /// One pass over everything due at `now`.
    public func scan(now: Date = Date()) async throws -> Pass {
        let calendar = try await settings.current(now: now).calendar
        let at = Clock.millis(now)
        var total = Pass()
        while true {
            let batch = try await scanBatch(at: at, calendar: calendar)
            total.ticketsChecked += batch.ticketsChecked
            total.breachesRecorded += batch.breachesRecorded
            total.notificationsSent += batch.notificationsSent
            if batch.ticketsChecked < Self.batchSize { break }
        }
        // #15.6: the later levels of the escalation paths that fall due by now.
        while true {
            let steps = try await store.write { db in
                try await EscalationSteps.scanBatch(db, dialect: store.dialect, at: at, calendar: calendar, limit: Self.batchSize, onDuty: onDuty)
            }
            total.notificationsSent += steps.notified
            if steps.checked < Self.batchSize { return total }
        }
    }

    func scanBatch(at: Int64, calendar: WorkCalendar) async throws -> Pass {
        let skipLocked = store.dialect.rowLock(of: "t", skipLocked: true)
        return try await store.write { db in
            var pass = Pass()
            let lookups = EscalationLookups()
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: TicketRow.columns) FROM \(unsafeRaw: TicketRow.from)
                WHERE t.sla_next_at <= \(bind: at) ORDER BY t.sla_next_at LIMIT \(bind: Self.batchSize)\(unsafeRaw: skipLocked)
                """).all().map { try TicketRow(row: $0) }
            for ticket in rows {
                pass.ticketsChecked += 1
                let clocks = ticket.clocks
                var level = ticket.escalationLevel
                var seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
                var recorded = false
                for (kind, due) in clocks.elapsed(at: at) {
                    let inserted = try await db.raw("""
                        INSERT INTO ticket_breaches (id, ticket_id, kind, due_at, recorded_at)
                        VALUES (\(bind: Clock.newID()), \(bind: ticket.id), \(bind: kind.rawValue), \(bind: due), \(bind: at))
                        ON CONFLICT (ticket_id, kind, due_at) DO NOTHING RETURNING id
                        """).first()
                    guard inserted != nil else { continue }
                    pass.breachesRecorded += 1
                    recorded = true
                    level += 1
                    let reason = Self.reason(kind)
                    let alert = TicketAlerts.Alert(
                        kind: "sla_breach",
                        title: Text("工单超时：{0}", "SLA breached: {0}").with(ticket.number),
                        body: Text("“{0}”{1}已超时（时限 {2}），已自动升级到第 {3} 级",
                                   "“{0}” missed its {1} target ({2}); escalated to level {3}")
                            .with(ticket.subject, kind == .firstResponse ? "首次响应" : "解决", Times.display(due), String(level)),
                        data: ["clock": kind.rawValue, "dueAt": Times.rfc3339(due), "escalationLevel": String(level)])
                    // #15.6: the unit's escalation path (level 1 now or later), else the supervisors of the owner's unit; ESC-04.
                    let told = try await EscalationSteps.atBreach(db, alert, ticket: ticket, kind: kind, due: due, at: at, calendar: calendar, onDuty: onDuty,
                                                                  lookups: lookups)
                    pass.notificationsSent += told.userIds.count
                    // The breach's timeline and its escalation record in one round trip (PostgreSQL).
                    try await db.runTogether([
                        TicketTimeline.insert(ticketId: ticket.id, seq: seq, kind: "sla_breached", actorId: nil, visibility: .internal, at: at,
                                              data: ["clock": kind.rawValue, "dueAt": Times.rfc3339(due)]),
                        TicketTimeline.insert(ticketId: ticket.id, seq: seq + 1, kind: "escalated", actorId: nil, visibility: .internal, at: at,
                                              data: told.timelineData.merging(["level": String(level), "reason": reason.zh, "automatic": "true",
                                                                               "late": "false"]) { a, _ in a }),
                        TicketEscalations.insert(ticket: ticket, level: level, automatic: true, late: false, reason: reason.zh, actorId: nil, at: at),
                    ], dialect: store.dialect)
                    seq += 2
                }
                // desk-016: the ticket carries the time of its first recorded breach, for the unit's "breached" count.
                let breachedAt: SQLQueryString = recorded ? ", breached_at = COALESCE(breached_at, \(bind: at))" : ""
                try await db.raw("""
                    UPDATE tickets SET escalation_level = \(bind: level), sla_next_at = \(bind: clocks.nextCheck(after: at))\(breachedAt)
                    WHERE id = \(bind: ticket.id)
                    """).run()
            }
            return pass
        }
    }

    static func reason(_ kind: SlaClocks.Kind) -> Text {
        kind == .firstResponse ? Text("首次响应超时", "First response overdue") : Text("解决超时", "Resolution overdue")
    }
}

/// Every escalation, by hand or by the scanner, for the KPI report (ESC-01: late ones flagged).
enum TicketEscalations {
    static func record(_ db: any SQLDatabase, ticket: TicketRow, level: Int, automatic: Bool, late: Bool, reason: String,
                       actorId: String?, at: Int64) async throws {
        try await db.raw(insert(ticket: ticket, level: level, automatic: automatic, late: late, reason: reason, actorId: actorId, at: at)).run()
    }

    /// The INSERT of one escalation record, to run alone or together with other statements (`runTogether`).
    static func insert(ticket: TicketRow, level: Int, automatic: Bool, late: Bool, reason: String, actorId: String?, at: Int64) -> SQLQueryString {
        """
        INSERT INTO ticket_escalations (id, ticket_id, level, automatic, late, reason, actor_id, owner_id, team_id, org_path, at)
        VALUES (\(bind: Clock.newID()), \(bind: ticket.id), \(bind: level), \(bind: automatic ? 1 : 0), \(bind: late ? 1 : 0), \(bind: reason),
                \(bind: actorId), \(bind: ticket.ownerId), \(bind: ticket.teamId), \(bind: ticket.orgPath), \(bind: at))
        """
    }
}
