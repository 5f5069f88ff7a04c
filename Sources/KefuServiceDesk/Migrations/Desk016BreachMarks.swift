import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.7: breached tickets counted off indexes. A ticket is breached when a breach is on record or a running clock is
    /// past due (SLA-02). Counted over a unit's tickets row by row, closed ones included, a unit's "breached" list took
    /// 180–230 ms on PostgreSQL and 130 ms on SQLite for a unit of 50,000 tickets at a million; and "on record" was a
    /// lookup in every breach ever recorded, on every queue page (its "breached" tab). Now each ticket carries the time of
    /// its first recorded breach (`breached_at`, kept by `SlaScanner` with the record), and the tickets that can be
    /// breached without being open past due — a breach on record, or resolved or closed with a clock still running — lie
    /// in small partial indexes by unit path, owner and assignee (`breachFlagged`) that hold what the test needs; the
    /// open ones past due are read off the queue-order indexes (desk-014, desk-015). See `TicketQueries.breachedScopeReads`.
    public static let desk016BreachMarks = Migration(id: "desk-016-breach-marks", common: [
        "ALTER TABLE tickets ADD COLUMN breached_at BIGINT",
        """
        UPDATE tickets SET breached_at = (SELECT MIN(b.recorded_at) FROM ticket_breaches b WHERE b.ticket_id = tickets.id)
        WHERE id IN (SELECT ticket_id FROM ticket_breaches)
        """,
    ], sqlite: [
        "CREATE INDEX tickets_breached_org ON tickets (org_path, rid, status, breached_at, due_at) WHERE \(breachFlagged)",
        "CREATE INDEX tickets_breached_team ON tickets (team_path, rid, status, breached_at, due_at) WHERE \(breachFlagged)",
        "CREATE INDEX tickets_breached_owner ON tickets (owner_id, rid, status, breached_at, due_at) WHERE \(breachFlagged)",
        "CREATE INDEX tickets_breached_assignee ON tickets (assignee_id, rid, status, breached_at, due_at) WHERE \(breachFlagged)",
    ], postgres: [
        // The paths in the "C" collation, as desk-015's, so that the paths under a unit are one range in any database collation.
        "CREATE INDEX tickets_breached_org ON tickets ((org_path COLLATE \"C\"), rid) INCLUDE (status, breached_at, due_at) WHERE \(breachFlagged)",
        "CREATE INDEX tickets_breached_team ON tickets ((team_path COLLATE \"C\"), rid) INCLUDE (status, breached_at, due_at) WHERE \(breachFlagged)",
        "CREATE INDEX tickets_breached_owner ON tickets (owner_id, rid) INCLUDE (status, breached_at, due_at) WHERE \(breachFlagged)",
        "CREATE INDEX tickets_breached_assignee ON tickets (assignee_id, rid) INCLUDE (status, breached_at, due_at) WHERE \(breachFlagged)",
    ])

    /// The partial indexes' condition: a breach on record, or not open with a clock still running (a resolved ticket
    /// whose first response never came). Queries repeat it word for word, so that SQLite takes the indexes.
    static let breachFlagged = "(breached_at IS NOT NULL OR (status IN ('resolved', 'closed') AND due_at IS NOT NULL))"
}
