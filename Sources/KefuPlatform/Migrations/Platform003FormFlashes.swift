/// #11.2: refused page forms kept for the page view after the redirect (`FormFlashes`). A table, not process memory:
/// several nodes share one database, and the GET after the redirect may reach another node.
extension FormFlashes {
    public static let migration = Migration(id: "platform-003-form-flashes", common: [
        """
        CREATE TABLE form_flashes (
            id TEXT PRIMARY KEY,
            owner_hash TEXT NOT NULL,
            session_hash TEXT,
            page_path TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX form_flashes_owner ON form_flashes (owner_hash, page_path)",
        "CREATE INDEX form_flashes_expiry ON form_flashes (expires_at)",
    ])
}
