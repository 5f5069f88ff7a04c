import KefuPlatform

extension AftersalesMigrations {
    /// Migrations added after the first release, in order; `all` stays as shipped (a shipped migration is never edited).
    public static let later: [Migration] = [searchIndexes]

    /// #11.1: the quick search finds a repair order or a return by a unit's serial number and a return by its red-copy
    /// slip number (HL…) through an index, not a scan.
    static let searchIndexes = Migration(id: "aftersales-004-search-indexes", common: [
        "CREATE INDEX repair_units_serial ON repair_units (serial_number)",
        "CREATE INDEX returns_serial ON returns (serial_number)",
        "CREATE INDEX returns_slip ON returns (slip_number)",
    ])
}
