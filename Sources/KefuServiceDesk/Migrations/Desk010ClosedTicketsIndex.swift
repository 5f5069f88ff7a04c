import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.6 RET-04: the closed tickets in the order they closed. The retention report counts the closed tickets past
    /// their period, and each batch of `kefu retention archive` takes the oldest 200 of them: without this, every batch
    /// read the whole table (300 ms of a 369 ms batch at 100,000 tickets, bench/retention). Partial: a ticket enters it
    /// when it closes, so creating one costs nothing more. `status` leads, though it is always 'closed' here: SQLite's
    /// planner then prefers it to `tickets_status_due` (status, due_at) for the equality on status, and reads the rows
    /// already in order.
    public static let desk010ClosedTicketsIndex = Migration(id: "desk-010-closed-tickets-index", common: [
        "CREATE INDEX tickets_closed ON tickets (status, closed_at, id) WHERE status = 'closed'",
    ])
}
