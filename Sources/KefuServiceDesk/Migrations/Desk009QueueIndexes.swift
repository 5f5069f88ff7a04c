import KefuPlatform

extension ServiceDeskMigrations {
    /// #17.7: the queue pages at a million tickets. The due-first order reads its page off an index instead of sorting
    /// every visible ticket (9.6 s for the administrator's team queue), and the queue's change stamp reads the latest
    /// changes off `updated_at` instead of taking the maximum over every open ticket.
    public static let desk009QueueIndexes = Migration(id: "desk-009-queue-indexes", common: [
        "CREATE INDEX tickets_due_order ON tickets ((due_at IS NULL), due_at, rid)",
        "CREATE INDEX tickets_updated ON tickets (updated_at)",
    ])
}
