import KefuDomain
import KefuPlatform
import SQLKit

/// Full-text index over tickets, so that staff find Chinese terms of any length (SearchTokenizer) through an
/// index, never a LIKE scan: one document per ticket, keyed by the ticket's rid, holding its subject,
/// description and every comment, plus who may see it: a token for every unit on its owning and handling
/// units' paths and one for its owner and its assignee (TicketAccess's rule), so that a search within one's
/// scope is answered by the index too. SQLite: a contentless FTS5 table of bigram tokens, queried by phrase.
/// PostgreSQL: a GIN-indexed token array, checked against the normalised text for exact substrings. Both answer
/// the same: every term occurs in the ticket.
enum TicketSearchIndex {
    /// Searches report exact totals up to this many matches; beyond it the total says "at least" (`totalExact`
    /// false), as search engines do, so that a common word costs no more than a rare one.
    static let exactTotalLimit = 1_000

    static func key(_ dialect: StoreDialect) -> String { dialect == .sqlite ? "rowid" : "rid" }

    /// #17.6: removes an archived ticket's document (the archive's delete, given the store's dialect).
    static func remove(_ db: any SQLDatabase, dialect: StoreDialect, rid: Int) async throws {
        try await db.raw("DELETE FROM ticket_search WHERE \(unsafeRaw: key(dialect)) = \(bind: rid)").run()
    }

    /// #10.13: visibility tokens begin with U+E000 (a private-use character). FTS5's unicode61 tokenizer keeps it
    /// inside a token (category Co is a token character), while `SearchTokenizer` splits text at it (it is neither a
    /// letter, a digit nor CJK), so no ticket text and no query can ever produce one: a ticket that mentions
    /// "zu<unit id>" is not thereby visible to that unit. Format changed by migration desk-003 (index rebuilt).
    static let scopeMark = "\u{E000}"
    static func unitToken(_ unitId: String) -> String { scopeMark + "zu" + withoutHyphens(unitId) }
    static func personToken(_ userId: String) -> String { scopeMark + "zp" + withoutHyphens(userId) }
    /// #18.5: `filter`, not Foundation's `replacingOccurrences`, which showed in a create's CPU profile.
    static func withoutHyphens(_ id: String) -> String { String(id.unicodeScalars.filter { $0 != "-" }.map(Character.init)) }

    struct Visibility: Sendable {
        let orgPath: String
        let teamPath: String?
        let ownerId: String?
        let assigneeId: String?

        var tokens: [String] {
            let units = Set((orgPath + (teamPath ?? "")).split(separator: "/").map(String.init))
            return units.sorted().map(TicketSearchIndex.unitToken) + [ownerId, assigneeId].compactMap { $0 }.map(TicketSearchIndex.personToken)
        }
    }

    /// Writes a ticket's document anew from its current text and visibility (after a comment, an edit, an
    /// assignment or a change of owner).
    static func reindex(_ db: any SQLDatabase, dialect: StoreDialect, ticketId: String) async throws {
        guard let row = try await db.raw("""
            SELECT rid, subject, description, org_path, team_path, owner_id, assignee_id FROM tickets WHERE id = \(bind: ticketId)
            """).first() else { return }
        let rid = try row.decode(column: "rid", as: Int.self)
        var text = try row.decode(column: "subject", as: String.self) + "\n" + row.decode(column: "description", as: String.self)
        for c in try await db.raw("SELECT body FROM ticket_comments WHERE ticket_id = \(bind: ticketId) ORDER BY created_at").all() {
            text += "\n" + (try c.decode(column: "body", as: String.self))
        }
        let visibility = Visibility(
            orgPath: try row.decode(column: "org_path", as: String.self), teamPath: try row.decode(column: "team_path", as: String?.self),
            ownerId: try row.decode(column: "owner_id", as: String?.self), assigneeId: try row.decode(column: "assignee_id", as: String?.self)
        )
        try await db.raw("DELETE FROM ticket_search WHERE \(unsafeRaw: key(dialect)) = \(bind: rid)").run()
        try await add(db, dialect: dialect, ticketRid: rid, text: text, visibility: visibility)
    }

