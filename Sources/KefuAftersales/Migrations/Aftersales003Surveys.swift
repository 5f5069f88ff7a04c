import KefuPlatform

extension AftersalesMigrations {
    static let aftersales003Surveys = Migration(id: "aftersales-003-surveys", common: [
        """
        CREATE TABLE survey_campaigns (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            quarter TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE survey_invitations (
            id TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            occasion TEXT NOT NULL,
            ticket_id TEXT REFERENCES tickets (id),
            repair_order_id TEXT REFERENCES repair_orders (id),
            campaign_id TEXT REFERENCES survey_campaigns (id),
            customer_id TEXT,
            customer_name TEXT,
            org_unit_id TEXT NOT NULL REFERENCES org_units (id),
            org_path TEXT NOT NULL,
            expires_at BIGINT NOT NULL,
            submitted_at BIGINT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX survey_invitations_created ON survey_invitations (created_at)",
        """
        CREATE TABLE survey_responses (
            id TEXT PRIMARY KEY,
            invitation_id TEXT NOT NULL UNIQUE REFERENCES survey_invitations (id),
            overall INTEGER NOT NULL,
            comment TEXT,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            complaint_id TEXT,
            submitted_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX survey_responses_submitted ON survey_responses (submitted_at)",
        """
        CREATE TABLE survey_answers (
            id TEXT PRIMARY KEY,
            response_id TEXT NOT NULL REFERENCES survey_responses (id),
            item TEXT NOT NULL,
            level INTEGER NOT NULL,
            comment TEXT
        )
        """,
        "CREATE INDEX survey_answers_response ON survey_answers (response_id)",
        "CREATE TABLE aftersales_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_by TEXT, updated_at BIGINT NOT NULL)",
    ])
}
