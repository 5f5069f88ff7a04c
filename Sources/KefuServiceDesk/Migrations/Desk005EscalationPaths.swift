import KefuPlatform

extension ServiceDeskMigrations {
    /// #15.6 (ESC-02, ESC-04): each unit's escalation path (its levels as JSON, see `EscalationPathCodec`), and each
    /// breached ticket's progress along the path it follows (the next level, when it falls due), which the breach
    /// scanner takes by `next_at` like the tickets by `sla_next_at`.
    public static let desk005EscalationPaths = Migration(id: "desk-005-escalation-paths", common: [
        """
        CREATE TABLE escalation_paths (
            org_unit_id TEXT PRIMARY KEY,
            levels TEXT NOT NULL,
            updated_by TEXT,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE ticket_escalation_progress (
            ticket_id TEXT PRIMARY KEY,
            clock TEXT NOT NULL,
            breach_due_at BIGINT NOT NULL,
            path_unit_id TEXT NOT NULL,
            levels TEXT NOT NULL,
            next_level INTEGER NOT NULL,
            next_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX ticket_escalation_progress_next ON ticket_escalation_progress (next_at)",
    ])
}
