import KefuDomain
import SQLKit

/// KPI-07: what a unit's service-quality analysis reads of after-sales, inside the caller's read transaction: the
/// company satisfaction target (SAT-09) and the verified complaints about a set of agents in a period (CMP-17).
public enum QualityTargetQueries {
    /// The company target in basis points, nil while none is set.
    public static func satisfactionTargetBasisPoints(_ db: any SQLDatabase) async throws -> Int? {
        try await db.raw("SELECT value FROM aftersales_settings WHERE name = \(bind: SurveyService.targetKey)").first()
            .flatMap { Int(try $0.decode(column: "value", as: String.self)) }
    }

    /// Complaints registered from `from` up to (not including) `to` that are verified (`ComplaintAgentQueries.verified`)
    /// against one of `agentIds`.
    public static func verifiedComplaints(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64) async throws -> Int {
        guard !agentIds.isEmpty else { return 0 }
        let wanted = Set(agentIds)
        var n = 0
        for row in try await db.raw("""
            SELECT c.about_user_id, COUNT(*) AS n FROM complaints c
            WHERE \(unsafeRaw: ComplaintAgentQueries.verified) AND c.registered_at >= \(bind: from) AND c.registered_at < \(bind: to)
            GROUP BY c.about_user_id
            """).all() {
            if wanted.contains(try row.decode(column: "about_user_id", as: String.self)) { n += try row.decode(column: "n", as: Int.self) }
        }
        return n
    }
}
