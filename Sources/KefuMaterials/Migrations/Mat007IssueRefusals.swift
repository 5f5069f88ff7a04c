import KefuPlatform

extension MaterialsMigrations {
    /// #12.4, ISS-05: refusals at the counter, logged with the reason and reported to the site chief; #12.2 (STK-08,
    /// RPT-07): the 15th-of-month reconciliations kept with their computed and recorded quantities.
    static let mat007IssueRefusals = Migration(id: "mat-007-issue-refusals", common: [
        """
        CREATE TABLE issue_refusals (
            id TEXT PRIMARY KEY,
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            org_path TEXT NOT NULL,
            item_id TEXT REFERENCES items (id),
            quantity BIGINT,
            requested_by TEXT NOT NULL,
            purpose TEXT NOT NULL,
            reason TEXT NOT NULL,
            refused_by TEXT NOT NULL,
            refused_at BIGINT NOT NULL,
            reported_to INTEGER NOT NULL
        )
        """,
        "CREATE INDEX issue_refusals_warehouse ON issue_refusals (warehouse_id, refused_at)",
        """
        CREATE TABLE reconciliations (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            month TEXT NOT NULL,
            as_of TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            UNIQUE (org_unit_id, month)
        )
        """,
        """
        CREATE TABLE reconciliation_lines (
            reconciliation_id TEXT NOT NULL REFERENCES reconciliations (id),
            item_id TEXT NOT NULL REFERENCES items (id),
            books BIGINT NOT NULL,
            report BIGINT NOT NULL,
            site_ledger BIGINT NOT NULL,
            physical BIGINT,
            PRIMARY KEY (reconciliation_id, item_id)
        )
        """,
    ])
}
