import KefuDomain
import KefuPlatform
import SQLKit

/// Features that act when a ticket is created (after-sales opens a complaint case for a `complaint` ticket, API.md).
/// Called inside the creating transaction, so the ticket and what the observer writes commit together.
public protocol TicketCreationObserver: Sendable {
    func ticketCreated(_ db: any SQLDatabase, ticket: TicketView, by actor: Principal, at: Int64) async throws
    /// Whether `ticketCreated` writes anything for a ticket of this type; when no observer does, a create can be one
    /// statement (#18.5).
    func acts(onTicketType type: String) -> Bool
}

extension TicketCreationObserver {
    public func acts(onTicketType type: String) -> Bool { true }
}

/// A record another feature keeps for a ticket, linked from the ticket's page (after-sales: its complaint case).
public struct TicketLink: Sendable {
    public let label: Text
    public let href: String

    public init(label: Text, href: String) {
        self.label = label
        self.href = href
    }
}

/// Features that have records of their own for a ticket and want them reachable from its page.
public protocol TicketLinkProvider: Sendable {
    func links(_ db: any SQLDatabase, ticketId: String, viewer: Principal) async throws -> [TicketLink]
}

/// #16 item 2: a staff member's public reply, for the features that pass it on to the customer (outbound mail of an
/// e-mail ticket).
public struct PublicReply: Sendable {
    public let ticketId: String
    public let ticketNumber: String
    public let ticketSubject: String
    public let channel: TicketChannel
    public let customerName: String?
    public let customerEmail: String?
    public let commentId: String
    public let body: String
    public let author: Principal
}

/// Features that act on a staff member's public reply, inside the replying transaction (the reply and what the
/// observer queues commit together, or neither does).
public protocol TicketReplyObserver: Sendable {
    func publicReplyAdded(_ db: any SQLDatabase, reply: PublicReply, at: Int64) async throws
}
