import KefuPlatform

extension ChannelsMigrations {
    /// #16.4 live chat (CH-01): one row per chat (the visitor's unit, a hash of the visitor's token, name and contact,
    /// waiting → active → closed, the agent who took it, the ticket it became) and its messages in the database, so
    /// that any node serves them (seq per chat; the client's message id unique per chat: a resent message is stored
    /// once). Times are UTC epoch millis.
    public static let ch005Chat = Migration(id: "ch-005-chat", common: [
        """
        CREATE TABLE chat_sessions (
            id TEXT PRIMARY KEY,
            org_unit_id TEXT NOT NULL,
            org_path TEXT NOT NULL,
            visitor_token_hash TEXT NOT NULL UNIQUE,
            visitor_name TEXT NOT NULL,
            contact TEXT NOT NULL,
            state TEXT NOT NULL,
            agent_id TEXT,
            ticket_id TEXT,
            last_seq INTEGER NOT NULL,
            created_at BIGINT NOT NULL,
            taken_at BIGINT,
            closed_at BIGINT,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX chat_sessions_queue ON chat_sessions (state, org_path, created_at)",
        "CREATE INDEX chat_sessions_agent ON chat_sessions (agent_id, state)",
        """
        CREATE TABLE chat_messages (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES chat_sessions (id),
            seq INTEGER NOT NULL,
            author TEXT NOT NULL,
            agent_id TEXT,
            client_message_id TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            UNIQUE (session_id, seq),
            UNIQUE (session_id, client_message_id)
        )
        """,
    ])
}
