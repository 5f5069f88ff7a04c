import KefuPlatform

extension ChannelsMigrations {
    /// #16.3 telephony (CTI): one row per call (the PBX's call id unique) with its caller, extension, agent, customer,
    /// state, rings, times, the ticket made of it and the quality record it produced (KPI-02); one row per event
    /// taken (unique per call and event: a repeated event changes nothing); the extension → agent map kept by
    /// administrators. Times are UTC epoch millis.
    static let ch003Telephony = Migration(id: "ch-003-telephony", common: [
        """
        CREATE TABLE telephony_extensions (
            extension TEXT PRIMARY KEY,
            agent_id TEXT NOT NULL,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX telephony_extensions_agent ON telephony_extensions (agent_id)",
        """
        CREATE TABLE telephony_calls (
            id TEXT PRIMARY KEY,
            call_id TEXT NOT NULL UNIQUE,
            caller_number TEXT NOT NULL,
            extension TEXT NOT NULL,
            agent_id TEXT,
            customer_id TEXT,
            state TEXT NOT NULL,
            rings INTEGER NOT NULL,
            ringing_at BIGINT,
            answered_at BIGINT,
            ended_at BIGINT,
            ticket_id TEXT,
            quality_call_id TEXT,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX telephony_calls_extension ON telephony_calls (extension, updated_at)",
        "CREATE INDEX telephony_calls_customer ON telephony_calls (customer_id, created_at)",
        "CREATE INDEX telephony_calls_agent ON telephony_calls (agent_id, created_at)",
        "CREATE INDEX telephony_calls_scope ON telephony_calls (org_path, created_at)",
        """
        CREATE TABLE telephony_call_events (
            id TEXT PRIMARY KEY,
            call_row_id TEXT NOT NULL REFERENCES telephony_calls (id),
            call_id TEXT NOT NULL,
            event TEXT NOT NULL,
            rings INTEGER NOT NULL,
            received_at BIGINT NOT NULL,
            UNIQUE (call_id, event)
        )
        """,
    ])
}
