import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #16.4 (CH-01, TKT-03): what live chat (the KefuChannels feature) reads from and does to the service desk, inside the
/// caller's one transaction — the visitor's customer record found by the contact they gave, their open tickets as the
/// agent may see them, a new ticket of channel `chat` with the transcript (owned by the agent who took the chat, or
/// nobody for a message left out of hours), or the transcript added to an open ticket of that customer.
public struct TicketsFromChats: Sendable {
    let tickets: TicketService
    let mail: TicketsFromMail

    public init(tickets: TicketService) {
        self.tickets = tickets
        self.mail = TicketsFromMail(tickets: tickets)
    }

    public typealias Prepared = TicketsFromMail.Prepared
    public typealias Created = TicketsFromMail.Created
    public typealias OpenTicket = TicketsFromCalls.OpenTicket

    public func prepare(receivedAt: Date) async throws -> Prepared { try await mail.prepare(receivedAt: receivedAt) }

    public func calendar(now: Date) async throws -> WorkCalendar { try await tickets.settings.current(now: now).calendar }

    static func input(name: String, contact: String) -> CustomerInput {
        switch ChatRules.contact(contact) {
        case .email(let e): return CustomerInput(name: name, phone: nil, email: e)
        case .phone(let p): return CustomerInput(name: name, phone: p, email: nil)
        case nil: return CustomerInput(name: name, phone: nil, email: nil)
        }
    }

    /// The customer with this contact (phone or e-mail) in the viewer's scope; nil when there is none.
    public static func customerId(_ db: any SQLDatabase, contact: String, viewer: Principal) async throws -> String? {
        let scope = CustomerScope.condition(viewer)
        switch ChatRules.contact(contact) {
        case .phone(let p):
            guard let key = TextRules.phoneKey(p) else { return nil }
            return try await db.raw("SELECT c.id FROM customers c WHERE c.phone_key = \(bind: key) AND \(scope)").first()?.decode(column: "id", as: String.self)
        case .email(let e):
            guard let key = TextRules.emailKey(e) else { return nil }
            return try await db.raw("SELECT c.id FROM customers c WHERE c.email_key = \(bind: key) AND \(scope)").first()?.decode(column: "id", as: String.self)
        case nil: return nil
        }
    }

    /// The visitor's open tickets the agent may see (to add the transcript to one of them).
    public static func openTickets(_ db: any SQLDatabase, contact: String, viewer: Principal) async throws -> [OpenTicket] {
        guard let id = try await customerId(db, contact: contact, viewer: viewer) else { return [] }
        return try await TicketsFromCalls.openTickets(db, customerId: id, viewer: viewer)
    }

    /// A new ticket of channel `chat` in `actor`'s unit, the visitor its customer (found or created by the contact).
    public func create(_ db: any SQLDatabase, _ prepared: Prepared, subject: String, text: String, name: String, contact: String,
                       ownerId: String?, actor: Principal, receivedAt: Date, now: Date) async throws -> Created {
        try await mail.create(db, prepared, subject: TicketsFromMail.cut(TextRules.trimmed(subject) ?? "在线咨询", TicketRules.subjectMax), text: text,
                              channel: .chat, customer: Self.input(name: TicketsFromMail.cut(name, TicketRules.customerNameMax), contact: contact),
                              ownerId: ownerId, actor: actor, receivedAt: receivedAt, now: now)
    }

    /// The transcript as a public comment of the agent on an open ticket the agent works (TicketAccess), the ticket's
    /// number returned.
    public func appendTranscript(_ db: any SQLDatabase, ticketId: String, text rawText: String, agent: Principal, now: Date) async throws -> String {
        let lock = tickets.dialect.rowLock(of: "t")
        guard let ticket = try await TicketQueries.row(db, id: ticketId, lock: lock) else { throw AppError.notFound(Text("工单", "Ticket")) }
        try TicketAccess.requireWork(agent, ticket)
        try TicketAccess.requireOpen(ticket)
        let body = TicketsFromMail.cut(rawText, TicketRules.commentMax)
        let at = Clock.millis(now)
        let id = Clock.newID()
        try await db.raw("""
            INSERT INTO ticket_comments (id, ticket_id, author_id, author_kind, visibility, body, created_at)
            VALUES (\(bind: id), \(bind: ticketId), \(bind: agent.userId), 'staff', 'internal', \(bind: body), \(bind: at))
            """).run()
        let seq = try await TicketTimeline.nextSeq(db, ticketId: ticketId)
        try await TicketTimeline.append(db, ticketId: ticketId, seq: seq, kind: "comment", actorId: agent.userId, visibility: .internal, at: at,
                                        data: ["commentId": id, "visibility": "internal", "channel": "chat"])
        try await db.raw("UPDATE tickets SET updated_at = \(bind: at) WHERE id = \(bind: ticketId)").run()
        try await TicketSearchIndex.reindex(db, dialect: tickets.dialect, ticketId: ticketId)
        return ticket.number
    }
}

extension TicketsFromChats {
    /// #16.4 CH-03: the approved phrases in force for an agent in a chat (channel `chat`), filled in with the visitor's
    /// name and the agent.
    public static func replyTemplates(_ db: any SQLDatabase, visitorName: String?, viewer: Principal) async throws -> [RenderedReplyTemplate] {
        let rows = try await ReplyTemplateQueries.inForce(db, userPath: viewer.orgPath, channel: TicketChannel.chat.rawValue, locale: viewer.locale)
        var values = ["agent": viewer.displayName]
        values["customer"] = visitorName
        return ReplyTemplateQueries.render(rows, values: values)
    }
}
