import KefuPlatform
import SQLKit

/// #15.5 (KPI-01): what the agent scorecard reads of the service desk — per ticket owner (首问负责人, TKT-03), the
/// same counts as the service KPI report (SLA-01, SLA-02, ESC-01, D9), each metric ONE grouped statement for all the
/// agents asked about (never one per agent), through the index on its own time column: the statements group the
/// period's tickets by owner and the agents are picked from the groups, because an `owner_id IN (…)` condition makes
/// SQLite read every ticket of each agent through `tickets_owner` (3 years of them) instead of one month's (#15.9).
extension TicketQueries {
    public struct AgentTicketFacts: Sendable, Equatable {
        /// Tickets received in the period that the agent owns (took first).
        public var taken = 0
        /// SLA-01: of those, answered, or overdue without an answer …
        public var firstResponseEligible = 0
        /// … and answered by the first-response deadline.
        public var firstResponseOnTime = 0
        /// D9: tickets whose resolution target fell due in the period (up to now) …
        public var resolutionDue = 0
        /// … and those of them resolved within it.
        public var resolvedWithinTarget = 0
        /// ESC-01: escalations of the agent's tickets in the period, and those made late.
        public var escalations = 0
        public var lateEscalations = 0
        public init() {}
    }

    /// The facts of the owners `agentIds` for tickets from `from` up to (not including) `to` (epoch millis); agents
    /// without any are absent.
    public static func agentFacts(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64, now: Int64) async throws -> [String: AgentTicketFacts] {
        guard !agentIds.isEmpty else { return [:] }
        let wanted = Set(agentIds)
        var out: [String: AgentTicketFacts] = [:]
        for row in try await db.raw("""
            SELECT t.owner_id, COUNT(*) AS taken,
                   SUM(CASE WHEN t.first_responded_at IS NOT NULL OR COALESCE(t.first_response_due_at, t.received_at) < \(bind: now) THEN 1 ELSE 0 END) AS eligible,
                   SUM(CASE WHEN t.first_responded_at IS NOT NULL AND t.first_responded_at <= COALESCE(t.first_response_due_at, t.received_at) THEN 1 ELSE 0 END) AS on_time
            FROM tickets t WHERE t.received_at >= \(bind: from) AND t.received_at < \(bind: to) AND t.owner_id IS NOT NULL
            GROUP BY t.owner_id
            """).all() {
            let id = try row.decode(column: "owner_id", as: String.self)
            guard wanted.contains(id) else { continue }
            out[id, default: AgentTicketFacts()].taken = try row.decode(column: "taken", as: Int.self)
            out[id, default: AgentTicketFacts()].firstResponseEligible = try row.decode(column: "eligible", as: Int?.self) ?? 0
            out[id, default: AgentTicketFacts()].firstResponseOnTime = try row.decode(column: "on_time", as: Int?.self) ?? 0
        }
        for row in try await db.raw("""
            SELECT t.owner_id, COUNT(*) AS due, SUM(CASE WHEN t.resolved_at IS NOT NULL AND t.resolved_at <= t.resolution_due_at THEN 1 ELSE 0 END) AS within
            FROM tickets t WHERE t.resolution_due_at >= \(bind: from) AND t.resolution_due_at < \(bind: min(to, now)) AND t.owner_id IS NOT NULL
            GROUP BY t.owner_id
            """).all() {
            let id = try row.decode(column: "owner_id", as: String.self)
            guard wanted.contains(id) else { continue }
            out[id, default: AgentTicketFacts()].resolutionDue = try row.decode(column: "due", as: Int.self)
            out[id, default: AgentTicketFacts()].resolvedWithinTarget = try row.decode(column: "within", as: Int?.self) ?? 0
        }
        for row in try await db.raw("""
            SELECT e.owner_id, COUNT(*) AS total, SUM(CASE WHEN e.late <> 0 THEN 1 ELSE 0 END) AS late
            FROM ticket_escalations e WHERE e.at >= \(bind: from) AND e.at < \(bind: to) AND e.owner_id IS NOT NULL
            GROUP BY e.owner_id
            """).all() {
            let id = try row.decode(column: "owner_id", as: String.self)
            guard wanted.contains(id) else { continue }
            out[id, default: AgentTicketFacts()].escalations = try row.decode(column: "total", as: Int.self)
            out[id, default: AgentTicketFacts()].lateEscalations = try row.decode(column: "late", as: Int?.self) ?? 0
        }
        return out
    }

    /// SQL expression for other features' statements: the owner of the ticket whose id is in `ticketIdColumn` (NULL
    /// when none), so that they never name the tickets table themselves (#11.6).
    public static func ownerSQL(_ ticketIdColumn: String) -> String { "(SELECT tko.owner_id FROM tickets tko WHERE tko.id = \(ticketIdColumn))" }
}
