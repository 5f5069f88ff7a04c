import KefuDomain
import KefuPlatform
import SQLKit

/// Full-text index over tickets: subject and description as one document, each comment as another, so that
/// `q` finds Chinese terms of any length (SearchTokenizer) through an index, never a LIKE scan.
/// SQLite: an FTS5 table of bigram tokens, queried by phrase. PostgreSQL: a GIN-indexed token array, checked
/// against the normalised text for exact substrings. Both answer the same: every term must occur in the ticket.
enum TicketSearchIndex {
    static func put(_ db: any SQLDatabase, dialect: StoreDialect, docRid: Int, ticketRid: Int, text: String, isInternal: Bool) async throws {
        switch dialect {
        case .sqlite:
            try await db.raw("""
                INSERT INTO ticket_search (rowid, tokens, ticket_rid, internal)
                VALUES (\(bind: docRid), \(bind: SearchTokenizer.documentText(text)), \(bind: ticketRid), \(bind: isInternal ? 1 : 0))
                """).run()
        case .postgres:
            try await db.raw("""
                INSERT INTO ticket_search (doc_rid, ticket_rid, internal, tokens, body)
                VALUES (\(bind: docRid), \(bind: ticketRid), \(bind: isInternal ? 1 : 0), \(bind: SearchTokenizer.documentTokenSet(text)), \(bind: SearchTokenizer.normalize(text)))
                """).run()
        }
    }

    static func replace(_ db: any SQLDatabase, dialect: StoreDialect, docRid: Int, ticketRid: Int, text: String) async throws {
        switch dialect {
        case .sqlite: try await db.raw("DELETE FROM ticket_search WHERE rowid = \(bind: docRid)").run()
        case .postgres: try await db.raw("DELETE FROM ticket_search WHERE doc_rid = \(bind: docRid)").run()
        }
        try await put(db, dialect: dialect, docRid: docRid, ticketRid: ticketRid, text: text, isInternal: false)
    }

    /// A subquery yielding the `rid` of tickets that contain every term; nil when the query has no searchable term.
    static func matchingTickets(_ terms: [SearchTokenizer.Term], dialect: StoreDialect, includeInternal: Bool) -> SQLQueryString? {
        guard !terms.isEmpty else { return nil }
        let parts: [SQLQueryString] = terms.map { term in
            let internalFilter: SQLQueryString = includeInternal ? "" : " AND internal = 0"
            switch dialect {
            case .sqlite:
                return "SELECT ticket_rid FROM ticket_search WHERE ticket_search MATCH \(bind: SearchTokenizer.fts5Expression(term))\(internalFilter)"
            case .postgres:
                return "SELECT ticket_rid FROM ticket_search WHERE tokens @> \(bind: term.phrase)::text[] AND strpos(body, \(bind: term.normalized)) > 0\(internalFilter)"
            }
        }
        var query = parts[0]
        for p in parts.dropFirst() { query = "\(query) INTERSECT \(p)" }
        return query
    }
}
