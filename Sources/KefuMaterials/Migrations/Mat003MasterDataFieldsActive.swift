import KefuPlatform

extension MaterialsMigrations {
    // The rest of MAT-04; master data is deactivated, never deleted (active = 0: not usable on new documents).
    static let mat003MasterDataFieldsActive = Migration(id: "mat-003-master-data-fields-active", common: [
        "ALTER TABLE items ADD COLUMN maintenance_cycle_days INTEGER",
        "ALTER TABLE items ADD COLUMN maker TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE items ADD COLUMN origin TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE items ADD COLUMN reserve_quota BIGINT",
        "ALTER TABLE items ADD COLUMN on_spare_list INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE items ADD COLUMN active INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE suppliers ADD COLUMN active INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE warehouses ADD COLUMN active INTEGER NOT NULL DEFAULT 1",
    ])
}
