import KefuPlatform

extension PeopleMigrations {
    /// #15.5 KPI-04: a department head's monthly reward and penalty plan (考核奖惩方案) for one unit, effective only
    /// once the general manager approves it, and its lines, one per subordinate and reward or penalty (amount in fen).
    static let ppl005Appraisal = Migration(id: "ppl-005-appraisal-plans", common: [
        """
        CREATE TABLE appraisal_plans (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            period TEXT NOT NULL,
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
        "CREATE INDEX appraisal_plans_scope ON appraisal_plans (org_path, status, period)",
        """
        CREATE TABLE appraisal_plan_lines (
            plan_id TEXT NOT NULL REFERENCES appraisal_plans (id),
            line INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            reason TEXT NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (plan_id, line)
        )
        """,
        "CREATE INDEX appraisal_plan_lines_user ON appraisal_plan_lines (user_id, plan_id)",
    ])
}
