import KefuPlatform

extension ChannelsMigrations {
    /// #16 item 2: the outbox. A message is composed when it is queued (the reply or acknowledgement commits with it)
    /// and sent by whichever node claims it (`next_attempt_at` pushed ahead as the claim); its Message-ID is unique,
    /// so the thread of a ticket is known from both sides.
    public static let ch004MailOutbox = Migration(id: "ch-004-mail-outbox", common: [
        """
        CREATE TABLE mail_outbox (
            id TEXT PRIMARY KEY,
            ticket_id TEXT NOT NULL,
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
        "CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)",
        "CREATE INDEX mail_outbox_ticket ON mail_outbox (ticket_id, created_at)",
    ])
}
