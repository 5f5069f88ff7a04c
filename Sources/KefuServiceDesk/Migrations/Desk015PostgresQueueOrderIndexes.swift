import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.7 on PostgreSQL: desk-014's queue-order indexes, so that a queue in due order is read arm by arm there too
    /// (`TicketQueries.dueOrderedArms`): a dense unit's team queue walked the whole organisation's due order past other
    /// units' open tickets (87–125 ms a page at a million). The unit paths are held in the "C" collation, so that the
    /// paths under a unit lie together and a prefix is one range whatever the database's collation (the arms walk the
    /// distinct paths in that order). desk-012's pattern indexes stay for every other read of a unit, so that their plans
    /// are unchanged (desk-014's replacement of them, tried on PostgreSQL, made those reads slower). The status and the
    /// assignee are included, so that a count of "unassigned" (walked as far as its cap) is read off the index, not the
    /// rows (a dense unit's: 120 → 19 ms). The owner and assignee indexes get the due order after their columns, as on SQLite.
    public static let desk015PostgresQueueOrderIndexes = Migration(id: "desk-015-postgres-queue-order-indexes", postgres: [
        "CREATE INDEX tickets_open_org_due ON tickets ((org_path COLLATE \"C\"), (due_at IS NULL), due_at, rid) INCLUDE (status, assignee_id) WHERE \(openTickets)",
        "CREATE INDEX tickets_open_team_due ON tickets ((team_path COLLATE \"C\"), (due_at IS NULL), due_at, rid) INCLUDE (status, assignee_id) WHERE \(openTickets)",
        "DROP INDEX tickets_owner",
        "CREATE INDEX tickets_owner ON tickets (owner_id, status, (due_at IS NULL), due_at, rid)",
        "DROP INDEX tickets_assignee",
        "CREATE INDEX tickets_assignee ON tickets (assignee_id, status, (due_at IS NULL), due_at, rid)",
    ])
}
