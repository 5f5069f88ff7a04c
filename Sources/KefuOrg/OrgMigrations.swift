import KefuPlatform

public enum OrgMigrations {
    public static let all: [Migration] = [
        Migration(id: "org-001-units-users", common: [
            """
            CREATE TABLE org_units (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                parent_id TEXT REFERENCES org_units (id),
                path TEXT NOT NULL UNIQUE,
                active INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX org_units_parent ON org_units (parent_id)",
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                display_name TEXT NOT NULL,
                org_unit_id TEXT NOT NULL REFERENCES org_units (id),
                roles TEXT NOT NULL,
                locale TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                customer_id TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX users_unit ON users (org_unit_id)",
            """
            CREATE TABLE sessions (
                id_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                token_hash TEXT NOT NULL UNIQUE,
                user_id TEXT NOT NULL REFERENCES users (id),
                name TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
            """
            CREATE TABLE login_failures (
                id TEXT PRIMARY KEY,
                username_key TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX login_failures_user ON login_failures (username_key, at)",
        ]),
        // #10.4/#10.5: the row-per-failure table (a stranger's lock, and a disk filler) gives way to compact counters keyed by
        // a hash (of the folded username or of the source address) and to the sources that signed in to an account before.
        Migration(id: "org-002-login-throttle", common: [
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
        ]),
        LoginPresessions.migration,
        OrgFeatureMigrations.org004, // #14 item 6
    ]
}
