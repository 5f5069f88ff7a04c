import KefuPlatform

extension PeopleMigrations {
    /// #17.6 RET-04: the quality inspections of a ticket, found by it. While one names it, the ticket is kept
    /// (`InspectionTicketReferences`).
    public static let ppl010InspectionTicketIndex = Migration(id: "ppl-010-inspection-ticket-index", common: [
        "CREATE INDEX inspections_ticket ON inspections (ticket_id)",
    ])
}
