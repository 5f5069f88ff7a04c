import KefuPlatform

extension PropertyMigrations {
    /// One contractor's plan per month unless returned (PRP-05): the service checked before inserting, but two
    /// requests at once on PostgreSQL both passed the check.
    static let prp010OneOpenContractorPlan = Migration(id: "prp-010-one-open-contractor-plan", common: [
        "CREATE UNIQUE INDEX property_contractor_plans_open ON property_contractor_plans (contractor_id, month) WHERE status <> 'returned'",
    ])
}
