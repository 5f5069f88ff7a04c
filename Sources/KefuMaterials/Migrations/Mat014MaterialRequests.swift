import KefuPlatform

extension MaterialsMigrations {
    /// #13.1 material requests 内部联络单 (REQ-01..09, 4.4): the form, its lines (one kind per form, REQ-02), and every
    /// signature (who, when, the form's version signed, a return's comment). `version` grows with every draft edit;
    /// `planner_due_at` is REQ-04's 24 working hours; `backfill_pending` an urgent release's form still to file (REQ-09).
    static let mat014MaterialRequests = Migration(id: "mat-014-material-requests", common: [
        """
        CREATE TABLE material_requests (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            kind TEXT NOT NULL,
            urgency TEXT NOT NULL,
            reason TEXT NOT NULL,
            state TEXT NOT NULL,
            version INTEGER NOT NULL,
            source TEXT,
            urgent_release INTEGER NOT NULL DEFAULT 0,
            backfill_pending INTEGER NOT NULL DEFAULT 0,
            backfilled_at BIGINT,
            planner_entered_at BIGINT,
            planner_due_at BIGINT,
            hq_filed_at BIGINT,
            order_ref TEXT,
            supplier_id TEXT REFERENCES suppliers (id),
            shipped_at BIGINT,
            shipping_note TEXT,
            arrived_at BIGINT,
            closed_at BIGINT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX material_requests_open ON material_requests (state, org_path, created_at)",
        "CREATE INDEX material_requests_path ON material_requests (org_path, created_at)",
        """
        CREATE TABLE material_request_lines (
            request_id TEXT NOT NULL REFERENCES material_requests (id),
            line_no INTEGER NOT NULL,
            item_id TEXT NOT NULL REFERENCES items (id),
            quantity BIGINT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (request_id, line_no)
        )
        """,
        """
        CREATE TABLE material_request_signatures (
            request_id TEXT NOT NULL REFERENCES material_requests (id),
            seq INTEGER NOT NULL,
            action TEXT NOT NULL,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            version INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            at BIGINT NOT NULL,
            PRIMARY KEY (request_id, seq)
        )
        """,
    ])
}