    static func add(_ db: any SQLDatabase, dialect: StoreDialect, ticketRid: Int, text: String, visibility: Visibility) async throws {
        try await db.raw(insert(dialect: dialect, ticketRid: ticketRid, text: text, visibility: visibility)).run()
    }

    /// The INSERT of one document, to run alone or together with other statements (`runTogether`).
    static func insert(dialect: StoreDialect, ticketRid: Int, text: String, visibility: Visibility) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            let tokens = SearchTokenizer.documentText(text) + " " + visibility.tokens.joined(separator: " ")
            return "INSERT INTO ticket_search (rowid, tokens) VALUES (\(bind: ticketRid), \(bind: tokens))"
        case .postgres:
            return """
                INSERT INTO ticket_search (rid, tokens, body)
                VALUES (\(bind: ticketRid), \(bind: SearchTokenizer.documentTokenSet(text) + visibility.tokens), \(bind: SearchTokenizer.normalize(text)))
                """
        }
    }

    /// Who the search is for: nil for the whole organisation, else documents carrying any of these tokens.
    static func scopeTokens(viewer: Principal, view: TicketFilter.View) -> [String]? {
        switch view {
        case .mine: return [personToken(viewer.userId)]
        case .team: return [unitToken(viewer.orgUnitId)]
        case .all: return viewer.coversWholeOrganisation ? nil : [unitToken(viewer.orgUnitId), personToken(viewer.userId)]
        }
    }

    /// `ticket_search WHERE …`: the documents that contain every term (and, with `scope`, any scope token).
    static func matches(_ terms: [SearchTokenizer.Term], scope: [String]?, dialect: StoreDialect) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            var expression = terms.map { SearchTokenizer.fts5Expression($0) }.joined(separator: " AND ")
            if let scope { expression += " AND (" + scope.map { "\"\($0)\"" }.joined(separator: " OR ") + ")" }
            return "ticket_search WHERE ticket_search MATCH \(bind: expression)"
        case .postgres:
            let tokens = Array(Set(terms.flatMap(\.phrase))).sorted()
            var query: SQLQueryString = "ticket_search WHERE tokens @> \(bind: tokens)::text[]"
            if let scope { query = "\(query) AND tokens && \(bind: scope)::text[]" }
            for term in terms where !answeredByToken(term) { query = "\(query) AND strpos(body, \(bind: term.normalized)) > 0" }
            return query
        }
    }

    /// #18.5: PostgreSQL needs no substring check of the body for a term that is one whole token (a two-character
    /// Chinese word such as 风机, a single Chinese character, one Latin word or number): a document's tokens are runs
    /// of consecutive characters of its normalised text, which is exactly what `body` holds, so a document holding
    /// the token holds the term as a substring, and `tokens @> …` alone gives the same answer. Without the body
    /// test the GIN index answers the whole condition (no table row is read to check it).
    static func answeredByToken(_ term: SearchTokenizer.Term) -> Bool {
        term.phrase.count == 1 && term.phrase[0].unicodeScalars.elementsEqual(term.normalized.unicodeScalars)
    }

    /// Subquery of the `rid` of matching tickets.
    static func matchingTickets(_ terms: [SearchTokenizer.Term], scope: [String]?, dialect: StoreDialect) -> SQLQueryString {
        "SELECT \(unsafeRaw: key(dialect)) FROM \(matches(terms, scope: scope, dialect: dialect))"
    }

    /// How many tickets match, exact up to `exactTotalLimit`. #18.5: on PostgreSQL from the GIN index (a bitmap of
    /// the matching documents), never by testing the token array of row after row (`preferIndexScans`), and as a
    /// prepared statement: its plan does not depend on the terms once sequential scans are out.
    static func count(_ tx: ReadTransaction, _ terms: [SearchTokenizer.Term], scope: [String]?, dialect: StoreDialect) async throws -> (total: Int, exact: Bool) {
        try await tx.preferIndexScans()
        let n = try await tx.db.prepared("""
            SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM \(matches(terms, scope: scope, dialect: dialect)) LIMIT \(bind: exactTotalLimit + 1)) found
            """).first()!.decode(column: "n", as: Int.self)
        return n > exactTotalLimit ? (exactTotalLimit, false) : (n, true)
    }

    /// Subquery of one page of matching ticket rids, newest first, answered by the index alone. Planned for the
    /// terms at hand: a common word walks the rid index backwards and stops after the page, a rare one reads the
    /// GIN index and sorts its few matches.
    static func newest(_ terms: [SearchTokenizer.Term], scope: [String]?, dialect: StoreDialect, paging: Paging) -> SQLQueryString {
        """
        SELECT \(unsafeRaw: key(dialect)) FROM \(matches(terms, scope: scope, dialect: dialect))
        ORDER BY \(unsafeRaw: key(dialect)) DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
        """
    }

    /// A customer searches only their own tickets (and never internal notes): the customer's most recent
    /// tickets are read and matched token by token, with the same rule as the index.
    static let customerSearchWindow = 2_000

    static func customerMatches(_ db: any SQLDatabase, customerId: String, terms: [SearchTokenizer.Term]) async throws -> [Int] {
        let tickets = try await db.raw("""
            SELECT id, rid, subject, description FROM tickets WHERE customer_id = \(bind: customerId)
            ORDER BY rid DESC LIMIT \(bind: customerSearchWindow)
            """).all()
        guard !tickets.isEmpty else { return [] }
        var text: [String: (rid: Int, text: String)] = [:]
        for t in tickets {
            text[try t.decode(column: "id", as: String.self)] = (
                try t.decode(column: "rid", as: Int.self),
                try t.decode(column: "subject", as: String.self) + "\n" + t.decode(column: "description", as: String.self)
            )
        }
        let comments = try await db.raw("""
            SELECT c.ticket_id, c.body FROM ticket_comments c JOIN tickets t ON t.id = c.ticket_id
            WHERE t.customer_id = \(bind: customerId) AND c.visibility = 'public' ORDER BY c.created_at
            """).all()
        for c in comments {
            let id = try c.decode(column: "ticket_id", as: String.self)
            if let entry = text[id] { text[id] = (entry.rid, entry.text + "\n" + (try c.decode(column: "body", as: String.self))) }
        }
        return text.values.filter { entry in
            let tokens = SearchTokenizer.tokens(entry.text).map(\.text)
            return terms.allSatisfy { SearchTokenizer.contains(tokens, $0) }
        }.map(\.rid)
    }
}

