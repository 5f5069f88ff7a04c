import KefuPlatform

/// #13.6: where a document came from a ticket, its pages and ledger rows name the ticket, linked to it.
enum TicketPartsLinks {
    static func href(_ ticketId: String) -> String { "/tickets/" + ticketId }

    /// The ticket's number linked to the ticket (empty when the document came from no ticket).
    static func link(ticketId: String?, number: String?, id: String? = nil) -> HTML {
        guard let ticketId else { return .empty }
        let idAttribute: HTML = id.map { " id=\"\($0)\"" as HTML } ?? .empty
        return "<a class=\"ticket-link\"\(idAttribute) href=\"\(href(ticketId))\">\(number ?? ticketId)</a>"
    }

    /// A ledger row's mark: 工单 KF…, linked.
    static func ledgerMark(ticketId: String?, number: String?, _ l: AppLocale) -> HTML {
        guard ticketId != nil else { return .empty }
        return " <span class=\"ledger-ticket\">\(Text("工单", "Ticket"), l) \(link(ticketId: ticketId, number: number))</span>"
    }

    /// The document page's fact line.
    static func fact(_ d: StockDocumentView, _ l: AppLocale) -> HTML {
        guard d.ticketId != nil else { return .empty }
        return "<dt>\(Text("工单", "Ticket"), l)</dt><dd>\(link(ticketId: d.ticketId, number: d.ticketNumber, id: "doc-ticket"))</dd>"
    }
}
