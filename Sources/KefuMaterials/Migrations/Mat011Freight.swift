import KefuPlatform

extension MaterialsMigrations {
    /// #13.4, FRT-01..06, RPT-12: HQ's reference freight prices (route × vehicle type, versioned by the day they take
    /// effect, never edited in place) and one freight record per shipment with the approval the rule asked for and its
    /// decision. Money in integer fen.
    static let mat011Freight = Migration(id: "mat-011-freight", common: [
        """
        CREATE TABLE freight_prices (
            id TEXT PRIMARY KEY,
            route TEXT NOT NULL,
            vehicle_type TEXT NOT NULL,
            price_fen BIGINT NOT NULL,
            effective_from TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            UNIQUE (route, vehicle_type, effective_from)
        )
        """,
        """
        CREATE TABLE freight_records (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            shipment_ref TEXT NOT NULL,
            mode TEXT NOT NULL,
            price_id TEXT REFERENCES freight_prices (id),
            route TEXT,
            vehicle_type TEXT,
            reference_fen BIGINT,
            cost_fen BIGINT NOT NULL,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            dept_id TEXT NOT NULL,
            dept_path TEXT NOT NULL,
            shipped_on TEXT NOT NULL,
            note TEXT NOT NULL,
            approval_needed TEXT NOT NULL,
            status TEXT NOT NULL,
            decided_by TEXT,
            decided_at BIGINT,
            decision_comment TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX freight_records_scope ON freight_records (org_path, shipped_on)",
        "CREATE INDEX freight_records_dept ON freight_records (dept_path, shipped_on)",
    ])
}
