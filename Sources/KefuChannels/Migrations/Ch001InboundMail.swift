import KefuPlatform

extension ChannelsMigrations {
    /// #16.1 inbound e-mail: one row per message taken in (its Message-ID unique: a message is ingested once), with
    /// what became of it; its attachments with checksum, size and bytes; the quarantine holding a message Kefu could
    /// not take whole, with the reason, until an administrator re-ingests or discards it.
    static let ch001InboundMail = Migration(id: "ch-001-inbound-mail", common: [
        """
        CREATE TABLE inbound_mail (
            id TEXT PRIMARY KEY,
            message_id TEXT UNIQUE,
            from_address TEXT NOT NULL,
            from_name TEXT,
            recipient TEXT,
            subject TEXT NOT NULL,
            received_at BIGINT NOT NULL,
            ticket_id TEXT,
            outcome TEXT NOT NULL,
            reason TEXT,
            warnings TEXT NOT NULL,
            size_bytes BIGINT NOT NULL,
            raw_sha256 TEXT NOT NULL,
            created_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX inbound_mail_sender ON inbound_mail (from_address, received_at)",
        "CREATE INDEX inbound_mail_ticket ON inbound_mail (ticket_id)",
    ], sqlite: [
        """
        CREATE TABLE inbound_mail_attachments (
            id TEXT PRIMARY KEY,
            mail_id TEXT NOT NULL REFERENCES inbound_mail (id),
            ticket_id TEXT,
            seq INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size_bytes BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            content_id TEXT,
            is_inline INTEGER NOT NULL,
            bytes BLOB NOT NULL
        )
        """,
        """
        CREATE TABLE mail_quarantine (
            id TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            from_address TEXT NOT NULL,
            subject TEXT NOT NULL,
            recipient TEXT,
            size_bytes BIGINT NOT NULL,
            raw_sha256 TEXT NOT NULL,
            raw BLOB NOT NULL,
            received_at BIGINT NOT NULL,
            status TEXT NOT NULL,
            resolved_at BIGINT,
            resolved_by TEXT,
            result_mail_id TEXT
        )
        """,
        "CREATE INDEX inbound_mail_attachments_mail ON inbound_mail_attachments (mail_id, seq)",
        "CREATE INDEX mail_quarantine_status ON mail_quarantine (status, received_at)",
    ], postgres: [
        """
        CREATE TABLE inbound_mail_attachments (
            id TEXT PRIMARY KEY,
            mail_id TEXT NOT NULL REFERENCES inbound_mail (id),
            ticket_id TEXT,
            seq INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size_bytes BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            content_id TEXT,
            is_inline INTEGER NOT NULL,
            bytes BYTEA NOT NULL
        )
        """,
        """
        CREATE TABLE mail_quarantine (
            id TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            from_address TEXT NOT NULL,
            subject TEXT NOT NULL,
            recipient TEXT,
            size_bytes BIGINT NOT NULL,
            raw_sha256 TEXT NOT NULL,
            raw BYTEA NOT NULL,
            received_at BIGINT NOT NULL,
            status TEXT NOT NULL,
            resolved_at BIGINT,
            resolved_by TEXT,
            result_mail_id TEXT
        )
        """,
        "CREATE INDEX inbound_mail_attachments_mail ON inbound_mail_attachments (mail_id, seq)",
        "CREATE INDEX mail_quarantine_status ON mail_quarantine (status, received_at)",
    ])
}
