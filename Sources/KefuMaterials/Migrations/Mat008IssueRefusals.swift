import KefuPlatform

extension MaterialsMigrations {
    /// #12.4, ISS-05: refusals at the counter, logged with the reason and reported to the site chief.
    static let mat008IssueRefusals = Migration(id: "mat-008-issue-refusals", common: [
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
    ])
}
