import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.7 on SQLite: a queue page in due order read off indexes in that order (`TicketQueries.dueOrderedArms`), one arm for each
    /// unit path (or the viewer as owner or assignee and an open status): each index holds, after its equality columns,
    /// the due order of `tickets_due_order` (the clock-less last, then the due time, then rid). A dense unit's queue
    /// (60,000 open tickets at a million) read and sorted them all for one page: 130–315 ms. The open-ticket indexes
    /// also hold the status and the assignee, so that a queue of some open statuses and "unassigned" are tested in the
    /// index. These replace desk-011's open-ticket indexes and desk-001's owner and assignee indexes under the same
    /// names, with their columns as the leading ones, so every read that used them still can. Not on PostgreSQL: the
    /// same indexes and reads there made a unit's other pages slower (bench/README, #17.7).
    public static let desk014QueueOrderIndexes = Migration(id: "desk-014-queue-order-indexes", sqlite: [
        "DROP INDEX tickets_open_org",
        "CREATE INDEX tickets_open_org ON tickets (org_path, (due_at IS NULL), due_at, rid, status, assignee_id) WHERE \(openTickets)",
        "DROP INDEX tickets_open_team",
        "CREATE INDEX tickets_open_team ON tickets (team_path, (due_at IS NULL), due_at, rid, status, assignee_id) WHERE \(openTickets)",
        "DROP INDEX tickets_owner",
        "CREATE INDEX tickets_owner ON tickets (owner_id, status, (due_at IS NULL), due_at, rid)",
        "DROP INDEX tickets_assignee",
        "CREATE INDEX tickets_assignee ON tickets (assignee_id, status, (due_at IS NULL), due_at, rid)",
    ])
}
