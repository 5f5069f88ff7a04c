import KefuPlatform

extension ServiceDeskMigrations {
    /// Migrations added after the first release, in order; `all` stays as shipped (a shipped migration is never edited).
    public static let later: [Migration] = [searchScopeTokens]

    /// #10.13: the search index's visibility tokens got a prefix no text can produce; every document is written anew
    /// at start (`TicketSearchRebuild`), which this request row asks for.
    static let searchScopeTokens = Migration(id: "desk-003-search-scope-tokens", common: [
        "CREATE TABLE search_rebuilds (name TEXT PRIMARY KEY, requested_at BIGINT NOT NULL)",
        "INSERT INTO search_rebuilds (name, requested_at) VALUES ('tickets', 0)",
    ])
}
