import KefuPlatform

extension ServiceDeskMigrations {
    /// #18.5 on PostgreSQL, two table settings for the search within a scope (`TicketSearchIndex.newestInScope`):
    /// - No parallel plans on `ticket_search`. Once a unit held tens of thousands of documents, the planner gave the
    ///   scoped search's index part a parallel plan, and PostgreSQL started its two workers even when that part's
    ///   condition kept it from running: about 10 ms added to a common word's search of 2–4 ms (9 of 24 searches of the
    ///   benchmark's words). A search reads a page of matches; under load its workers only take CPU from other requests.
    /// - The scope rows are vacuumed after every 2,000 new rows instead of after a fifth of the table, so that their
    ///   newest pages are marked all-visible and the walk reads the scope's newest rows off the index alone (0.29 against
    ///   0.69 ms for one token's 867 rows). The rows are only inserted (a reindex replaces a document's few), so such a
    ///   vacuum reads only the new pages and skips the index (178 pages, 0.01 s). Not for `ticket_search`, whose vacuum
    ///   reads its whole GIN index (136 MB at 200,000 documents).
    public static let desk018SearchTableSettings = Migration(id: "desk-018-search-table-settings", postgres: [
        "ALTER TABLE ticket_search SET (parallel_workers = 0)",
        "ALTER TABLE ticket_search_scopes SET (autovacuum_vacuum_insert_threshold = 2000, autovacuum_vacuum_insert_scale_factor = 0)",
    ])
}
