import KefuPlatform

extension PeopleMigrations {
    /// One open leave request per shift (SHF): the service checked before inserting, but two requests at once on
    /// PostgreSQL both passed the check.
    static let ppl009OneOpenLeavePerShift = Migration(id: "ppl-009-one-open-leave-per-shift", common: [
        "CREATE UNIQUE INDEX leave_requests_open_entry ON leave_requests (entry_id) WHERE status IN ('requested', 'approved')",
    ])
}