/// #10.13: writes every ticket's search document anew once after a migration changed the index format
/// (desk-003-search-scope-tokens requests it). Runs at start, after the migrations, in one transaction that holds
/// the request row, so that several nodes starting at once rebuild it once.
public enum TicketSearchRebuild {
    /// #17.1: asks for the rebuild, e.g. after an import, which copies the tickets but not the engine's own index.
    public static func request(_ store: any Store) async throws {
        try await store.write { db in
            try await db.raw("INSERT INTO search_rebuilds (name, requested_at) VALUES ('tickets', \(bind: Clock.millis())) ON CONFLICT (name) DO NOTHING").run()
        }
    }

    public static func runIfRequested(_ store: any Store) async throws {
        let dialect = store.dialect
        let lock = dialect.rowLock()
        let pending = try await store.read { db in
            try await db.raw("SELECT name FROM search_rebuilds WHERE name = 'tickets'").first() != nil
        }
        guard pending else { return }
        try await store.write { db in
            guard try await db.raw("SELECT name FROM search_rebuilds WHERE name = 'tickets'\(unsafeRaw: lock)").first() != nil else { return }
            for row in try await db.raw("SELECT id FROM tickets ORDER BY rid").all() {
                try await TicketSearchIndex.reindex(db, dialect: dialect, ticketId: try row.decode(column: "id", as: String.self))
            }
            try await db.raw("DELETE FROM search_rebuilds WHERE name = 'tickets'").run()
        }
    }
}
