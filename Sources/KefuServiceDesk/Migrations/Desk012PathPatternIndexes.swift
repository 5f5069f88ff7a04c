import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.7 on PostgreSQL: a unit's tickets are found by `org_path LIKE '/root/unit/%'` (`StoreDialect.startsWith`), and
    /// PostgreSQL turns a LIKE prefix into an index range only on an index in the C collation or with `text_pattern_ops`.
    /// A database created in C.UTF-8 or a language's collation (the usual) therefore never read desk-001's unit-path
    /// indexes: a unit's queue tested the whole organisation's open tickets (190–650 ms at a million, bench/README).
    /// These take their place: the unit paths with `text_pattern_ops`, and the same for open tickets only, partial as
    /// desk-011 is on SQLite — the queues ask for open tickets in that very form (`TicketQueries.openStatus`), so the
    /// planner reads a unit's queue off them and never its closed history.
    public static let desk012PathPatternIndexes = Migration(id: "desk-012-path-pattern-indexes", postgres: [
        "DROP INDEX IF EXISTS tickets_org_path",
        "DROP INDEX IF EXISTS tickets_team_path",
        "CREATE INDEX tickets_org_path_pattern ON tickets (org_path text_pattern_ops)",
        "CREATE INDEX tickets_team_path_pattern ON tickets (team_path text_pattern_ops)",
        "CREATE INDEX tickets_open_org ON tickets (org_path text_pattern_ops) WHERE \(openTickets)",
        "CREATE INDEX tickets_open_team ON tickets (team_path text_pattern_ops) WHERE \(openTickets)",
    ])
}
