import KefuPlatform

extension MaterialsMigrations {
    /// #12.3: the site's daily ledger (LED-01..07): one day per warehouse and date, its lines, the documents its posting
    /// drafted (LED-05, linked both ways), and the filing of the signed print (LED-06).
    static let mat005SiteLedger = Migration(id: "mat-005-site-ledger", common: [
        """
        CREATE TABLE site_ledger_days (
            id TEXT PRIMARY KEY,
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            org_path TEXT NOT NULL,
            ledger_date TEXT NOT NULL,
            status TEXT NOT NULL,
            late INTEGER NOT NULL DEFAULT 0,
            late_reason TEXT,
            return_comment TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            submitted_by TEXT,
            submitted_at BIGINT,
            posted_by TEXT,
            posted_at BIGINT,
            filed_by TEXT,
            filed_at BIGINT,
            UNIQUE (warehouse_id, ledger_date)
        )
        """,
        "CREATE INDEX site_ledger_days_date ON site_ledger_days (ledger_date, warehouse_id)",
        """
        CREATE TABLE site_ledger_lines (
            ledger_id TEXT NOT NULL REFERENCES site_ledger_days (id),
            line_no INTEGER NOT NULL,
            kind TEXT NOT NULL,
            item_id TEXT NOT NULL REFERENCES items (id),
            quantity_in BIGINT NOT NULL,
            quantity_out BIGINT NOT NULL,
            remark TEXT NOT NULL,
            reference TEXT NOT NULL,
            supplier_id TEXT,
            PRIMARY KEY (ledger_id, line_no)
        )
        """,
        """
        CREATE TABLE site_ledger_documents (
            ledger_id TEXT NOT NULL REFERENCES site_ledger_days (id),
            document_id TEXT NOT NULL,
            PRIMARY KEY (ledger_id, document_id)
        )
        """,
        "CREATE INDEX site_ledger_documents_document ON site_ledger_documents (document_id)",
    ])
}
