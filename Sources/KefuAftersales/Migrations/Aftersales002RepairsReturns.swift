import KefuPlatform

extension AftersalesMigrations {
    static let aftersales002RepairsReturns = Migration(id: "aftersales-002-repairs-returns", common: [
        """
        CREATE TABLE repair_orders (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            ticket_id TEXT REFERENCES tickets (id),
            customer_id TEXT,
            customer_name TEXT NOT NULL,
            customer_phone TEXT,
            model TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            shipped_at TEXT,
            status TEXT NOT NULL,
            main_component_damaged INTEGER,
            in_warranty INTEGER,
            diagnosis_note TEXT,
            fee_fen BIGINT,
            feedback_number TEXT,
            decision_approved INTEGER,
            decision_signed_by TEXT,
            decision_at BIGINT,
            charge_slip_number TEXT,
            qc_passed_at BIGINT,
            ship_method TEXT,
            tracking_number TEXT,
            dispatch_number TEXT,
            dispatched_at BIGINT,
            closed_at BIGINT,
            org_unit_id TEXT NOT NULL REFERENCES org_units (id),
            org_path TEXT NOT NULL,
            received_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX repair_orders_status ON repair_orders (status, received_at)",
        "CREATE INDEX repair_orders_dispatched ON repair_orders (dispatched_at)",
        """
        CREATE TABLE repair_units (
            id TEXT PRIMARY KEY,
            repair_order_id TEXT NOT NULL REFERENCES repair_orders (id),
            line_no INTEGER NOT NULL,
            serial_number TEXT,
            defect TEXT NOT NULL,
            UNIQUE (repair_order_id, line_no)
        )
        """,
        """
        CREATE TABLE repair_qc (
            id TEXT PRIMARY KEY,
            repair_order_id TEXT NOT NULL REFERENCES repair_orders (id),
            passed INTEGER NOT NULL,
            note TEXT,
            inspector_id TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX repair_qc_order ON repair_qc (repair_order_id, at)",
        """
        CREATE TABLE returns (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            ticket_id TEXT REFERENCES tickets (id),
            customer_name TEXT,
            model TEXT NOT NULL,
            serial_number TEXT,
            purchase_date TEXT,
            shipped_at TEXT NOT NULL,
            requested_on TEXT NOT NULL,
            reason TEXT NOT NULL,
            quality_issue INTEGER NOT NULL,
            status TEXT NOT NULL,
            inspection_report TEXT,
            responsibility TEXT,
            eligible INTEGER,
            override_reason TEXT,
            override_by TEXT,
            slip_number TEXT,
            salesperson_id TEXT,
            salesperson_ship_date TEXT,
            salesperson_note TEXT,
            signed_by TEXT,
            signed_at BIGINT,
            booked_by TEXT,
            booked_at BIGINT,
            replacement_shipped_at BIGINT,
            replacement_tracking TEXT,
            goods_received_at BIGINT,
            closed_at BIGINT,
            org_unit_id TEXT NOT NULL REFERENCES org_units (id),
            org_path TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX returns_status ON returns (status, created_at)",
    ])
}
