import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #16.1 (CH-01, TKT-01, TKT-03): what inbound mail (the KefuChannels feature) does to tickets, inside the caller's one
/// transaction: a new ticket of channel `email` in a unit, or the customer's message as a public comment on an open
/// ticket. The ticket's own rules hold (clocks from its policy, timeline rows, search document); no staff member
/// becomes its owner: the first agent to answer does (TKT-03).
public struct TicketsFromMail: Sendable {
    let tickets: TicketService

    public init(tickets: TicketService) { self.tickets = tickets }

    /// What a new ticket needs from outside the transaction: the service standards of the day and the counters.
    public struct Prepared: Sendable {
        let standards: ServiceStandardsSnapshot
        let counters: [String]
        let year: Int
    }

    public typealias ServiceStandardsSnapshot = SlaSettings.Snapshot

    public func prepare(receivedAt: Date) async throws -> Prepared {
        let year = Times.year(receivedAt)
        let counters = ["ticket_rid", "ticket_number:\(year)"]
        try await Sequences.prepare(counters, on: tickets.store, known: tickets.sequences)
        return Prepared(standards: try await tickets.settings.current(now: receivedAt), counters: counters, year: year)
    }

    public struct Created: Sendable {
        public let id: String
        public let number: String
        public let customerId: String?
    }

    /// A new ticket from a message. `intake`: the mail-intake account acting in the unit the receiving address maps
    /// to (the ticket's unit); subject and text are cut to the ticket's limits; the customer found or created by address.
    public func create(_ db: any SQLDatabase, _ prepared: Prepared, subject rawSubject: String, text rawText: String,
                       customerName: String?, customerEmail: String, intake: Principal, receivedAt: Date, now: Date) async throws -> Created {
        let name = customerName.map { Self.cut($0, TicketRules.customerNameMax) }
        return try await create(db, prepared, subject: Self.cut(TextRules.trimmed(rawSubject) ?? "（无主题）", TicketRules.subjectMax), text: rawText,
                                channel: .email, customer: CustomerInput(name: name, phone: nil, email: customerEmail), ownerId: nil, actor: intake,
                                receivedAt: receivedAt, now: now)
    }

    /// #16: a channel's new ticket (mail, a call; a complaint sales accepted) — an inquiry unless said otherwise, of normal priority, its clocks from the day's standards,
    /// the customer found or created from what the channel knows (nothing when that is not a valid customer), the
    /// creation observers run — in the caller's transaction.
    func create(_ db: any SQLDatabase, _ prepared: Prepared, subject: String, text rawText: String, channel: TicketChannel, customer input: CustomerInput,
                ownerId: String?, actor: Principal, receivedAt: Date, now: Date, type: TicketType = .inquiry) async throws -> Created {
        let description = Self.cut(rawText, TicketRules.descriptionMax)
        let priority = TicketPriority.normal
        let receivedMillis = Clock.millis(receivedAt), nowMillis = Clock.millis(now)
        let (policy, targets) = prepared.standards.policy(type: type, priority: priority, channel: channel)
        let clocks = SlaClocks.start(targets, receivedAt: receivedMillis, on: prepared.standards.calendar)
        let escalationDue = SlaClocks.escalationDue(targets, receivedAt: receivedMillis, on: prepared.standards.calendar)
        let draft = NewTicket(id: Clock.newID(), subject: subject, description: description, type: type, channel: channel, priority: priority,
                              year: prepared.year, receivedMillis: receivedMillis, nowMillis: nowMillis, policy: policy, targets: targets,
                              clocks: clocks, escalationDue: escalationDue, ownerId: ownerId, actor: actor)
        var customer: TicketView.Customer?
        if let valid = try? CustomerService.validate(input, nameRequired: false) {
            customer = try await CustomerService.findOrCreate(db, valid, actorId: actor.userId)
        }
        let values = try await Sequences.next(prepared.counters, in: db, dialect: tickets.dialect)
        let number = TicketRules.number(year: prepared.year, sequence: values[prepared.counters[1]]!)
        try await db.runTogether(try draft.statements(rid: values[prepared.counters[0]]!, number: number, customerId: customer?.id,
                                                      dialect: tickets.dialect), dialect: tickets.dialect)
        let view = draft.view(number: number, customer: customer)
        for observer in tickets.observers { try await observer.ticketCreated(db, ticket: view, by: actor, at: nowMillis) }
        return Created(id: draft.id, number: number, customerId: customer?.id)
    }

