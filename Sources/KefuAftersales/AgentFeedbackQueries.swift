import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #15.5 (KPI-01): the customer feedback on each agent for the scorecard, one grouped statement per metric for all
/// the agents asked about: satisfaction surveys of the tickets the agent owns (SAT-08, D10) and complaints about the
/// agent (CMP-17 `about_user_id`).
public enum AgentFeedbackQueries {
    public struct Satisfaction: Sendable, Equatable {
        public var responses = 0
        /// Overall rating 基本满意 or better (D10).
        public var satisfied = 0
    }

    /// Survey responses submitted from `from` up to (not including) `to` (epoch millis) about tickets owned by
    /// `agentIds`; agents without any are absent.
    public static func satisfaction(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64) async throws -> [String: Satisfaction] {
        guard !agentIds.isEmpty else { return [:] }
        let threshold = SatisfactionLevel.basicallySatisfied.rawValue
        var out: [String: Satisfaction] = [:]
        for row in try await db.raw("""
            SELECT x.owner_id, COUNT(*) AS responses, SUM(CASE WHEN x.overall >= \(bind: threshold) THEN 1 ELSE 0 END) AS satisfied
            FROM (SELECT \(unsafeRaw: TicketQueries.ownerSQL("i.ticket_id")) AS owner_id, r.overall FROM survey_responses r
                  JOIN survey_invitations i ON i.id = r.invitation_id
                  WHERE r.submitted_at >= \(bind: from) AND r.submitted_at < \(bind: to) AND i.ticket_id IS NOT NULL) x
            WHERE x.owner_id IN (\(SQLList(agentIds.map { SQLBind($0) })))
            GROUP BY x.owner_id
            """).all() {
            out[try row.decode(column: "owner_id", as: String.self)] = Satisfaction(responses: try row.decode(column: "responses", as: Int.self),
                                                                                    satisfied: try row.decode(column: "satisfied", as: Int?.self) ?? 0)
        }
        return out
    }

    /// Complaints registered from `from` up to (not including) `to` that name one of `agentIds` as the agent
    /// complained about (CMP-17); agents without any are absent.
    public static func complaints(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64) async throws -> [String: Int] {
        guard !agentIds.isEmpty else { return [:] }
        let wanted = Set(agentIds)
        var out: [String: Int] = [:]
        for row in try await db.raw("""
            SELECT c.about_user_id, COUNT(*) AS n FROM complaints c
            WHERE c.registered_at >= \(bind: from) AND c.registered_at < \(bind: to) AND c.about_user_id IS NOT NULL
            GROUP BY c.about_user_id
            """).all() {
            // The period's complaints grouped, the agents picked from the groups (an IN condition would read each
            // agent's complaints of every year through another index).
            let id = try row.decode(column: "about_user_id", as: String.self)
            if wanted.contains(id) { out[id] = try row.decode(column: "n", as: Int.self) }
        }
        return out
    }
}
