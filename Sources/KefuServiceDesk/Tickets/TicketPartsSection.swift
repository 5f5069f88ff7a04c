import KefuDomain
import KefuPlatform
import SQLKit

/// #13.6: the parts a ticket used and the broken parts that came out, as the ticket's page shows them. The materials
/// feature keeps them; the composition root fills this section from its query functions inside the page's one read.
public struct TicketPartsSection: Sendable {
    public struct Used: Sendable {
        public let documentHref: String
        public let documentNumber: String
        public let status: Text
        public let item: String
        public let quantity: String
        public init(documentHref: String, documentNumber: String, status: Text, item: String, quantity: String) {
            self.documentHref = documentHref; self.documentNumber = documentNumber; self.status = status; self.item = item; self.quantity = quantity
        }
    }
    public struct Removed: Sendable {
        public let href: String
        public let number: String
        public let item: String
        public let quantity: String
        public let turbine: String
        public init(href: String, number: String, item: String, quantity: String, turbine: String) {
            self.href = href; self.number = number; self.item = item; self.quantity = quantity; self.turbine = turbine
        }
    }
    public let used: [Used]
    public let removed: [Removed]
    /// Warehouses (id, label) the viewer may issue from; empty: no form.
    public let warehouses: [(id: String, label: String)]
    /// Where the form posts (a materials page route) and the item picker's search.
    public let formAction: String
    public let itemSearch: String

    public init(used: [Used], removed: [Removed], warehouses: [(id: String, label: String)], formAction: String, itemSearch: String) {
        self.used = used; self.removed = removed; self.warehouses = warehouses; self.formAction = formAction; self.itemSearch = itemSearch
    }
}

public protocol TicketPartsProvider: Sendable {
    /// The section for a ticket the viewer sees (nil: none, e.g. for a customer).
    func section(_ db: any SQLDatabase, ticketId: String, ticketNumber: String, viewer: Principal, closed: Bool) async throws -> TicketPartsSection?
}

extension TicketQueries {
    /// #13.6: a ticket for another feature's step, with whether `viewer` may see it (the desk's scope rule) and whether it
    /// is closed; nil when there is no such ticket.
    public static func facts(_ db: any SQLDatabase, ticketId id: String, viewer: Principal) async throws -> (facts: TicketFacts, visible: Bool, closed: Bool)? {
        guard let row = try await row(db, id: id, lock: ""), let facts = try await facts(db, ticketId: id) else { return nil }
        return (facts, TicketAccess.canView(viewer, row), row.status == .closed)
    }
}
