import KefuPlatform

/// Rows of the after-sales procedure (篇8). RET-01/04: nothing here is ever deleted; there is no DELETE route.
public enum AftersalesMigrations {
    public static let all: [Migration] = [
        Migration(id: "aftersales-001-complaints", common: [
            """
            CREATE TABLE complaints (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                ticket_id TEXT UNIQUE REFERENCES tickets (id),
                survey_response_id TEXT,
                subject TEXT NOT NULL,
                customer_name TEXT,
                status TEXT NOT NULL,
                responsibility TEXT,
                handling TEXT,
                root_cause TEXT,
                responsible_org_unit_id TEXT REFERENCES org_units (id),
                internal_fault INTEGER,
                samples_quantity INTEGER,
                samples_inspected INTEGER,
                samples_failed INTEGER,
                plan_round INTEGER NOT NULL DEFAULT 1,
                qa_verified INTEGER NOT NULL DEFAULT 0,
                cs_verified INTEGER NOT NULL DEFAULT 0,
                customer_accepted INTEGER,
                customer_comment TEXT,
                close_note TEXT,
                about_user_id TEXT REFERENCES users (id),
                supervisor_reviewed_by TEXT,
                supervisor_reviewed_at BIGINT,
                supervisor_note TEXT,
                return_visit_at BIGINT,
                return_visit_note TEXT,
                org_unit_id TEXT NOT NULL REFERENCES org_units (id),
                org_path TEXT NOT NULL,
                registered_at BIGINT NOT NULL,
                closed_at BIGINT,
                created_by TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX complaints_status ON complaints (status, registered_at)",
            "CREATE INDEX complaints_registered ON complaints (registered_at)",
            """
            CREATE TABLE complaint_actions (
                id TEXT PRIMARY KEY,
                complaint_id TEXT NOT NULL REFERENCES complaints (id),
                round INTEGER NOT NULL,
                corrective TEXT NOT NULL,
                preventive TEXT NOT NULL,
                due_date TEXT NOT NULL,
                org_unit_id TEXT NOT NULL REFERENCES org_units (id),
                recorded_by TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                approved_by TEXT,
                approved_at BIGINT
            )
            """,
            "CREATE INDEX complaint_actions_complaint ON complaint_actions (complaint_id, round)",
            "CREATE INDEX complaint_actions_due ON complaint_actions (due_date)",
            """
            CREATE TABLE complaint_meetings (
                id TEXT PRIMARY KEY,
                complaint_id TEXT NOT NULL REFERENCES complaints (id),
                minutes TEXT NOT NULL,
                participants TEXT NOT NULL,
                major INTEGER NOT NULL,
                convened_by TEXT NOT NULL,
                held_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX complaint_meetings_complaint ON complaint_meetings (complaint_id)",
        ]),
        Migration(id: "aftersales-002-repairs-returns", common: [
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
        ]),
        Migration(id: "aftersales-003-surveys", common: [
            """
            CREATE TABLE survey_campaigns (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                quarter TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE survey_invitations (
                id TEXT PRIMARY KEY,
                token_hash TEXT NOT NULL UNIQUE,
                occasion TEXT NOT NULL,
                ticket_id TEXT REFERENCES tickets (id),
                repair_order_id TEXT REFERENCES repair_orders (id),
                campaign_id TEXT REFERENCES survey_campaigns (id),
                customer_id TEXT,
                customer_name TEXT,
                org_unit_id TEXT NOT NULL REFERENCES org_units (id),
                org_path TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                submitted_at BIGINT,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX survey_invitations_created ON survey_invitations (created_at)",
            """
            CREATE TABLE survey_responses (
                id TEXT PRIMARY KEY,
                invitation_id TEXT NOT NULL UNIQUE REFERENCES survey_invitations (id),
                overall INTEGER NOT NULL,
                comment TEXT,
                org_unit_id TEXT NOT NULL,
                org_path TEXT NOT NULL,
                complaint_id TEXT,
                submitted_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX survey_responses_submitted ON survey_responses (submitted_at)",
            """
            CREATE TABLE survey_answers (
                id TEXT PRIMARY KEY,
                response_id TEXT NOT NULL REFERENCES survey_responses (id),
                item TEXT NOT NULL,
                level INTEGER NOT NULL,
                comment TEXT
            )
            """,
            "CREATE INDEX survey_answers_response ON survey_answers (response_id)",
            "CREATE TABLE aftersales_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_by TEXT, updated_at BIGINT NOT NULL)",
        ]),
    ]
}
