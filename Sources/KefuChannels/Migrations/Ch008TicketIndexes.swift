import KefuPlatform

extension ChannelsMigrations {
    /// #17.6 RET-04: the calls and chats of a ticket, found by it: they go with the ticket when it is archived
    /// (`ChannelTicketParts`), and an open chat keeps it (`ChannelTicketReferences`); mail, its attachments, the outbox
    /// and the portal's files were indexed by ticket already.
    public static let ch008TicketIndexes = Migration(id: "ch-008-ticket-indexes", common: [
        "CREATE INDEX telephony_calls_ticket ON telephony_calls (ticket_id)",
        "CREATE INDEX chat_sessions_ticket ON chat_sessions (ticket_id)",
    ])
}
