import KefuPlatform

extension MaterialsMigrations {
    /// #12 D5: the stocktake approver named per business department (a role or one person); no row: the department
    /// manager approves (the default).
    static let mat009StocktakeApprovers = Migration(id: "mat-009-stocktake-approvers", common: [
        """
        CREATE TABLE stocktake_approvers (
            department_id TEXT PRIMARY KEY,
            approver_role TEXT,
            approver_user_id TEXT,
            updated_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
    ])
}
