import KefuDomain
import KefuPlatform
import SQLKit

/// Full-text index over tickets, so that `q` finds Chinese terms of any length (SearchTokenizer) through an
/// index, never a LIKE scan. Each ticket has one document per audience, keyed by the ticket's rid: everything
/// staff may search (subject, description, every comment) and what its customer may search (no internal notes).
/// SQLite: contentless FTS5 tables of bigram tokens, queried by phrase. PostgreSQL: GIN-indexed token arrays,
/// checked against the normalised text for exact substrings. Both answer the same: every term occurs in the ticket.
enum TicketSearchIndex {
    enum Audience: String, Sendable, CaseIterable {
        case staff, customer
        var table: String { "ticket_search_" + rawValue }
        var keyColumn: (StoreDialect) -> String { { $0 == .sqlite ? "rowid" : "rid" } }
    }

    /// Searches report exact totals up to this many matches; beyond it the total says "at least" (`totalExact`
    /// false), as search engines do, so that a common word costs no more than a rare one.
    static let exactTotalLimit = 1_000

    /// Writes both documents of a ticket from its current text (after a comment or an edit).
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
        for (audience, text) in [(Audience.staff, publicText + internalText), (.customer, publicText)] {
            try await db.raw("DELETE FROM \(unsafeRaw: audience.table) WHERE \(unsafeRaw: audience.keyColumn(dialect)) = \(bind: rid)").run()
            try await insert(db, dialect: dialect, audience: audience, rid: rid, text: text)
        }
    }

    /// A new ticket: both documents hold its subject and description.
    static func add(_ db: any SQLDatabase, dialect: StoreDialect, ticketRid: Int, text: String) async throws {
        for audience in Audience.allCases {
            try await insert(db, dialect: dialect, audience: audience, rid: ticketRid, text: text)
        }
    }

    private static func insert(_ db: any SQLDatabase, dialect: StoreDialect, audience: Audience, rid: Int, text: String) async throws {
        switch dialect {
        case .sqlite:
            try await db.raw("INSERT INTO \(unsafeRaw: audience.table) (rowid, tokens) VALUES (\(bind: rid), \(bind: SearchTokenizer.documentText(text)))").run()
        case .postgres:
            try await db.raw("""
                INSERT INTO \(unsafeRaw: audience.table) (rid, tokens, body)
                VALUES (\(bind: rid), \(bind: SearchTokenizer.documentTokenSet(text)), \(bind: SearchTokenizer.normalize(text)))
                """).run()
        }
    }

    /// `FROM <index> WHERE …`: the documents of one audience that contain every term.
    static func matches(_ terms: [SearchTokenizer.Term], dialect: StoreDialect, audience: Audience) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            let expression = terms.map { SearchTokenizer.fts5Expression($0) }.joined(separator: " AND ")
            return "\(unsafeRaw: audience.table) WHERE \(unsafeRaw: audience.table) MATCH \(bind: expression)"
        case .postgres:
            let tokens = Array(Set(terms.flatMap(\.phrase))).sorted()
            var query: SQLQueryString = "\(unsafeRaw: audience.table) WHERE tokens @> \(bind: tokens)::text[]"
            for term in terms { query = "\(query) AND strpos(body, \(bind: term.normalized)) > 0" }
            return query
        }
    }

    /// Subquery of the `rid` of matching tickets.
    static func matchingTickets(_ terms: [SearchTokenizer.Term], dialect: StoreDialect, audience: Audience) -> SQLQueryString {
        "SELECT \(unsafeRaw: audience.keyColumn(dialect)) FROM \(matches(terms, dialect: dialect, audience: audience))"
    }

    /// How many tickets match, exact up to `exactTotalLimit`.
    static func count(_ db: any SQLDatabase, _ terms: [SearchTokenizer.Term], dialect: StoreDialect, audience: Audience) async throws -> (total: Int, exact: Bool) {
        let n = try await db.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM \(matches(terms, dialect: dialect, audience: audience)) LIMIT \(bind: exactTotalLimit + 1)) found
            """).first()!.decode(column: "n", as: Int.self)
        return n > exactTotalLimit ? (exactTotalLimit, false) : (n, true)
    }

    /// One page of matching ticket rids, newest first, answered by the index alone.
    static func newest(_ db: any SQLDatabase, _ terms: [SearchTokenizer.Term], dialect: StoreDialect, audience: Audience, paging: Paging) async throws -> [Int] {
        let key = audience.keyColumn(dialect)
        return try await db.raw("""
            SELECT \(unsafeRaw: key) AS rid FROM \(matches(terms, dialect: dialect, audience: audience))
            ORDER BY \(unsafeRaw: key) DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try $0.decode(column: "rid", as: Int.self) }
    }
}
