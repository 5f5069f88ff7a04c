import KefuPlatform

extension AftersalesMigrations {
    /// #15.5 SAT-09: one assessment per department and period (month or quarter) against the quality target: a reward
    /// record, or a corrective-action and criticism notice with its rectification deadline, acknowledged and closed by
    /// the department. Unique per department and period, so that assessing twice records nothing twice.
    public static let aftersales006SatisfactionAssessments = Migration(id: "aftersales-006-satisfaction-assessments", common: [
        """
        CREATE TABLE satisfaction_assessments (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL REFERENCES org_units (id),
            org_path TEXT NOT NULL,
            period TEXT NOT NULL,
            outcome TEXT NOT NULL,
            status TEXT NOT NULL,
            responses INTEGER NOT NULL,
            satisfied INTEGER NOT NULL,
            rate_bp INTEGER NOT NULL,
            target_bp INTEGER NOT NULL,
            note TEXT,
            deadline TEXT,
            assessed_by TEXT NOT NULL REFERENCES users (id),
            assessed_at BIGINT NOT NULL,
            acknowledged_by TEXT REFERENCES users (id),
            acknowledged_at BIGINT,
            acknowledgement TEXT,
            closed_by TEXT REFERENCES users (id),
            closed_at BIGINT,
            rectification TEXT,
            closed_late INTEGER,
            UNIQUE (org_unit_id, period)
        )
        """,
        "CREATE INDEX satisfaction_assessments_path ON satisfaction_assessments (org_path, assessed_at)",
    ])
}
