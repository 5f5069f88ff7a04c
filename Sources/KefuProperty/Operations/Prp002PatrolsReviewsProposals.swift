import KefuPlatform

extension PropertyMigrations {
    /// #14 PRP-07 patrols with their findings and the vacant-unit checks; PRP-04 the supervisor's daily reviews (one per
    /// unit and day: the unique index holds it against two sign-offs at once); PRP-10 owner proposals and their
    /// periodic submissions to the project manager. Days are ISO text in the organisation's zone, instants UTC millis.
    static let prp002PatrolsReviewsProposals = Migration(id: "prp-002-patrols-reviews-proposals", common: [
        """
        CREATE TABLE property_patrols (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            estate_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            patrolled_on TEXT NOT NULL,
            patrolled_time TEXT,
            buildings TEXT NOT NULL,
            patroller TEXT NOT NULL,
            status TEXT NOT NULL,
            findings INTEGER NOT NULL,
            note TEXT,
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_patrols_estate ON property_patrols (estate_id, patrolled_on)",
        "CREATE INDEX property_patrols_scope ON property_patrols (org_path, patrolled_on)",
        """
        CREATE TABLE property_patrol_findings (
            patrol_id TEXT NOT NULL,
            sort INTEGER NOT NULL,
            location TEXT,
            description TEXT NOT NULL,
            disposition TEXT NOT NULL,
            ticket_ref TEXT,
            PRIMARY KEY (patrol_id, sort)
        )
        """,
        """
        CREATE TABLE property_vacant_checks (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            estate_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            checked_on TEXT NOT NULL,
            checker TEXT NOT NULL,
            doors TEXT NOT NULL,
            windows TEXT NOT NULL,
            water TEXT NOT NULL,
            power TEXT NOT NULL,
            note TEXT,
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_vacant_checks_unit ON property_vacant_checks (unit_id, checked_on)",
        "CREATE INDEX property_vacant_checks_scope ON property_vacant_checks (org_path, checked_on)",
        """
        CREATE TABLE property_daily_reviews (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            review_day TEXT NOT NULL,
            comment TEXT NOT NULL,
            complaints INTEGER NOT NULL,
            patrols INTEGER NOT NULL,
            logs INTEGER NOT NULL,
            reviewed_at BIGINT NOT NULL,
            reviewed_by TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX property_daily_reviews_day ON property_daily_reviews (org_unit_id, review_day)",
        """
        CREATE TABLE property_proposals (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            estate_id TEXT NOT NULL,
            unit_id TEXT,
            org_path TEXT NOT NULL,
            owner_name TEXT NOT NULL,
            owner_phone TEXT,
            content TEXT NOT NULL,
            proposed_on TEXT NOT NULL,
            received_by TEXT NOT NULL,
            status TEXT NOT NULL,
            batch_id TEXT,
            answer TEXT,
            answered_at BIGINT,
            answered_by TEXT,
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_proposals_scope ON property_proposals (org_path, status, proposed_on)",
        "CREATE INDEX property_proposals_batch ON property_proposals (batch_id)",
        """
        CREATE TABLE property_proposal_batches (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT,
            proposals INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            submitted_at BIGINT NOT NULL,
            submitted_by TEXT NOT NULL,
            answered_at BIGINT
        )
        """,
        "CREATE INDEX property_proposal_batches_scope ON property_proposal_batches (org_path, submitted_at)",
    ])
}
