import KefuPlatform

extension PropertyMigrations {
    /// #11.1: the quick search finds an occupant by the start of the name, a range on this index (the whole-table
    /// `LIKE '%…%'` it replaces ran on every search of every property reader).
    static let prp008OccupantNameIndex = Migration(id: "prp-008-occupant-name-index", common: [
        "CREATE INDEX property_units_occupant_name ON property_units (occupant_name)",
    ])
}
