import KefuPlatform

extension ChannelsMigrations {
    /// #16.4: the public widget's start throttle (ChatRules.startsPerAddress) — one row per chat or out-of-hours message
    /// started, keyed by a hash of the client address (never the address itself), pruned once out of the window. In the
    /// database so that every node counts the same starts.
    public static let ch006ChatStarts = Migration(id: "ch-006-chat-starts", common: [
        """
        CREATE TABLE chat_starts (
            id TEXT PRIMARY KEY,
            client_hash TEXT NOT NULL,
            started_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX chat_starts_client ON chat_starts (client_hash, started_at)",
        "CREATE INDEX chat_starts_at ON chat_starts (started_at)",
    ])
}
