import KefuPlatform

extension MaterialsMigrations {
    /// #13.3: the damaged-parts register (DMG-01/02, STO-08) and the return batches to the production warehouse
    /// (DMG-03..05). Quantities and packed volumes are BIGINT thousandths (a volume in litres); days are `YYYY-MM-DD`
    /// in the organisation's time zone. The return-status warnings (RPT-08) read only the parts still at a site
    /// (`damaged_parts_awaiting`) and each site's last shipped batch (`damaged_returns_shipped`).
    static let mat013DamagedParts = Migration(id: "mat-013-damaged-parts", common: [
        """
        CREATE TABLE damaged_returns (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            wooden_crate INTEGER NOT NULL DEFAULT 0,
            plastic_lining INTEGER NOT NULL DEFAULT 0,
            separators INTEGER NOT NULL DEFAULT 0,
            checked_by TEXT,
            checked_at BIGINT,
            note TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            shipped_on TEXT,
            shipped_by TEXT,
            shipped_at BIGINT,
            received_by TEXT,
            received_at BIGINT
        )
        """,
        "CREATE INDEX damaged_returns_shipped ON damaged_returns (org_unit_id, shipped_on)",
        "CREATE INDEX damaged_returns_list ON damaged_returns (org_path, created_at)",
        """
        CREATE TABLE damaged_parts (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            warehouse_id TEXT NOT NULL REFERENCES warehouses (id),
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            item_id TEXT NOT NULL REFERENCES items (id),
            quantity BIGINT NOT NULL,
            turbine_number TEXT NOT NULL,
            replaced_by TEXT NOT NULL,
            replaced_on TEXT NOT NULL,
            new_serial TEXT NOT NULL,
            old_serial TEXT NOT NULL,
            cause TEXT NOT NULL,
            repair_class TEXT NOT NULL,
            ticket_id TEXT,
            packed_volume BIGINT,
            status TEXT NOT NULL,
            return_id TEXT REFERENCES damaged_returns (id),
            registered_on TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX damaged_parts_awaiting ON damaged_parts (status, org_unit_id, registered_on, packed_volume)",
        "CREATE INDEX damaged_parts_list ON damaged_parts (org_path, created_at)",
        "CREATE INDEX damaged_parts_return ON damaged_parts (return_id)",
    ])
}
