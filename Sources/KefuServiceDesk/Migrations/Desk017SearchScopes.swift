import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.7/#18.5 on PostgreSQL: who may see each search document, one row per visibility token (the scope tokens of
    /// `TicketSearchIndex.Visibility`) in the order of its ticket's rid, so that a search within a unit or for one
    /// person walks that scope's newest documents (`TicketSearchIndex.newestInScope`). A unit's search of a common word
    /// walked the whole organisation's newest documents until it met enough of its own: 58 ms for a unit holding 3 % of
    /// 334,000 tickets and 850 ms for one whose tickets were older than the rest. The documents keep their scope tokens
    /// too: the GIN index intersects a rare word with a scope. The rows follow the documents by trigger, whoever writes
    /// them (a node still running the release before this one during a rolling restart, the archive, an import's
    /// rebuild), and are filled here from the documents. SQLite's full-text index already intersects a scope's doclist
    /// with a word's in rowid order.
    public static let desk017SearchScopes = Migration(id: "desk-017-search-scopes", postgres: [
        "CREATE TABLE ticket_search_scopes (token TEXT NOT NULL, rid BIGINT NOT NULL, PRIMARY KEY (token, rid))",
        """
        CREATE FUNCTION ticket_search_scopes_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                DELETE FROM ticket_search_scopes WHERE (token, rid) IN (
                    SELECT t, OLD.rid FROM unnest(OLD.tokens) AS t WHERE left(t, 1) = '\(TicketSearchIndex.scopeMark)');
            END IF;
            IF TG_OP <> 'DELETE' THEN
                INSERT INTO ticket_search_scopes (token, rid)
                SELECT DISTINCT t, NEW.rid FROM unnest(NEW.tokens) AS t WHERE left(t, 1) = '\(TicketSearchIndex.scopeMark)';
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER ticket_search_scopes_follow AFTER INSERT OR DELETE OR UPDATE OF tokens ON ticket_search
        FOR EACH ROW EXECUTE FUNCTION ticket_search_scopes_follow()
        """,
        """
        INSERT INTO ticket_search_scopes (token, rid)
        SELECT DISTINCT t.token, d.rid FROM ticket_search d, unnest(d.tokens) AS t (token) WHERE left(t.token, 1) = '\(TicketSearchIndex.scopeMark)'
        """,
    ])
}
