import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.7: the open tickets of each unit, for the queue pages and tabs of a unit's staff on SQLite
    /// (`TicketQueries.openScope`). The unit-path indexes of desk-001 hold every ticket a unit ever had, so a queue read
    /// through them tested the unit's whole closed history row by row (485 ms for a department with 7,000 open and
    /// 42,000 closed tickets at a million). Partial: a ticket leaves them when it is resolved. SQLite uses a partial
    /// index only for a query that repeats its condition word for word: `openTickets` is that condition, and the
    /// queries take it from here. `status` is in them so that SQLite tests that condition in the index, never
    /// reading the table.
    public static let desk011OpenTicketIndexes = Migration(id: "desk-011-open-ticket-indexes", sqlite: [
        "CREATE INDEX tickets_open_org ON tickets (org_path, status) WHERE \(openTickets)",
        "CREATE INDEX tickets_open_team ON tickets (team_path, status) WHERE \(openTickets)",
    ])

    /// The partial indexes' condition (TKT-01: resolved and closed are the statuses that are no longer open).
    static let openTickets = "status NOT IN ('resolved', 'closed')"
}
