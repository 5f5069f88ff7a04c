import KefuPlatform

extension WorkOrderMigrations {
    /// #17.6 RET-04: the work orders raised from a ticket, found by it. While one names it, the ticket is kept
    /// (`WorkOrderTicketReferences`).
    public static let wo004TicketIndex = Migration(id: "wo-004-ticket-index", common: [
        "CREATE INDEX work_orders_ticket ON work_orders (ticket_id)",
    ])
}
