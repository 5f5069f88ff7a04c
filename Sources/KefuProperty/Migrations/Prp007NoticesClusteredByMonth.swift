import KefuPlatform

extension PropertyMigrations {
    /// #14 item 8 (PRP-01): a month's notices are made together, so the one-notice-per-unit-and-month rule is kept by an
    /// index that starts with the month. The new month's entries then land in one region at the end of the index
    /// instead of one page per unit across all earlier months (bench/README.md "Property fees": months 25–36 went
    /// from 2.2–2.8 s to the first month's time). The uniqueness is the same.
    static let prp007NoticesClusteredByMonth = Migration(id: "prp-007-notices-clustered-by-month", common: [
        "CREATE UNIQUE INDEX property_notices_month_unit ON property_notices (month, unit_id)",
        "DROP INDEX property_notices_unit_month",
    ])
}