    /// An open ticket a message may join, with its customer's e-mail key (lower-cased address) to check the sender by.
    public struct OpenTicket: Sendable {
        public let id: String
        public let number: String
        public let customerEmail: String?
    }

    /// The open ticket with this number (`KF2026-000001`); nil when there is none or it is closed.
    public static func openTicket(_ db: any SQLDatabase, number: String) async throws -> OpenTicket? {
        try await open(db, "t.number = \(bind: number)")
    }

    /// The open ticket with this id; nil when there is none or it is closed.
    public static func openTicket(_ db: any SQLDatabase, id: String) async throws -> OpenTicket? {
        try await open(db, "t.id = \(bind: id)")
    }

    static func open(_ db: any SQLDatabase, _ condition: SQLQueryString) async throws -> OpenTicket? {
        guard let row = try await db.raw("""
            SELECT t.id, t.number, t.status, c.email_key FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id WHERE \(condition)
            """).first() else { return nil }
        guard try row.decode(column: "status", as: String.self) != TicketStatus.closed.rawValue else { return nil }
        return OpenTicket(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                          customerEmail: try row.decode(column: "email_key", as: String?.self))
    }

    /// The customer's message as a public comment of kind `customer` (no author account: the customer wrote it by
    /// mail; the timeline names the intake account), with what a customer's public reply sets going.
    public func appendCustomerMessage(_ db: any SQLDatabase, ticketId: String, text rawText: String, intake: Principal, now: Date) async throws {
        _ = try await appendCustomer(db, ticketId: ticketId, text: rawText, actorId: intake.userId, channel: "email", now: now)
    }

    /// A customer's message as a public comment, whatever brought it (mail; #16.6 the customer portal, `actorId` nil:
    /// no account wrote it); answers the comment's id.
    func appendCustomer(_ db: any SQLDatabase, ticketId: String, text rawText: String, actorId: String?, channel: String, now: Date) async throws -> String {
        let lock = tickets.dialect.rowLock(of: "t")
        guard let ticket = try await TicketQueries.row(db, id: ticketId, lock: lock) else { throw AppError.notFound(Text("工单", "Ticket")) }
        try TicketAccess.requireOpen(ticket)
        let body = Self.cut(TextRules.trimmed(rawText) ?? "（空邮件）", TicketRules.commentMax)
        let at = Clock.millis(now)
        let calendar = try await tickets.settings.current(now: now).calendar
        let id = Clock.newID()
        try await db.raw("""
            INSERT INTO ticket_comments (id, ticket_id, author_id, author_kind, visibility, body, created_at)
            VALUES (\(bind: id), \(bind: ticketId), NULL, 'customer', 'public', \(bind: body), \(bind: at))
            """).run()
        let seq = try await TicketTimeline.nextSeq(db, ticketId: ticketId)
        try await TicketTimeline.append(db, ticketId: ticketId, seq: seq, kind: "comment", actorId: actorId, visibility: .public, at: at,
                                        data: ["commentId": id, "visibility": "public", "channel": channel])
        try await TicketService.afterPublicReply(db, ticket: ticket, byStaff: false, actorId: actorId, nextSeq: seq + 1, at: at, calendar: calendar)
        try await db.raw("UPDATE tickets SET updated_at = \(bind: at) WHERE id = \(bind: ticketId)").run()
        try await TicketSearchIndex.reindex(db, dialect: tickets.dialect, ticketId: ticketId)
        return id
    }

    static func cut(_ s: String, _ max: Int) -> String { s.count <= max ? s : String(s.prefix(max - 1)) + "…" }
}
