import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.4 on SQLite: FTS5 no longer merges the search index's segments inside a commit; the server merges them in
    /// small steps between requests (`TicketSearchMerge`). The setting is kept in the index's own config table.
    public static let desk019SearchMergeOffCommit = Migration(id: "desk-019-search-merge-off-commit", sqlite: [
        "INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 0)",
    ])
}
