import KefuPlatform

extension AftersalesMigrations {
    /// #17.6 RET-04: the after-sales records that name a ticket, found by it. While one does, the ticket is kept
    /// (`AftersalesTicketReferences`); the retention report and archive ask for every closed ticket past its period, and
    /// a ticket's page lists its repair orders and returns by these columns too. The survey invitations of a repair
    /// order, by it: while one names a repair order, the order is kept (`AftersalesRetentionSource`).
    public static let aftersales008TicketReferenceIndexes = Migration(id: "aftersales-008-ticket-reference-indexes", common: [
        "CREATE INDEX repair_orders_ticket ON repair_orders (ticket_id)",
        "CREATE INDEX returns_ticket ON returns (ticket_id)",
        "CREATE INDEX survey_invitations_ticket ON survey_invitations (ticket_id)",
        "CREATE INDEX survey_invitations_repair_order ON survey_invitations (repair_order_id)",
    ])
}
