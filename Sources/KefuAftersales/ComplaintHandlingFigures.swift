import KefuDomain
import SQLKit

/// #14 RPT-10, PRP-09: what a property service centre's report reads of the complaints, inside the caller's read
/// transaction — complaints registered in a unit and below in a period, how many are handled (closed) and how many of
/// those had their return visit (CMP-15).
public enum ComplaintHandlingFigures {
    public struct Counts: Sendable, Equatable {
        public let received: Int
        public let handled: Int
        public let returnVisited: Int
    }

    /// Registered from `from` up to (not including) `to`, under `scopePath`.
    public static func counts(_ db: any SQLDatabase, scopePath: String, from: Int64, to: Int64) async throws -> Counts {
        guard let row = try await db.raw("""
            SELECT COUNT(*) AS received, COALESCE(SUM(CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END), 0) AS handled,
              COALESCE(SUM(CASE WHEN c.status = 'closed' AND c.return_visit_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS visited
            FROM complaints c
            WHERE c.org_path >= \(bind: scopePath) AND c.org_path < \(bind: FindQuery.upperBound(ofPrefix: scopePath))
              AND c.registered_at >= \(bind: from) AND c.registered_at < \(bind: to)
            """).first() else { return Counts(received: 0, handled: 0, returnVisited: 0) }
        return Counts(received: try row.decode(column: "received", as: Int.self), handled: try row.decode(column: "handled", as: Int.self),
                      returnVisited: try row.decode(column: "visited", as: Int.self))
    }
}
