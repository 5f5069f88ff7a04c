import KefuDomain
import KefuPlatform

/// #13.6, API.md "tickets/{id}/parts": the parts an engineer takes from a warehouse for a ticket, and the broken parts
/// that came out: `{"warehouseId","turbineNumber","date","remark","lines":[{"itemId","quantity"}],"removed":[{damaged-part fields}]}`.
/// `removed` lines take the damaged-part register's fields (DMG-02); their warehouse defaults to the site's damaged warehouse.
public struct TicketPartsInput: Codable, Sendable {
    public var warehouseId: String?
    public var turbineNumber: String?
    public var date: String?
    public var remark: String?
    public var lines: [LineInput]?
    public var removed: [DamagedPartInput]?
    public init() {}
}

/// What one parts step wrote: the issue document (saved, awaiting the accountant's audit, D6) and the registered parts.
public struct TicketPartsResult: Codable, Sendable {
    public let ticketId: String
    public let ticketNumber: String
    public let document: StockDocumentView
    public let removed: [DamagedPartView]
}

/// A ticket's parts as its page and `GET /api/v1/tickets/{id}/parts` show them.
public struct TicketPartsList: Codable, Sendable {
    public struct Used: Codable, Sendable {
        public let documentId: String
        public let documentNumber: String
        public let status: String
        public let date: String
        public let itemCode: String
        public let itemName: String
        public let unit: String
        public let quantity: Quantity
    }
    public struct Removed: Codable, Sendable {
        public let id: String
        public let number: String
        public let itemCode: String
        public let itemName: String
        public let quantity: Quantity
        public let turbineNumber: String
        public let status: String
    }
    public let used: [Used]
    public let removed: [Removed]

    /// Where each is read, and the document's state in words, for the ticket's page.
    public static func documentHref(_ id: String) -> String { "/materials/documents/" + id }
    public static func damagedPartHref(_ id: String) -> String { DamagedPartPages.path + "/" + id }
    public static func statusText(_ raw: String) -> Text { MaterialLabels.status(raw) }
    public static let itemSearch = "/api/v1/search?kinds=item"
    public static func formAction(ticketId: String) -> String { TicketPartsPages.formAction(ticketId: ticketId) }
    /// The warehouses the viewer may issue from (empty: the viewer cannot issue, and the page shows no form).
    public let warehouses: [WarehouseView]
}
