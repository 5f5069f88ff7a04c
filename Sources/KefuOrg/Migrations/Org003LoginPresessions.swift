import KefuPlatform

extension OrgMigrations {
    static let org003LoginPresessions = Migration(id: "org-003-login-presessions", common: [
        """
        CREATE TABLE login_presessions (
            id_hash TEXT PRIMARY KEY,
            csrf_token TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX login_presessions_expiry ON login_presessions (expires_at)",
    ])
}
