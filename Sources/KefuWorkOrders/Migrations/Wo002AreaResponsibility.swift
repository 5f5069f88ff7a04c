import KefuPlatform

extension WorkOrderMigrations {
    /// WO-05: the area register of a unit (area → the technician responsible for it) and, on each order, the area named
    /// at issue, who the order went to and why (`area`: the area's responsible person; `duty`: the technician on duty).
    static let wo002AreaResponsibility = Migration(id: "wo-002-area-responsibility", common: [
        "ALTER TABLE work_orders ADD COLUMN area TEXT",
        "ALTER TABLE work_orders ADD COLUMN assigned_to TEXT",
        "ALTER TABLE work_orders ADD COLUMN assigned_by TEXT",
        """
        CREATE TABLE work_order_areas (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            area TEXT NOT NULL,
            area_key TEXT NOT NULL,
            technician_id TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (org_unit_id, area_key)
        )
        """,
        "CREATE INDEX work_order_areas_path ON work_order_areas (org_path)",
    ])
}
