import KefuPlatform

extension MaterialsMigrations {
    /// #13.3 DMG-06/07, ESC-05: class II commercial-repair applications (and warranty repairs by the maker) of a business
    /// department, with the damaged parts each carries and the result per part. Money is BIGINT fen; days are
    /// `YYYY-MM-DD`; `escalated_to_hq_at` records the one escalation of a late repair (ESC-05).
    static let mat016CommercialRepairs = Migration(id: "mat-016-commercial-repairs", common: [
        """
        CREATE TABLE commercial_repairs (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            repairer TEXT,
            warranty_until TEXT,
            sent_on TEXT,
            expected_on TEXT,
            due_on TEXT,
            cost_fen BIGINT,
            returned_on TEXT,
            review_comment TEXT,
            submitted_by TEXT,
            submitted_at BIGINT,
            approved_by TEXT,
            approved_at BIGINT,
            sent_by TEXT,
            recorded_by TEXT,
            closed_by TEXT,
            closed_at BIGINT,
            escalated_to_hq_at BIGINT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX commercial_repairs_list ON commercial_repairs (org_path, created_at)",
        "CREATE INDEX commercial_repairs_due ON commercial_repairs (status, due_on)",
        """
        CREATE TABLE commercial_repair_parts (
            repair_id TEXT NOT NULL REFERENCES commercial_repairs (id),
            part_id TEXT NOT NULL REFERENCES damaged_parts (id),
            result TEXT,
            result_note TEXT,
            PRIMARY KEY (repair_id, part_id)
        )
        """,
        "CREATE INDEX commercial_repair_parts_part ON commercial_repair_parts (part_id)",
    ])
}
