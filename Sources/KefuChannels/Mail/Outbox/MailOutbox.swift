import Foundation
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #16 item 2: queues mail to a customer inside the caller's transaction — a public reply on an e-mail ticket, the
/// acknowledgement of a new one — composed at once with its threading headers; `MailOutboxSender` sends it.
/// Exists only when outbound mail is configured (`KEFU_SMTP_URL`): without it nothing is queued, so that switching
/// mail on later does not send a backlog of stale answers.
public struct MailOutbox: Sendable {
    public let settings: SmtpSettings

    public init(settings: SmtpSettings) { self.settings = settings }

    /// The ids of the ticket's thread, oldest first: the messages taken in for it and those Kefu sent.
    static func thread(_ db: any SQLDatabase, ticketId: String) async throws -> (ids: [String], latestInbound: String?) {
        let inbound = try await db.raw("""
            SELECT message_id, received_at AS at FROM inbound_mail WHERE ticket_id = \(bind: ticketId) AND message_id IS NOT NULL
            ORDER BY received_at, id
            """).all().map { (id: try $0.decode(column: "message_id", as: String.self), at: try $0.decode(column: "at", as: Int64.self), inbound: true) }
            .filter { !$0.id.hasPrefix("sha256:") }
        let outbound = try await db.raw("""
            SELECT message_id, created_at AS at FROM mail_outbox WHERE ticket_id = \(bind: ticketId) ORDER BY created_at, id
            """).all().map { (id: try $0.decode(column: "message_id", as: String.self), at: try $0.decode(column: "at", as: Int64.self), inbound: false) }
        let all = (inbound + outbound).enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        return (all.map(\.id), inbound.last?.id)
    }

    /// Queues one message for the ticket; answers its Message-ID.
    @discardableResult
    func enqueue(_ db: any SQLDatabase, kind: OutboundMail.Kind, ticketId: String, ticketNumber: String, ticketSubject: String, commentId: String?,
                 to: MailAddress, body: String, createdBy: String, at: Int64) async throws -> String {
        let id = Clock.newID()
        let thread = try await Self.thread(db, ticketId: ticketId)
        let mail = OutboundMail(kind: kind, from: settings.from, to: to,
                                subject: OutboundMail.replySubject(ticketSubject: ticketSubject, ticketNumber: ticketNumber), body: body,
                                messageId: OutboundMail.messageId(localPart: id, domain: settings.messageIdDomain),
                                inReplyTo: thread.latestInbound ?? thread.ids.last, references: OutboundMail.references(thread.ids),
                                ticketNumber: ticketNumber, date: Date(timeIntervalSince1970: Double(at) / 1000))
        try await db.raw("""
            INSERT INTO mail_outbox (id, ticket_id, comment_id, kind, from_address, to_address, subject, message_id, raw, status, attempts,
                                     next_attempt_at, created_by, created_at)
            VALUES (\(bind: id), \(bind: ticketId), \(bind: commentId), \(bind: kind.rawValue), \(bind: settings.from.address), \(bind: to.address),
                    \(bind: mail.subject), \(bind: mail.messageId), \(bind: String(decoding: mail.rfc5322(), as: UTF8.self)), 'pending', 0,
                    \(bind: at), \(bind: createdBy), \(bind: at))
            """).run()
        try await AuditTrail.record(db, actorId: createdBy, action: "mail.queued", entity: "mail_outbox", entityId: id,
                                    detail: ["ticketId": ticketId, "kind": kind.rawValue, "to": to.address], at: at)
        return mail.messageId
    }

    /// #16.6: a customer portal sign-in link to `to`, tied to no ticket (no threading headers), in both languages.
    func enqueuePortalLink(_ db: any SQLDatabase, to: String, link: String, at: Int64) async throws {
        let id = Clock.newID()
        let minutes = String(PortalRules.linkLifetimeMillis / 60_000)
        let body = """
            您好！

            请点击下面的链接登录客服门户，查看并回复您的工单。链接 \(minutes) 分钟内有效，只能使用一次：

            \(link)

            如果您没有申请登录，请忽略本邮件。

            ——
            Hello,

            Open the link above to sign in to the customer portal and see and answer your tickets. It is good for \(minutes) minutes, once.
            If you did not ask to sign in, ignore this message.
            """
        let mail = OutboundMail(kind: .portalLink, from: settings.from, to: MailAddress(name: nil, address: to),
                                subject: "客服门户登录链接 / Your sign-in link", body: body,
                                messageId: OutboundMail.messageId(localPart: id, domain: settings.messageIdDomain),
                                inReplyTo: nil, references: [], ticketNumber: "", date: Date(timeIntervalSince1970: Double(at) / 1000))
        try await db.raw("""
            INSERT INTO mail_outbox (id, ticket_id, comment_id, kind, from_address, to_address, subject, message_id, raw, status, attempts,
                                     next_attempt_at, created_by, created_at)
            VALUES (\(bind: id), NULL, NULL, \(bind: OutboundMail.Kind.portalLink.rawValue), \(bind: settings.from.address), \(bind: to),
                    \(bind: mail.subject), \(bind: mail.messageId), \(bind: String(decoding: mail.rfc5322(), as: UTF8.self)), 'pending', 0,
                    \(bind: at), 'portal', \(bind: at))
            """).run()
        try await AuditTrail.record(db, actorId: nil, action: "mail.queued", entity: "mail_outbox", entityId: id,
                                    detail: ["kind": OutboundMail.Kind.portalLink.rawValue, "to": to], at: at)
    }

    /// The acknowledgement of a ticket a customer's mail created, when the ticket's unit has one in force, the sender is
    /// not Kefu itself and the address has not had `OutboundMailRules.acknowledgementsPerHour` already.
    func acknowledge(_ db: any SQLDatabase, ticketId: String, ticketNumber: String, subject: String, text: String, to: MailAddress,
                     createdBy: String, at: Int64) async throws {
        guard to.address != settings.from.address else { return }
        let recent = try await db.raw("""
            SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'acknowledgement' AND to_address = \(bind: to.address) AND created_at > \(bind: at - 3_600_000)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        guard recent < OutboundMailRules.acknowledgementsPerHour else { return }
        let locale = OutboundMailRules.acknowledgementLocale(subject: subject, text: text)
        guard let ack = try await TicketsFromMail.acknowledgement(db, ticketId: ticketId, locale: locale) else { return }
        try await enqueue(db, kind: .acknowledgement, ticketId: ticketId, ticketNumber: ticketNumber, ticketSubject: subject, commentId: nil,
                          to: to, body: ack.text, createdBy: createdBy, at: at)
    }
}

/// #16 item 2: a staff member's public reply on an e-mail ticket goes to the customer by mail, queued in the reply's
/// own transaction (TicketReplyObserver). A ticket of another channel, or a customer without an address, gets none.
public struct ReplyMailer: TicketReplyObserver {
    let outbox: MailOutbox

    public init(outbox: MailOutbox) { self.outbox = outbox }

    public func publicReplyAdded(_ db: any SQLDatabase, reply: PublicReply, at: Int64) async throws {
        guard reply.channel == .email, let address = reply.customerEmail, address.contains("@") else { return }
        let body = reply.body + "\n\n——\n" + reply.author.displayName + "\n工单号 / Ticket: " + reply.ticketNumber
        try await outbox.enqueue(db, kind: .reply, ticketId: reply.ticketId, ticketNumber: reply.ticketNumber, ticketSubject: reply.ticketSubject,
                                 commentId: reply.commentId, to: MailAddress(name: reply.customerName, address: address), body: body,
                                 createdBy: reply.author.userId, at: at)
    }
}
