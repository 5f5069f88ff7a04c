import KefuPlatform
import SQLKit

/// The breaches on record for tickets about to be shown (API.md `sla.breaches`), one query per page.
enum TicketBreaches {
    static func attach(_ db: any SQLDatabase, _ views: [TicketView]) async throws -> [TicketView] {
        guard !views.isEmpty else { return views }
        var byTicket: [String: [TicketView.Breach]] = [:]
        for row in try await db.raw("""
            SELECT ticket_id, kind, due_at FROM ticket_breaches WHERE ticket_id IN (\(SQLList(views.map { SQLBind($0.id) }))) ORDER BY due_at
            """).all() {
            byTicket[try row.decode(column: "ticket_id", as: String.self), default: []].append(
                TicketView.Breach(kind: try row.decode(column: "kind", as: String.self), at: Times.rfc3339(try row.decode(column: "due_at", as: Int64.self))))
        }
        guard !byTicket.isEmpty else { return views }
        return views.map { view in
            var v = view
            v.sla.breaches = byTicket[view.id] ?? []
            return v
        }
    }
}
