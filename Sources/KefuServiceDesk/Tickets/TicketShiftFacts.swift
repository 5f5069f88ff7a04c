import KefuPlatform
import SQLKit

/// #15.2 (SHF-03): what the shift handover reads of the tickets of a unit and below, inside its own transaction. No
/// scope check: the handover's own rules decide who sees its log.
extension TicketQueries {
    public struct ShiftTicketLine: Sendable {
        public let number: String
        public let subject: String
        /// The ticket's status, or for a breach its kind (`first_response`, `resolution`).
        public let state: String
    }

    /// The unit's open tickets (not resolved or closed), oldest first, at most `limit`.
    public static func openTickets(_ db: any SQLDatabase, unitPath: String, limit: Int) async throws -> [ShiftTicketLine] {
        try await db.raw("""
            SELECT number, subject, status FROM tickets WHERE org_path LIKE \(bind: unitPath + "%") AND status NOT IN ('resolved', 'closed')
            ORDER BY received_at, number LIMIT \(bind: limit)
            """).all().map {
            ShiftTicketLine(number: try $0.decode(column: "number", as: String.self), subject: try $0.decode(column: "subject", as: String.self),
                            state: try $0.decode(column: "status", as: String.self))
        }
    }

    /// The SLA breaches of the unit's tickets whose deadline fell from `from` (inclusive) to `to` (exclusive), in order.
    public static func breaches(_ db: any SQLDatabase, unitPath: String, from: Int64, to: Int64, limit: Int) async throws -> [ShiftTicketLine] {
        try await db.raw("""
            SELECT t.number, t.subject, b.kind FROM ticket_breaches b JOIN tickets t ON t.id = b.ticket_id
            WHERE t.org_path LIKE \(bind: unitPath + "%") AND b.due_at >= \(bind: from) AND b.due_at < \(bind: to)
            ORDER BY b.due_at, t.number LIMIT \(bind: limit)
            """).all().map {
            ShiftTicketLine(number: try $0.decode(column: "number", as: String.self), subject: try $0.decode(column: "subject", as: String.self),
                            state: try $0.decode(column: "kind", as: String.self))
        }
    }
}
