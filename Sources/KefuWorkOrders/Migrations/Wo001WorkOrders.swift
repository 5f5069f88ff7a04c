import KefuPlatform

extension WorkOrderMigrations {
    /// #14.1, WO-01..11, 4.8: one row per work order (工作任务单) with each step's time and actor, and the requester's
    /// signature captured on the device (WO-07, WO-08): the PNG (base64), who signed in what relation, when, and the
    /// SHA-256 of the order's content it was given over. Kept 2 years after completion (RET-02): there is no delete.
    static let wo001WorkOrders = Migration(id: "wo-001-work-orders", common: [
        """
        CREATE TABLE work_orders (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            ticket_id TEXT,
            ticket_number TEXT,
            kind TEXT NOT NULL,
            location TEXT NOT NULL,
            description TEXT NOT NULL,
            requester_name TEXT NOT NULL,
            requester_phone TEXT NOT NULL,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            issued_at BIGINT NOT NULL,
            appointment_at TEXT,
            appointment_note TEXT,
            technician_id TEXT,
            accepted_at BIGINT,
            arrive_due_at BIGINT,
            departed_at BIGINT,
            arrived_at BIGINT,
            started_at BIGINT,
            finished_at BIGINT,
            work_notes TEXT NOT NULL,
            materials_used TEXT NOT NULL,
            completed_at BIGINT,
            completed_on TEXT,
            return_visit_at BIGINT,
            return_visit_by TEXT,
            return_visit_note TEXT,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX work_orders_scope ON work_orders (org_path, issued_at)",
        "CREATE INDEX work_orders_technician ON work_orders (technician_id, status)",
        "CREATE INDEX work_orders_status ON work_orders (status, issued_at)",
        """
        CREATE TABLE work_order_signatures (
            order_id TEXT PRIMARY KEY REFERENCES work_orders (id),
            signer_name TEXT NOT NULL,
            signer_relation TEXT NOT NULL,
            image_base64 TEXT NOT NULL,
            image_bytes BIGINT NOT NULL,
            image_sha256 TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            collected_by TEXT NOT NULL,
            signed_at BIGINT NOT NULL
        )
        """,
    ])
}
