import KefuPlatform
import SQLKit

/// #11.5: the human numbers (KF2026-000004) of tickets, for features that link to a ticket and must show its number
/// rather than its id (read through this query, never from the tickets table).
public enum TicketNumbers {
    public static func numbers(_ db: any SQLDatabase, ids: [String]) async throws -> [String: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        var out: [String: String] = [:]
        for row in try await db.raw("SELECT id, number FROM tickets WHERE id IN (\(SQLList(unique.map { SQLBind($0) })))").all() {
            out[try row.decode(column: "id", as: String.self)] = try row.decode(column: "number", as: String.self)
        }
        return out
    }
}
