import KefuPlatform

extension MaterialsMigrations {
    /// #13.1 item 2, REQ-10: the annual material demand plan per department and year (one each), its lines (item and
    /// quantity for the year), its version (grows with each revision) and its publication (filed with production).
    /// #13.1 item 1: arrival checks are looked up by the material request they answer.
    static let mat017DemandPlans = Migration(id: "mat-017-demand-plans", common: [
        """
        CREATE TABLE demand_plans (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            state TEXT NOT NULL,
            version INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            published_by TEXT,
            published_at BIGINT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (year, org_unit_id)
        )
        """,
        "CREATE INDEX demand_plans_path ON demand_plans (org_path, year)",
        """
        CREATE TABLE demand_plan_lines (
            plan_id TEXT NOT NULL REFERENCES demand_plans (id),
            line_no INTEGER NOT NULL,
            item_id TEXT NOT NULL REFERENCES items (id),
            quantity BIGINT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (plan_id, line_no)
        )
        """,
        "CREATE INDEX arrivals_material_request ON arrivals (material_request_id)",
    ])
}
