import KefuDomain
import KefuPlatform
import SQLKit

/// Full-text index over tickets, so that `q` finds Chinese terms of any length (SearchTokenizer) through an
/// index, never a LIKE scan. Each ticket has two documents: everything staff may search (subject, description,
/// every comment) and what its customer may search (no internal notes). A document's key is
/// `ticket rid << 1 | audience`, so a search reads the index alone.
/// SQLite: a contentless FTS5 table of bigram tokens, queried by phrase. PostgreSQL: a GIN-indexed token array,
/// checked against the normalised text for exact substrings. Both answer the same: every term occurs in the ticket.
enum TicketSearchIndex {
    enum Audience: Int, Sendable { case staff = 0, customer = 1 }

    static func docKey(ticketRid: Int, _ audience: Audience) -> Int { (ticketRid << 1) | audience.rawValue }

    /// Writes both documents of a ticket from its current text (after create, comment or edit).
    static func reindex(_ db: any SQLDatabase, dialect: StoreDialect, ticketId: String) async throws {
        guard let row = try await db.raw("SELECT rid, subject, description FROM tickets WHERE id = \(bind: ticketId)").first() else { return }
        let rid = try row.decode(column: "rid", as: Int.self)
        var publicText = try row.decode(column: "subject", as: String.self) + "\n" + row.decode(column: "description", as: String.self)
        var internalText = ""
        for c in try await db.raw("SELECT body, visibility FROM ticket_comments WHERE ticket_id = \(bind: ticketId) ORDER BY created_at").all() {
            let body = try c.decode(column: "body", as: String.self)
            if try c.decode(column: "visibility", as: String.self) == CommentVisibility.internal.rawValue {
                internalText += "\n" + body
            } else {
                publicText += "\n" + body
            }
        }
        try await write(db, dialect: dialect, key: docKey(ticketRid: rid, .staff), text: publicText + internalText)
        try await write(db, dialect: dialect, key: docKey(ticketRid: rid, .customer), text: publicText)
    }

    /// A new ticket: both documents hold its subject and description.
    static func add(_ db: any SQLDatabase, dialect: StoreDialect, ticketRid: Int, text: String) async throws {
        for audience in [Audience.staff, .customer] {
            try await insert(db, dialect: dialect, key: docKey(ticketRid: ticketRid, audience), text: text)
        }
    }

    private static func write(_ db: any SQLDatabase, dialect: StoreDialect, key: Int, text: String) async throws {
        switch dialect {
        case .sqlite: try await db.raw("DELETE FROM ticket_search WHERE rowid = \(bind: key)").run()
        case .postgres: try await db.raw("DELETE FROM ticket_search WHERE doc_key = \(bind: key)").run()
        }
        try await insert(db, dialect: dialect, key: key, text: text)
    }

    private static func insert(_ db: any SQLDatabase, dialect: StoreDialect, key: Int, text: String) async throws {
        switch dialect {
        case .sqlite:
            try await db.raw("INSERT INTO ticket_search (rowid, tokens) VALUES (\(bind: key), \(bind: SearchTokenizer.documentText(text)))").run()
        case .postgres:
            try await db.raw("""
                INSERT INTO ticket_search (doc_key, tokens, body)
                VALUES (\(bind: key), \(bind: SearchTokenizer.documentTokenSet(text)), \(bind: SearchTokenizer.normalize(text)))
                """).run()
        }
    }

    /// The matching documents of one audience: `FROM ticket_search WHERE …` with every term required.
    static func matches(_ terms: [SearchTokenizer.Term], dialect: StoreDialect, audience: Audience) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            let expression = terms.map { SearchTokenizer.fts5Expression($0) }.joined(separator: " AND ")
            return "ticket_search WHERE ticket_search MATCH \(bind: expression) AND (rowid & 1) = \(unsafeRaw: String(audience.rawValue))"
        case .postgres:
            let tokens = Array(Set(terms.flatMap(\.phrase))).sorted()
            var query: SQLQueryString = "ticket_search WHERE tokens @> \(bind: tokens)::text[] AND (doc_key & 1) = \(unsafeRaw: String(audience.rawValue))"
            for term in terms { query = "\(query) AND strpos(body, \(bind: term.normalized)) > 0" }
            return query
        }
    }

    static func keyColumn(_ dialect: StoreDialect) -> String { dialect == .sqlite ? "rowid" : "doc_key" }

    /// Subquery of the `rid` of matching tickets.
    static func matchingTickets(_ terms: [SearchTokenizer.Term], dialect: StoreDialect, audience: Audience) -> SQLQueryString {
        "SELECT \(unsafeRaw: keyColumn(dialect)) >> 1 FROM \(matches(terms, dialect: dialect, audience: audience))"
    }

    /// Answered by the index alone: how many tickets match, and one page of their `rid`, newest first.
    static func count(_ db: any SQLDatabase, _ terms: [SearchTokenizer.Term], dialect: StoreDialect, audience: Audience) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM \(matches(terms, dialect: dialect, audience: audience))").first()!.decode(column: "n", as: Int.self)
    }

    static func newest(_ db: any SQLDatabase, _ terms: [SearchTokenizer.Term], dialect: StoreDialect, audience: Audience, paging: Paging) async throws -> [Int] {
        let key = keyColumn(dialect)
        return try await db.raw("""
            SELECT \(unsafeRaw: key) >> 1 AS rid FROM \(matches(terms, dialect: dialect, audience: audience))
            ORDER BY \(unsafeRaw: key) DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try $0.decode(column: "rid", as: Int.self) }
    }
}
