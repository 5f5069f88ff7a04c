import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #16.6 (CH-01, TKT-01): what the customer portal (the KefuChannels feature) reads of tickets and adds to them, inside
/// the caller's one transaction. A portal customer is known by an e-mail address only: a ticket is theirs when its
/// customer record has that address (`customers.email_key`). The customer sees the public thread only — the ticket's
/// description and public comments, never an internal note, the owner, the unit or the clocks.
public struct TicketsForPortal: Sendable {
    let tickets: TicketService

    public init(tickets: TicketService) { self.tickets = tickets }

    public struct Summary: Sendable {
        public let number: String
        public let subject: String
        public let status: TicketStatus
        public let updatedAt: Int64
    }

    public struct Message: Sendable {
        public let id: String
        public let fromCustomer: Bool
        public let body: String
        public let at: Int64
    }

    public struct Detail: Sendable {
        public let id: String
        public let number: String
        public let subject: String
        public let description: String
        public let status: TicketStatus
        public let receivedAt: Int64
        public let updatedAt: Int64
        public let customerId: String
        /// Public comments, oldest first.
        public let messages: [Message]
    }

    /// True when some customer has this (lower-cased) address.
    public static func hasCustomer(_ db: any SQLDatabase, email: String) async throws -> Bool {
        try await db.raw("SELECT id FROM customers WHERE email_key = \(bind: email)").first() != nil
    }

    /// True when the ticket's customer has this address.
    public static func owns(_ db: any SQLDatabase, email: String, ticketId: String) async throws -> Bool {
        try await db.raw("""
            SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = \(bind: ticketId) AND c.email_key = \(bind: email)
            """).first() != nil
    }

    /// The address's tickets, the latest changed first.
    public static func list(_ db: any SQLDatabase, email: String, paging: Paging) async throws -> (items: [Summary], total: Int) {
        let total = try await db.raw("""
            SELECT COUNT(*) AS n FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE c.email_key = \(bind: email)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            SELECT t.number, t.subject, t.status, t.updated_at FROM tickets t JOIN customers c ON c.id = t.customer_id
            WHERE c.email_key = \(bind: email) ORDER BY t.updated_at DESC, t.rid DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all()
        let items = try rows.map { row in
            Summary(number: try row.decode(column: "number", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                    status: TicketStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                    updatedAt: try row.decode(column: "updated_at", as: Int64.self))
        }
        return (items, total)
    }

    /// The ticket with this number when its customer has this address; nil otherwise (another customer's ticket is
    /// not told apart from one that does not exist).
    public static func detail(_ db: any SQLDatabase, email: String, number: String) async throws -> Detail? {
        guard let row = try await db.raw("""
            SELECT t.id, t.number, t.subject, t.description, t.status, t.received_at, t.updated_at, c.id AS customer_id
            FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.number = \(bind: number) AND c.email_key = \(bind: email)
            """).first() else { return nil }
        let id = try row.decode(column: "id", as: String.self)
        let messages = try await db.raw("""
            SELECT id, author_kind, body, created_at FROM ticket_comments WHERE ticket_id = \(bind: id) AND visibility = 'public'
            ORDER BY created_at, id
            """).all().map { m in
            Message(id: try m.decode(column: "id", as: String.self), fromCustomer: try m.decode(column: "author_kind", as: String.self) == "customer",
                    body: try m.decode(column: "body", as: String.self), at: try m.decode(column: "created_at", as: Int64.self))
        }
        return Detail(id: id, number: try row.decode(column: "number", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                      description: try row.decode(column: "description", as: String.self),
                      status: TicketStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                      receivedAt: try row.decode(column: "received_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self),
                      customerId: try row.decode(column: "customer_id", as: String.self), messages: messages)
    }

    /// The customer's answer from the portal: a public comment of kind `customer`, exactly as a customer's mail is
    /// added (`TicketsFromMail.appendCustomer`: a resolved or waiting ticket reopens, the timeline and search follow);
    /// answers the comment's id. A closed ticket refuses it (409).
    public func reply(_ db: any SQLDatabase, ticketId: String, text: String, now: Date) async throws -> String {
        try await TicketsFromMail(tickets: tickets).appendCustomer(db, ticketId: ticketId, text: text, actorId: nil, channel: "portal", now: now)
    }
}
