import KefuPlatform

extension MaterialsMigrations {
    /// #13.5: tool loans (LND-01, LND-02, LND-04): the loan form of a site's tool lent to a work group, numbered
    /// JY-<year>-<n>; its return (whole loan, once) signed off by the site lead, with the tool's condition and, when
    /// damaged, that it went to repair. Quantities are thousandths; dates `YYYY-MM-DD`; times UTC millis.
    static let mat012ToolLoans = Migration(id: "mat-012-tool-loans", common: [
        """
        CREATE TABLE tool_loans (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            org_path TEXT NOT NULL,
            item_id TEXT NOT NULL REFERENCES items (id),
            quantity BIGINT NOT NULL,
            borrower TEXT NOT NULL,
            work_group TEXT NOT NULL,
            purpose TEXT NOT NULL,
            lent_on TEXT NOT NULL,
            due_on TEXT NOT NULL,
            status TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            returned_on TEXT,
            returned_quantity BIGINT,
            return_condition TEXT,
            return_note TEXT,
            sent_to_repair INTEGER NOT NULL DEFAULT 0,
            signed_off_by TEXT,
            signed_off_at BIGINT
        )
        """,
        "CREATE INDEX tool_loans_status_due ON tool_loans (status, due_on)",
        "CREATE INDEX tool_loans_path_lent ON tool_loans (org_path, lent_on)",
        "CREATE INDEX tool_loans_open_item ON tool_loans (warehouse_id, item_id, status)",
    ])
}
