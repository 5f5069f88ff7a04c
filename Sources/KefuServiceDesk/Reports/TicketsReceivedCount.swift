import KefuDomain
import SQLKit

/// #14 RPT-10, PRP-09: tickets received in a unit and below in a period (from `from` up to, not including, `to`),
/// for another feature's report, inside the caller's read transaction.
extension TicketQueries {
    public static func receivedCount(_ db: any SQLDatabase, scopePath: String, from: Int64, to: Int64) async throws -> Int {
        try await db.raw("""
            SELECT COUNT(*) AS n FROM tickets t
            WHERE t.org_path >= \(bind: scopePath) AND t.org_path < \(bind: FindQuery.upperBound(ofPrefix: scopePath))
              AND t.created_at >= \(bind: from) AND t.created_at < \(bind: to)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
