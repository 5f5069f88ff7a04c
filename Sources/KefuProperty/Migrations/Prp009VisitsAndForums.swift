import KefuPlatform

extension PropertyMigrations {
    /// SAT-10 the supervisor's visits to residents (one row per visit: the building and room or the resident named, the
    /// opinions heard, the satisfaction 5…1 if asked, and a follow-up with its owner until closed) and the owner forums
    /// (业主座谈会: planned, held with minutes and attendees, closed or cancelled) with the resolutions taken there, each
    /// with its owner and due day until closed with a note. Days are ISO text in the organisation's zone, instants UTC millis.
    static let prp009VisitsAndForums = Migration(id: "prp-009-visits-and-forums", common: [
        """
        CREATE TABLE property_visits (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            estate_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            unit_id TEXT,
            building TEXT NOT NULL,
            room TEXT,
            resident_name TEXT,
            visited_on TEXT NOT NULL,
            visited_time TEXT,
            opinions TEXT NOT NULL,
            satisfaction INTEGER,
            follow_up_status TEXT NOT NULL,
            follow_up TEXT,
            follow_up_owner TEXT,
            follow_up_note TEXT,
            follow_up_closed_at BIGINT,
            follow_up_closed_by TEXT,
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_visits_scope ON property_visits (org_path, visited_on)",
        "CREATE INDEX property_visits_estate ON property_visits (estate_id, visited_on, building)",
        """
        CREATE TABLE property_forums (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            estate_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            status TEXT NOT NULL,
            held_on TEXT NOT NULL,
            held_time TEXT,
            place TEXT NOT NULL,
            topic TEXT NOT NULL,
            host TEXT NOT NULL,
            attendee_count INTEGER,
            attendees TEXT,
            minutes TEXT,
            cancel_reason TEXT,
            resolutions INTEGER NOT NULL,
            resolutions_open INTEGER NOT NULL,
            changed_at BIGINT NOT NULL,
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX property_forums_scope ON property_forums (org_path, held_on)",
        "CREATE INDEX property_forums_estate ON property_forums (estate_id, held_on)",
        """
        CREATE TABLE property_forum_resolutions (
            forum_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            content TEXT NOT NULL,
            owner TEXT NOT NULL,
            due_on TEXT NOT NULL,
            closed_note TEXT,
            closed_at BIGINT,
            closed_by TEXT,
            recorded_at BIGINT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (forum_id, seq)
        )
        """,
    ])
}
