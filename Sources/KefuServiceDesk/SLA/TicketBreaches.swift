import KefuPlatform
import SQLKit

/// The breaches on record for tickets about to be shown (API.md `sla.breaches`), at most one query per page.
enum TicketBreaches {
    /// The breaches of `ids`, by ticket id, oldest due time first.
    private static func load(_ db: any SQLDatabase, ids: [String]) async throws -> [String: [TicketInstants.Breach]] {
        guard !ids.isEmpty else { return [:] }
        var byTicket: [String: [TicketInstants.Breach]] = [:]
        for row in try await db.raw("""
            SELECT ticket_id, kind, due_at FROM ticket_breaches WHERE ticket_id IN (\(SQLList(ids.map { SQLBind($0) }))) ORDER BY due_at
            """).all() {
            byTicket[try row.decode(column: "ticket_id", as: String.self), default: []].append(
                TicketInstants.Breach(kind: try row.decode(column: "kind", as: String.self), at: Instant(millis: try row.decode(column: "due_at", as: Int64.self))))
        }
        return byTicket
    }

    /// The breaches of the rows that carry a breach mark (desk-016: `SlaScanner` writes the mark with the first breach),
    /// by ticket id. Most rows carry none, and a page without any runs no statement (#17.4, #18.5).
    static func load(_ db: any SQLDatabase, rows: [TicketRow]) async throws -> [String: [TicketInstants.Breach]] {
        try await load(db, ids: rows.filter { $0.breachedAt != nil }.map(\.id))
    }

    /// The rows as API views with their breaches.
    static func views(_ db: any SQLDatabase, _ rows: [TicketRow]) async throws -> [TicketView] {
        attach(rows.map(\.view), try await load(db, rows: rows))
    }

    static func attach(_ views: [TicketView], _ byTicket: [String: [TicketInstants.Breach]]) -> [TicketView] {
        guard !byTicket.isEmpty else { return views }
        return views.map { view in
            var v = view
            v.sla.breaches = (byTicket[view.id] ?? []).map { TicketView.Breach(kind: $0.kind, at: $0.at.rfc3339) }
            return v
        }
    }

    /// The rows as API views with their breaches, and their instants by ticket id (#11.6).
    static func listing(_ db: any SQLDatabase, _ rows: [TicketRow], page: Paging, total: Int, exact: Bool = true) async throws -> TicketListing {
        let byTicket = try await load(db, rows: rows)
        let views = attach(rows.map(\.view), byTicket)
        return TicketListing(page: ListPage(items: views, page: page.page, per: page.per, total: total, totalExact: exact), rows: rows, breaches: byTicket)
    }
}
