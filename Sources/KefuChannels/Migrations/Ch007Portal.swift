import KefuPlatform

extension ChannelsMigrations {
    /// #16.6 the customer portal: one-time sign-in links (`portal_links`: the lower-cased address asked for, a hash of
    /// the token, whether a mail went out — only when a customer has that address —, the client address that asked,
    /// 15 minutes' validity, used once) and portal sessions (`portal_sessions`: a hash of the cookie's token, the
    /// address, last view for the 8-hour idle limit, the 7-day limit, sign-out). The sign-in mail belongs to no ticket:
    /// `mail_outbox.ticket_id` becomes nullable (PostgreSQL drops the constraint; SQLite rebuilds the table, with its
    /// indexes). `portal_attachments`: the files a customer sends with a portal answer, kept like a mail's attachments
    /// (size, SHA-256, the bytes in the database), by ticket and comment. Times are UTC epoch millis.
    public static let ch007Portal = Migration(id: "ch-007-portal", common: [
        """
        CREATE TABLE portal_links (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            mailed INTEGER NOT NULL,
            requester TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT
        )
        """,
        "CREATE INDEX portal_links_email ON portal_links (email, created_at)",
        "CREATE INDEX portal_links_requester ON portal_links (requester, created_at)",
        """
        CREATE TABLE portal_sessions (
            id TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            link_id TEXT NOT NULL REFERENCES portal_links (id),
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            revoked_at BIGINT
        )
        """,
    ], sqlite: [
        """
        CREATE TABLE portal_attachments (
            id TEXT PRIMARY KEY,
            ticket_id TEXT NOT NULL,
            comment_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size_bytes BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            bytes BLOB NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX portal_attachments_ticket ON portal_attachments (ticket_id, created_at)",
        """
        CREATE TABLE mail_outbox_rebuilt (
            id TEXT PRIMARY KEY,
            ticket_id TEXT,
            comment_id TEXT,
            kind TEXT NOT NULL,
            from_address TEXT NOT NULL,
            to_address TEXT NOT NULL,
            subject TEXT NOT NULL,
            message_id TEXT NOT NULL UNIQUE,
            raw TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at BIGINT NOT NULL,
            last_error TEXT,
            server_reply TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            sent_at BIGINT
        )
        """,
        """
        INSERT INTO mail_outbox_rebuilt (id, ticket_id, comment_id, kind, from_address, to_address, subject, message_id, raw, status, attempts,
                                         next_attempt_at, last_error, server_reply, created_by, created_at, sent_at)
        SELECT id, ticket_id, comment_id, kind, from_address, to_address, subject, message_id, raw, status, attempts,
               next_attempt_at, last_error, server_reply, created_by, created_at, sent_at FROM mail_outbox
        """,
        "DROP TABLE mail_outbox",
        "ALTER TABLE mail_outbox_rebuilt RENAME TO mail_outbox",
        "CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)",
        "CREATE INDEX mail_outbox_ticket ON mail_outbox (ticket_id, created_at)",
    ], postgres: [
        """
        CREATE TABLE portal_attachments (
            id TEXT PRIMARY KEY,
            ticket_id TEXT NOT NULL,
            comment_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size_bytes BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            bytes BYTEA NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX portal_attachments_ticket ON portal_attachments (ticket_id, created_at)",
        "ALTER TABLE mail_outbox ALTER COLUMN ticket_id DROP NOT NULL",
    ])
}
