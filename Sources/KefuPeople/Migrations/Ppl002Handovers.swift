import KefuPlatform

extension PeopleMigrations {
    /// #15.2 (SHF-02..04): two-person shift handovers, one per outgoing roster entry (`entry_id` unique: a second
    /// handover of the same shift is refused), with the facts of the shift as the outgoing person signed them
    /// (`facts`, JSON); announcements (公告) to a unit and below with their read receipts.
    static let ppl002Handovers = Migration(id: "ppl-002-handovers-announcements", common: [
        """
        CREATE TABLE handovers (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            entry_id TEXT NOT NULL UNIQUE,
            shift_day TEXT NOT NULL,
            shift_start BIGINT NOT NULL,
            shift_end BIGINT NOT NULL,
            outgoing_id TEXT NOT NULL,
            status TEXT NOT NULL,
            equipment TEXT NOT NULL,
            issues TEXT NOT NULL,
            staffing TEXT NOT NULL,
            notes TEXT NOT NULL,
            facts TEXT NOT NULL,
            submitted_at BIGINT,
            accepted_by TEXT,
            accepted_at BIGINT,
            returned_by TEXT,
            return_reason TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX handovers_outgoing ON handovers (outgoing_id, shift_day)",
        "CREATE INDEX handovers_scope ON handovers (org_path, status, shift_day)",
        """
        CREATE TABLE announcements (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            publisher_id TEXT NOT NULL,
            published_at BIGINT NOT NULL,
            expires_at BIGINT
        )
        """,
        "CREATE INDEX announcements_scope ON announcements (org_path, published_at)",
        """
        CREATE TABLE announcement_reads (
            announcement_id TEXT NOT NULL REFERENCES announcements (id),
            user_id TEXT NOT NULL,
            read_at BIGINT NOT NULL,
            PRIMARY KEY (announcement_id, user_id)
        )
        """,
    ])
}
