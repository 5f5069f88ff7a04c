import KefuPlatform

extension MaterialsMigrations {
    /// #13.6: an issue document made from a service ticket keeps the ticket it served (id and number as the desk
    /// knew them; another feature's record, so text without a foreign key) and, for the consumption report, the
    /// ticket's customer and fault type and the turbine as they stood when the parts went out.
    static let mat018TicketParts = Migration(id: "mat-018-ticket-parts", common: [
        "ALTER TABLE stock_documents ADD COLUMN ticket_id TEXT",
        "ALTER TABLE stock_documents ADD COLUMN ticket_number TEXT",
        "ALTER TABLE stock_documents ADD COLUMN ticket_customer TEXT",
        "ALTER TABLE stock_documents ADD COLUMN ticket_fault TEXT",
        "ALTER TABLE stock_documents ADD COLUMN turbine_number TEXT",
        "CREATE INDEX stock_documents_ticket ON stock_documents (ticket_id)",
        "CREATE INDEX damaged_parts_ticket ON damaged_parts (ticket_id)",
    ])
}
