import KefuPlatform

extension PeopleMigrations {
    /// #15.4 (TRN-01..03): a unit's training sessions with their attendance sheet, the supervisor's training plans with
    /// their lines (TRN-02), and each person's qualifications: Mandarin level, dialects, typing speed, certificates.
    /// Users and units are the organisation's records, kept as ids without foreign keys to another feature's tables.
    static let ppl003Training = Migration(id: "ppl-003-training", common: [
        """
        CREATE TABLE training_sessions (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            topic TEXT NOT NULL,
            trainer TEXT NOT NULL,
            day TEXT NOT NULL,
            month TEXT NOT NULL,
            start_minute INTEGER NOT NULL,
            end_minute INTEGER NOT NULL,
            place TEXT NOT NULL,
            content TEXT NOT NULL,
            plan_id TEXT,
            present_count INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX training_sessions_scope ON training_sessions (org_path, day)",
        "CREATE INDEX training_sessions_month ON training_sessions (org_unit_id, month)",
        """
        CREATE TABLE training_attendance (
            session_id TEXT NOT NULL REFERENCES training_sessions (id),
            user_id TEXT NOT NULL,
            status TEXT NOT NULL,
            score INTEGER,
            PRIMARY KEY (session_id, user_id)
        )
        """,
        "CREATE INDEX training_attendance_user ON training_attendance (user_id)",
        """
        CREATE TABLE training_plans (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            title TEXT NOT NULL,
            status TEXT NOT NULL,
            author_id TEXT NOT NULL,
            submitted_at BIGINT,
            decided_by TEXT,
            decided_at BIGINT,
            decision_note TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX training_plans_scope ON training_plans (org_path, status)",
        """
        CREATE TABLE training_plan_lines (
            plan_id TEXT NOT NULL REFERENCES training_plans (id),
            line INTEGER NOT NULL,
            month TEXT NOT NULL,
            topic TEXT NOT NULL,
            PRIMARY KEY (plan_id, line)
        )
        """,
        """
        CREATE TABLE staff_qualifications (
            user_id TEXT PRIMARY KEY,
            mandarin_level TEXT,
            dialects TEXT NOT NULL,
            typing_speed INTEGER,
            typing_tested_on TEXT,
            updated_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE staff_certificates (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            line INTEGER NOT NULL,
            name TEXT NOT NULL,
            number TEXT NOT NULL,
            expires_on TEXT
        )
        """,
        "CREATE INDEX staff_certificates_user ON staff_certificates (user_id, line)",
    ])
}
