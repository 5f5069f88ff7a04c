import KefuPlatform

extension MaterialsMigrations {
    /// #13.2 ARR-01..07: arrival checks (the counted lines against the papers, the 5-working-day clock, the provisional
    /// receipt's confirmation, the receipt drafted on completion) and TRF-10: a transfer's shipping papers. The material
    /// request an arrival answers is another feature's record, kept as text without a foreign key. Photos of damage are
    /// attachments of kind `arrival`.
    static let mat015Arrivals = Migration(id: "mat-015-arrivals", common: [
        """
        CREATE TABLE arrivals (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            org_path TEXT NOT NULL,
            source_kind TEXT NOT NULL,
            material_request_id TEXT,
            transfer_id TEXT REFERENCES transfers (id),
            supplier_id TEXT REFERENCES suppliers (id),
            arrived_at BIGINT NOT NULL,
            check_due_at BIGINT NOT NULL,
            delivery_note_ref TEXT NOT NULL,
            packing_list_ref TEXT NOT NULL,
            provisional INTEGER NOT NULL,
            confirmed_by TEXT,
            confirmed_at BIGINT,
            confirmation_note TEXT,
            has_discrepancy INTEGER NOT NULL,
            status TEXT NOT NULL,
            receipt_document_id TEXT REFERENCES stock_documents (id),
            completed_by TEXT,
            completed_at BIGINT,
            late_reported_at BIGINT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX arrivals_scope ON arrivals (org_path, status, check_due_at)",
        "CREATE INDEX arrivals_warehouse ON arrivals (warehouse_id, arrived_at)",
        "CREATE INDEX arrivals_receipt ON arrivals (receipt_document_id)",
        "CREATE INDEX arrivals_due ON arrivals (status, check_due_at)",
        """
        CREATE TABLE arrival_lines (
            arrival_id TEXT NOT NULL REFERENCES arrivals (id),
            line_no INTEGER NOT NULL,
            item_id TEXT NOT NULL REFERENCES items (id),
            expected_quantity BIGINT NOT NULL,
            counted_quantity BIGINT NOT NULL,
            damaged INTEGER NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (arrival_id, line_no)
        )
        """,
        """
        CREATE TABLE transfer_shipping_papers (
            transfer_id TEXT PRIMARY KEY REFERENCES transfers (id),
            shipping_list_ref TEXT NOT NULL,
            delivery_note_ref TEXT NOT NULL,
            packing_list_ref TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
    ])
}
