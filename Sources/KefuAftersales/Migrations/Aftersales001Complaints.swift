import KefuPlatform

extension AftersalesMigrations {
    static let aftersales001Complaints = Migration(id: "aftersales-001-complaints", common: [
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
    ])
}
