import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #13.6: a service ticket as the materials feature needs it to issue parts for it — supplied by the composition root
/// from the service desk's query functions, so that this feature never reads the desk's tables (and does not depend on
/// its target).
public struct MaterialTicket: Sendable {
    public let id: String
    public let number: String
    /// The ticket's customer's name, when it has one (the consumption report groups by it).
    public let customerName: String?
    /// The ticket's type (repair, complaint, …): the fault type the consumption report groups by.
    public let faultType: String
    /// Whether the caller may see the ticket (the desk's own scope rule).
    public let visible: Bool
    /// A closed ticket takes no more parts.
    public let closed: Bool

    public init(id: String, number: String, customerName: String?, faultType: String, visible: Bool, closed: Bool) {
        self.id = id; self.number = number; self.customerName = customerName; self.faultType = faultType; self.visible = visible; self.closed = closed
    }
}

public protocol MaterialTicketDesk: Sendable {
    /// The ticket with `id` (or, where the desk resolves it, the ticket number as typed), read inside the caller's
    /// transaction; nil when there is none.
    func ticket(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> MaterialTicket?
    /// #11.1 quick search: the look-up of the tickets a typed ticket number may name (`id`, `number`), as a statement to
    /// join, and the numbers in the order the desk prefers them (the newest year's first); nil when the text names none.
    func ticketsNumberedLookup(query: FindQuery, now: Date) -> (sql: SQLQueryString, numbers: [String])?
    /// A ticket type's name in the user's language (the report's fault-type column).
    func faultLabel(_ raw: String) -> Text
}

/// A composition without the service desk: there are no tickets to issue parts for.
public struct NoTicketDesk: MaterialTicketDesk {
    public init() {}
    public func ticket(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> MaterialTicket? { nil }
    public func ticketsNumberedLookup(query: FindQuery, now: Date) -> (sql: SQLQueryString, numbers: [String])? { nil }
    public func faultLabel(_ raw: String) -> Text { Text(raw, raw) }
}
