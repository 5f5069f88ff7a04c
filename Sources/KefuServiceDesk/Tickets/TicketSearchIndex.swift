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
    /// false), as search engines do, so that a common word costs no more than a rare one. #18.5/#17.7: 100, not
    /// 1,000: the newest matches are found by walking the documents newest first, which for a word in a third of the
    /// tickets tests about 3 documents per match (PostgreSQL: 2.8 ms for 101 at 122,000 tickets, 24 ms for 1,001),
    /// while an exact count to 1,001 from the GIN index builds the bitmap of every match first (10 ms at 122,000
    /// tickets and growing with the table).
    static let exactTotalLimit = 100

    /// How far a search counts for the page asked for: `exactTotalLimit`, or one page past this page when that is
    /// further, so that the pager offers the next page as long as there are more ("120+" on page 5 of 20).
    static func countHorizon(_ paging: Paging) -> Int { max(exactTotalLimit, paging.offset + 2 * paging.per) }

    static func key(_ dialect: StoreDialect) -> String { dialect == .sqlite ? "rowid" : "rid" }

    /// #17.6: removes an archived ticket's document (the archive's delete, given the store's dialect). PostgreSQL: its
    /// scope rows go with it (desk-017's trigger).
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

    /// The INSERT of one document, to run alone or together with other statements (`runTogether`). PostgreSQL: its
    /// scope rows follow by desk-017's trigger. The scope tokens come first in the array: a search within a scope tests
    /// each matching document with `tokens && scope`, which reads the array from its start and stops at the first
    /// scope token (at the end, after 100–300 text tokens, it compared each of them with every scope token).
    static func insert(dialect: StoreDialect, ticketRid: Int, text: String, visibility: Visibility) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            let tokens = SearchTokenizer.documentText(text) + " " + visibility.tokens.joined(separator: " ")
            return "INSERT INTO ticket_search (rowid, tokens) VALUES (\(bind: ticketRid), \(bind: tokens))"
        case .postgres:
            return """
                INSERT INTO ticket_search (rid, tokens, body)
                VALUES (\(bind: ticketRid), \(bind: visibility.tokens + SearchTokenizer.documentTokenSet(text)), \(bind: SearchTokenizer.normalize(text)))
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
            return "ticket_search WHERE \(documentTest(terms, scope: scope, table: "ticket_search"))"
        }
    }

    /// PostgreSQL: the document `table` holds every term (its text first, then its tokens) and, with `scope`, any
    /// scope token.
    ///
    /// #18.5: PostgreSQL evaluates conditions of equal cost in the order written, so a walk of the newest documents (a
    /// common word) tests the text and tests the token array (about 4 µs, decompressed) only where the text matched. A
    /// rare word is still read off the GIN index by its tokens and pays the text test for each match. For a term that
    /// is one whole token (a two-character Chinese word, one character, a Latin word or number) the text test changes
    /// no answer: a document's tokens are runs of its normalised text, which `body` holds. The text test is wrapped in
    /// COALESCE (body is never NULL) so that the planner rates it at one half and not by its own estimate, which
    /// multiplied with the tokens' as if independent made a unit's common word look rare (it then read all 2,555
    /// matches of 漏油 off the GIN index, 9.7 ms, instead of walking to the newest 101, 2.2 ms).
    ///
    /// The text test is `strpos`, not `LIKE '%…%'`: LIKE steps through the text a character at a time, strpos skips
    /// ahead (Boyer-Moore-Horspool): on 114,000 documents a miss costs 0.4 µs instead of 1.2 (bench/README.md, "The text
    /// test by `strpos`"). `strpos(…) > 0` costs the planner two operators where LIKE cost one, and it orders a
    /// document's conditions by that cost; the token arrays are therefore sent as array literals in text and cast
    /// (`array_in`, one more operator, not folded at planning as it is stable), so that the text still comes first.
    /// The planner still reads the literal for its estimates.
    static func documentTest(_ terms: [SearchTokenizer.Term], scope: [String]?, table: String) -> SQLQueryString {
        let texts = terms.map { term -> SQLQueryString in
            "COALESCE(strpos(\(unsafeRaw: table).body, \(bind: term.normalized)) > 0, TRUE)"
        }
        let tokens = Array(Set(terms.flatMap(\.phrase))).sorted()
        let test: SQLQueryString = "\(SQLList(texts, separator: SQLRaw(" AND "))) AND \(unsafeRaw: table).tokens @> \(bind: arrayLiteral(tokens))::text[]"
        guard let scope else { return test }
        return "\(test) AND \(unsafeRaw: table).tokens && \(bind: arrayLiteral(scope))::text[]"
    }

    /// `texts` as a PostgreSQL array literal (`{"a","b\\"c"}`): every element quoted, backslash and quote escaped.
    static func arrayLiteral(_ texts: [String]) -> String {
        var out = "{"
        for (index, text) in texts.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            for c in text.unicodeScalars {
                if c == "\\" || c == "\"" { out.unicodeScalars.append("\\") }
                out.unicodeScalars.append(c)
            }
            out += "\""
        }
        return out + "}"
    }

    /// Subquery of the `rid` of matching tickets.
    static func matchingTickets(_ terms: [SearchTokenizer.Term], scope: [String]?, dialect: StoreDialect) -> SQLQueryString {
        "SELECT \(unsafeRaw: key(dialect)) FROM \(matches(terms, scope: scope, dialect: dialect))"
    }

    /// The rids (as `rid`) of the newest `limit` matching tickets, newest first, answered by the index alone. Planned
    /// for the terms at hand: a common word walks the documents' key backwards and stops after `limit` matches, a
    /// rare one reads the GIN index (PostgreSQL) or the doclist (SQLite) and sorts its few matches. Within a scope on
    /// PostgreSQL, see `newestInScope`.
    static func newest(_ terms: [SearchTokenizer.Term], scope: [String]?, dialect: StoreDialect, limit: Int,
                       window: Int = scopeWalkWindow) -> SQLQueryString {
        if dialect == .postgres, let scope, !scope.isEmpty {
            return newestInScope(terms, scope: scope, limit: limit, window: window)
        }
        return """
            SELECT \(unsafeRaw: key(dialect)) AS rid FROM \(matches(terms, scope: scope, dialect: dialect))
            ORDER BY \(unsafeRaw: key(dialect)) DESC LIMIT \(bind: limit)
            """
    }

    /// How many of a scope's newest documents a search within it walks before it asks the GIN index for the rest.
    static let scopeWalkWindow = 1_000

    /// #17.7/#18.5, PostgreSQL: the newest `limit` matches within a scope (a unit, a person, or both). The planner, asked
    /// for the newest matches of `tokens && scope`, walked the whole organisation's documents newest first as if the
    /// scope's were spread evenly among them: 58 ms for a unit holding 3 % of 334,000 tickets (风机), 850 ms for one whose
    /// tickets were all older than the rest. Now the search reads the scope's own documents, in parts that together give
    /// its newest matches, newest first:
    /// - the walk: the scope's newest `window` documents (desk-017's `ticket_search_scopes`, each token's newest merged,
    ///   newest first), each tested for the terms and the scope (the document decides who may see it, whatever the
    ///   scope rows say), stopping at `limit` matches — a word common in the scope stops early (1.5–3 ms);
    /// - the next window, only when the walk found at least half of `limit` but not all: the scope's next `window`
    ///   documents, walked the same way until the missing matches are found. A word that common is expected to fill the
    ///   page there, where the index part would read and sort every match the scope holds (叶片, 94 of 101 in the first
    ///   window of a unit with 50,000 documents: 5,402 matches, 16 ms, against 2–3 ms for the next window);
    /// - the index, only when the walks found fewer than `limit` and the scope holds more than `window` documents: the
    ///   scope's newest `limit` matches from the GIN index, as the intersection of the terms' and the scope's entries (a
    ///   rare word). They include every match of the walks, which are the scope's newest, so the parts are merged without
    ///   repeats. The rid is ordered as an expression so that the planner cannot walk instead. The index part takes no
    ///   lower bound on the rid: a bound (the window's oldest rid) cost a second merge of the scope's newest rows, and
    ///   the planner read it off the primary key into a bitmap of most of the table (叶片 at 45,000 tickets: 6.6 ms of
    ///   13.5). Whether the scope holds more than `window` documents is asked of its rows, counted with repeats (a
    ///   document in two scope tokens twice), which at worst runs the index part for a scope the walk covered whole.
    ///
    /// The parts cover the scope's documents from the newest down without a gap (the next window starts below the
    /// first window's oldest document, `edge`), so that whenever the walks find `limit` matches they are the newest.
    /// PostgreSQL runs a part, and `edge`, only when a condition lets it (each CTE is read on demand). `edge` merges the
    /// first window again rather than the walk reading a materialised window: the walk reads its window as a stream and
    /// stops at `limit` matches, and a materialised one was read whole and sorted (风机 2 → 6 ms).
    static func newestInScope(_ terms: [SearchTokenizer.Term], scope: [String], limit: Int, window: Int) -> SQLQueryString {
        let test = documentTest(terms, scope: scope, table: "s")
        func scopeWindow(below edge: SQLQueryString?) -> SQLQueryString {
            let bound: SQLQueryString = edge.map { " AND rid < \($0)" } ?? ""
            let newestOfEach = scope.map { token -> SQLQueryString in
                "(SELECT rid FROM ticket_search_scopes WHERE token = \(bind: token)\(bound) ORDER BY rid DESC LIMIT \(bind: window))"
            }
            return "SELECT DISTINCT rid FROM (\(SQLList(newestOfEach, separator: SQLRaw(" UNION ALL ")))) each_token ORDER BY rid DESC LIMIT \(bind: window)"
        }
        let walked: SQLQueryString = "(SELECT COUNT(*) FROM walk)"
        return """
            WITH walk AS MATERIALIZED (
                SELECT s.rid FROM (\(scopeWindow(below: nil))) w JOIN ticket_search s ON s.rid = w.rid
                WHERE \(test) ORDER BY w.rid DESC LIMIT \(bind: limit)),
            edge AS MATERIALIZED (SELECT MIN(rid) AS rid FROM (\(scopeWindow(below: nil))) w),
            further AS MATERIALIZED (
                SELECT s.rid FROM (\(scopeWindow(below: "(SELECT rid FROM edge)"))) w JOIN ticket_search s ON s.rid = w.rid
                WHERE \(walked) * 2 >= \(bind: limit) AND \(walked) < \(bind: limit)
                AND \(test) ORDER BY w.rid DESC LIMIT \(bind: limit) - \(walked)),
            rest AS MATERIALIZED (
                SELECT s.rid FROM ticket_search s
                WHERE \(walked) + (SELECT COUNT(*) FROM further) < \(bind: limit)
                AND EXISTS (SELECT 1 FROM ticket_search_scopes WHERE token IN (\(binds: scope)) OFFSET \(bind: window))
                AND \(test) ORDER BY s.rid + 0 DESC LIMIT \(bind: limit))
            SELECT rid FROM (SELECT rid FROM walk UNION SELECT rid FROM further UNION SELECT rid FROM rest) parts
            ORDER BY rid DESC LIMIT \(bind: limit)
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
