import KefuPlatform

extension PropertyMigrations {
    /// PRP-08 next month's work plans per service-centre unit and month, with lines and the approval trail; PRP-05
    /// outsourced contractors per estate, their monthly plans (reviewed) and quality evaluations (scores as whole
    /// points, the overall in tenths); PRP-11 admin registers: items with an integer balance and their moves, and
    /// dated logs of staff movements and welfare hand-outs.
    static let prp003PlansContractorsRegisters = Migration(id: "prp-003-plans-contractors-registers", common: [
        """
        CREATE TABLE property_work_plans (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            month TEXT NOT NULL,
            status TEXT NOT NULL,
            due_on TEXT NOT NULL,
            first_submitted_on TEXT,
            late INTEGER NOT NULL,
            return_reason TEXT,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX property_work_plans_unit_month ON property_work_plans (org_unit_id, month)",
        "CREATE INDEX property_work_plans_scope ON property_work_plans (org_path, month)",
        """
        CREATE TABLE property_work_plan_lines (
            plan_id TEXT NOT NULL,
            sort INTEGER NOT NULL,
            item TEXT NOT NULL,
            owner TEXT NOT NULL,
            target_on TEXT NOT NULL,
            PRIMARY KEY (plan_id, sort)
        )
        """,
        """
        CREATE TABLE property_work_plan_steps (
            id TEXT PRIMARY KEY,
            plan_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            action TEXT NOT NULL,
            reason TEXT,
            acted_at BIGINT NOT NULL,
            acted_by TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX property_work_plan_steps_plan ON property_work_plan_steps (plan_id, seq)",
        """
        CREATE TABLE property_contractors (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            estate_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            service_type TEXT NOT NULL,
            company TEXT NOT NULL,
            contact TEXT,
            contract_from TEXT NOT NULL,
            contract_to TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_contractors_estate ON property_contractors (estate_id, service_type)",
        """
        CREATE TABLE property_contractor_plans (
            id TEXT PRIMARY KEY,
            contractor_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            month TEXT NOT NULL,
            content TEXT NOT NULL,
            status TEXT NOT NULL,
            review_note TEXT,
            reviewed_at BIGINT,
            reviewed_by TEXT,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_contractor_plans_contractor ON property_contractor_plans (contractor_id, month)",
        """
        CREATE TABLE property_contractor_evaluations (
            id TEXT PRIMARY KEY,
            contractor_id TEXT NOT NULL,
            evaluated_on TEXT NOT NULL,
            evaluator TEXT NOT NULL,
            scores TEXT NOT NULL,
            overall_tenths INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            remarks TEXT,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_contractor_evaluations_contractor ON property_contractor_evaluations (contractor_id, evaluated_on)",
        """
        CREATE TABLE property_admin_items (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            unit_label TEXT NOT NULL,
            balance BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX property_admin_items_name ON property_admin_items (org_unit_id, kind, name)",
        "CREATE INDEX property_admin_items_scope ON property_admin_items (org_path)",
        """
        CREATE TABLE property_admin_moves (
            id TEXT PRIMARY KEY,
            item_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            quantity BIGINT NOT NULL,
            balance_after BIGINT NOT NULL,
            moved_on TEXT NOT NULL,
            party TEXT,
            note TEXT,
            moved_at BIGINT NOT NULL,
            moved_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_admin_moves_item ON property_admin_moves (item_id, moved_at)",
        """
        CREATE TABLE property_admin_logs (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            kind TEXT NOT NULL,
            logged_on TEXT NOT NULL,
            person TEXT NOT NULL,
            detail TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_admin_logs_scope ON property_admin_logs (org_path, logged_on)",
    ])
}
