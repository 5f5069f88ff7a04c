import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.7/#18.5 on PostgreSQL: who may see each search document, one row per visibility token (the scope tokens of
    /// `TicketSearchIndex.Visibility`) in the order of its ticket's rid, so that a search within a unit or for one
    /// person walks that scope's newest documents (`TicketSearchIndex.newestInScope`). A unit's search of a common word
    /// walked the whole organisation's newest documents until it met enough of its own: 58 ms for a unit holding 3 % of
    /// 334,000 tickets and 850 ms for one whose tickets were older than the rest. The documents keep their scope tokens
    /// too: the GIN index intersects a rare word with a scope. Filled from the documents themselves, so it holds exactly
    /// what they say. SQLite's full-text index already walks a scope's documents in rowid order (FTS5 doclists).
    public static let desk017SearchScopes = Migration(id: "desk-017-search-scopes", postgres: [
        "CREATE TABLE ticket_search_scopes (token TEXT NOT NULL, rid BIGINT NOT NULL, PRIMARY KEY (token, rid))",
        """
        INSERT INTO ticket_search_scopes (token, rid)
        SELECT DISTINCT t.token, d.rid FROM ticket_search d, unnest(d.tokens) AS t (token) WHERE left(t.token, 1) = '\(TicketSearchIndex.scopeMark)'
        """,
    ])
}
