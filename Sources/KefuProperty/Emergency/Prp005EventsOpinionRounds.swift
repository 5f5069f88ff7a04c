import KefuPlatform

extension PropertyMigrations {
    /// ESC-03 events at an estate (important events reported to the office director, emergencies followed up by the CS
    /// supervisor) with their follow-up notes. Days are ISO text in the organisation's zone, instants UTC millis;
    /// `first_follow_up_at` is kept so the 2-hour lateness of an emergency reads off the row. SAT-10 the half-yearly
    /// owners' opinion rounds (one per estate and half year) and the residents asked, each with the survey engine's
    /// invitation id (the answers stay in the engine's tables, read through its functions).
    static let prp005EventsOpinionRounds = Migration(id: "prp-005-events-opinion-rounds", common: [
        """
        CREATE TABLE property_events (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            estate_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            title TEXT NOT NULL,
            location TEXT NOT NULL,
            occurred_on TEXT NOT NULL,
            occurred_time TEXT,
            description TEXT,
            status TEXT NOT NULL,
            assignee_id TEXT,
            reported_to TEXT,
            reported_at BIGINT,
            first_follow_up_at BIGINT,
            follow_ups INTEGER NOT NULL,
            result TEXT,
            closed_at BIGINT,
            closed_by TEXT,
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_events_scope ON property_events (org_path, status, recorded_at)",
        "CREATE INDEX property_events_estate ON property_events (estate_id, occurred_on)",
        """
        CREATE TABLE property_event_notes (
            event_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            note TEXT NOT NULL,
            noted_at BIGINT NOT NULL,
            noted_by TEXT NOT NULL,
            PRIMARY KEY (event_id, seq)
        )
        """,
        """
        CREATE TABLE property_opinion_rounds (
            id TEXT PRIMARY KEY,
            estate_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            half_year TEXT NOT NULL,
            residents INTEGER NOT NULL,
            started_at BIGINT NOT NULL,
            started_by TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX property_opinion_rounds_half ON property_opinion_rounds (estate_id, half_year)",
        "CREATE INDEX property_opinion_rounds_scope ON property_opinion_rounds (org_path, half_year)",
        """
        CREATE TABLE property_opinion_residents (
            round_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            building TEXT NOT NULL,
            room TEXT NOT NULL,
            occupant_name TEXT NOT NULL,
            occupant_phone TEXT NOT NULL,
            invitation_id TEXT NOT NULL,
            PRIMARY KEY (round_id, unit_id)
        )
        """,
    ])
}
