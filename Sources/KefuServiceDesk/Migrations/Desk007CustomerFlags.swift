import KefuPlatform

extension ServiceDeskMigrations {
    /// TKT-05 (#16 item 6): flags on customers (劣质客户) — proposed by an agent, confirmed or rejected by a CS supervisor,
    /// cleared later — each kept as history. At most one open (proposed or confirmed) flag per customer.
    public static let desk007CustomerFlags = Migration(id: "desk-007-customer-flags", common: [
        """
        CREATE TABLE customer_flags (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT NOT NULL,
            org_path TEXT NOT NULL,
            proposed_by TEXT NOT NULL,
            proposed_at BIGINT NOT NULL,
            decided_by TEXT,
            decided_at BIGINT,
            decision_note TEXT,
            cleared_by TEXT,
            cleared_at BIGINT,
            clear_note TEXT
        )
        """,
        "CREATE INDEX customer_flags_customer ON customer_flags (customer_id, proposed_at)",
        "CREATE INDEX customer_flags_status ON customer_flags (status, proposed_at)",
        "CREATE UNIQUE INDEX customer_flags_one_open ON customer_flags (customer_id) WHERE status IN ('proposed', 'confirmed')",
    ])
}
