import KefuPlatform

extension MaterialsMigrations {
    /// #15.5 KPI-06: material-loss responsibility records (材料损失责任单, SS-…). Lines' quantities are BIGINT thousandths,
    /// values and the penalty BIGINT fen; times UTC epoch millis. The steps (register, propose, approve, reject) are kept
    /// in `loss_responsibility_steps`, one row each, in order.
    static let mat020LossResponsibilities = Migration(id: "mat-020-loss-responsibilities", common: [
        """
        CREATE TABLE loss_responsibilities (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            cause TEXT NOT NULL,
            description TEXT NOT NULL,
            responsible_id TEXT NOT NULL,
            link_kind TEXT,
            link_id TEXT,
            link_number TEXT,
            total_fen BIGINT NOT NULL,
            status TEXT NOT NULL,
            penalty_fen BIGINT,
            penalty_text TEXT,
            decision_note TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX loss_responsibilities_list ON loss_responsibilities (org_path, created_at)",
        "CREATE INDEX loss_responsibilities_responsible ON loss_responsibilities (responsible_id)",
        """
        CREATE TABLE loss_responsibility_lines (
            record_id TEXT NOT NULL REFERENCES loss_responsibilities (id),
            line_no INTEGER NOT NULL,
            item_id TEXT NOT NULL REFERENCES items (id),
            quantity BIGINT NOT NULL,
            value_fen BIGINT NOT NULL,
            PRIMARY KEY (record_id, line_no)
        )
        """,
        """
        CREATE TABLE loss_responsibility_steps (
            record_id TEXT NOT NULL REFERENCES loss_responsibilities (id),
            step_no INTEGER NOT NULL,
            action TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            note TEXT NOT NULL,
            amount_fen BIGINT,
            at BIGINT NOT NULL,
            PRIMARY KEY (record_id, step_no)
        )
        """,
    ])
}
