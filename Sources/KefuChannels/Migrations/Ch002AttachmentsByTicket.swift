import KefuPlatform

extension ChannelsMigrations {
    /// #16.1: a ticket's page lists the files its mail brought (by ticket, not by message).
    static let ch002AttachmentsByTicket = Migration(id: "ch-002-attachments-by-ticket", common: [
        "CREATE INDEX inbound_mail_attachments_ticket ON inbound_mail_attachments (ticket_id)",
    ])
}
