import KefuPlatform

extension OrgMigrations {
    // #10.4/#10.5: the row-per-failure table (a stranger's lock, and a disk filler) gives way to compact counters keyed by
    // a hash (of the folded username or of the source address) and to the sources that signed in to an account before.
    static let org002LoginThrottle = Migration(id: "org-002-login-throttle", common: [
        "DROP TABLE login_failures",
        """
        CREATE TABLE login_throttle (
            throttle_key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            last_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX login_throttle_last ON login_throttle (last_at)",
        """
        CREATE TABLE known_sign_in_sources (
            user_id TEXT NOT NULL REFERENCES users (id),
            source_hash TEXT NOT NULL,
            last_at BIGINT NOT NULL,
            PRIMARY KEY (user_id, source_hash)
        )
        """,
        "CREATE INDEX known_sign_in_sources_last ON known_sign_in_sources (last_at)",
    ])
}
