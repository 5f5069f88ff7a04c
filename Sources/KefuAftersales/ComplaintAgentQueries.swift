import Foundation
import KefuDomain
import SQLKit

/// #15.5 (KPI-02, CMP-17): what quality inspection reads of the complaints about a staff member's service attitude. A
/// complaint counts as verified once it has been classified (CMP-02) as the company's responsibility with the agent named
/// (`about_user_id`, CMP-17): classifying is the step where the complaint is examined and linked to the agent. No scope
/// check: the penalty register's own rules decide who sees what it makes of them.
public enum ComplaintAgentQueries {
    public struct AgentComplaintLine: Sendable {
        public let id: String
        public let number: String
        public let agentId: String
        public let registeredAt: Int64
    }

    static let verified = "c.about_user_id IS NOT NULL AND c.responsibility = '\(ComplaintResponsibility.company.rawValue)'"

    /// Per staff member complained about, the number of verified complaints.
    public static func verifiedCounts(_ db: any SQLDatabase) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try await db.raw("SELECT c.about_user_id, COUNT(*) AS n FROM complaints c WHERE \(unsafeRaw: verified) GROUP BY c.about_user_id").all() {
            out[try row.decode(column: "about_user_id", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return out
    }

    /// The verified complaints about one staff member, oldest first.
    public static func verified(_ db: any SQLDatabase, agentId: String) async throws -> [AgentComplaintLine] {
        try await db.raw("""
            SELECT c.id, c.number, c.about_user_id, c.registered_at FROM complaints c WHERE \(unsafeRaw: verified) AND c.about_user_id = \(bind: agentId)
            ORDER BY c.registered_at, c.number
            """).all().map {
            AgentComplaintLine(id: try $0.decode(column: "id", as: String.self), number: try $0.decode(column: "number", as: String.self),
                               agentId: try $0.decode(column: "about_user_id", as: String.self), registeredAt: try $0.decode(column: "registered_at", as: Int64.self))
        }
    }
}
