import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #16.3 (CH-01, TKT-03): what telephony (the KefuChannels feature) reads from and does to the service desk, inside
/// the caller's one transaction — the caller looked up by phone number, their open tickets as the viewer may see them,
/// and a new ticket of channel `phone` (a missed call's call-back ticket, or an answered call made a ticket). The
/// ticket's own rules hold: clocks from its policy, timeline rows, search document, observers.
public struct TicketsFromCalls: Sendable {
    let tickets: TicketService
    let mail: TicketsFromMail

    public init(tickets: TicketService) {
        self.tickets = tickets
        self.mail = TicketsFromMail(tickets: tickets)
    }

    public typealias Prepared = TicketsFromMail.Prepared
    public typealias Created = TicketsFromMail.Created

    public func prepare(receivedAt: Date) async throws -> Prepared { try await mail.prepare(receivedAt: receivedAt) }

    /// A customer as the screen pop and the call log show it.
    public struct Caller: Codable, Sendable, Equatable {
        public let id: String
        public let name: String
        public let phone: String?
    }

    /// The customer with this phone number (the whole number, as the register keys it); nil when there is none.
    /// `viewer`: only a customer in the viewer's scope (`CustomerScope`); nil: any (the event itself, no viewer).
    public static func customer(_ db: any SQLDatabase, phone: String, viewer: Principal?) async throws -> Caller? {
        guard let key = TextRules.phoneKey(phone) else { return nil }
        let scope: SQLQueryString = viewer.map { CustomerScope.condition($0) } ?? "1 = 1"
        guard let row = try await db.raw("SELECT c.id, c.name, c.phone FROM customers c WHERE c.phone_key = \(bind: key) AND \(scope)").first() else {
            return nil
        }
        return Caller(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                      phone: try row.decode(column: "phone", as: String?.self))
    }

    /// The customer with this id when the viewer may see it.
    public static func customer(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> Caller? {
        try await CustomerScope.record(db, id: id, viewer: viewer).map { Caller(id: $0.id, name: $0.name, phone: $0.phone) }
    }

    public struct OpenTicket: Codable, Sendable, Equatable {
        public let id: String
        public let number: String
        public let subject: String
        public let status: String
    }

    /// The customer's tickets that are not closed and that the viewer may see (`TicketAccess`), newest first.
    public static func openTickets(_ db: any SQLDatabase, customerId: String, viewer: Principal, limit: Int = 10) async throws -> [OpenTicket] {
        let ids = try await db.raw("""
            SELECT t.id FROM tickets t WHERE t.customer_id = \(bind: customerId) AND t.status <> \(bind: TicketStatus.closed.rawValue)
            ORDER BY t.received_at DESC LIMIT 50
            """).all().map { try $0.decode(column: "id", as: String.self) }
        var out: [OpenTicket] = []
        for id in ids where out.count < limit {
            guard let t = try await TicketQueries.row(db, id: id, lock: ""), TicketAccess.canView(viewer, t) else { continue }
            out.append(OpenTicket(id: t.id, number: t.number, subject: t.subject, status: t.status.rawValue))
        }
        return out
    }

    /// The ticket's number, when it exists.
    public static func number(_ db: any SQLDatabase, ticketId: String) async throws -> String? {
        try await TicketQueries.row(db, id: ticketId, lock: "")?.number
    }

    /// A new ticket of channel `phone` for the caller (found or created by the number), in `actor`'s unit.
    /// `ownerId`: the agent who took the call (TKT-03), nil for a call nobody took (the first agent to take it owns it).
    public func create(_ db: any SQLDatabase, _ prepared: Prepared, subject rawSubject: String, text rawText: String, callerNumber: String,
                       ownerId: String?, actor: Principal, receivedAt: Date, now: Date) async throws -> Created {
        try await mail.create(db, prepared, subject: TicketsFromMail.cut(TextRules.trimmed(rawSubject) ?? "来电", TicketRules.subjectMax), text: rawText,
                              channel: .phone, customer: CustomerInput(name: nil, phone: callerNumber, email: nil), ownerId: ownerId, actor: actor,
                              receivedAt: receivedAt, now: now)
    }
}
