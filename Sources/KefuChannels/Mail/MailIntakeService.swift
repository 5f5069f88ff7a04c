import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #16.1 (CH-01): a raw message in, a ticket (or a comment on one) out — each message in one transaction with its
/// record in `inbound_mail`, its attachments and an audit row. The rules, in order:
/// 1. over the size limit → refused (413), nothing stored;
/// 2. not parseable, or no sender → kept whole in the quarantine with the reason;
/// 3. a Message-ID already taken in → `duplicate` (nothing changes; a race is caught by the unique index);
/// 4. an auto-reply or a bounce → recorded `ignored_autoreply`, never a ticket, never an answer;
/// 5. more than the rate limit from one sender → quarantined `rate_limited`;
/// 6. a Kefu ticket number in the subject, of an open ticket whose customer is the sender → a public comment;
/// 7. else In-Reply-To/References naming a message stored with an open ticket → a public comment on it;
/// 8. else a new ticket, channel `email`, customer found or created by address, in the unit of the receiving address.
public struct MailIntakeService: Sendable {
    let store: any Store
    let tickets: TicketsFromMail
    let parser: MimeParser
    let routes: MailRoutes
    let rateLimit: MailRateLimit
    /// #16 item 2: queues the acknowledgement of a new ticket (nil: outbound mail is not configured).
    let outbox: MailOutbox?

    public init(store: any Store, tickets: TicketService, codecs: any MailCodecs = IconvMailCodecs(), limits: MailLimits = MailLimits(),
                routes: MailRoutes = MailRoutes(), rateLimit: MailRateLimit = MailRateLimit(), outbox: MailOutbox? = nil) {
        self.outbox = outbox
        self.store = store
        self.tickets = TicketsFromMail(tickets: tickets)
        self.parser = MimeParser(codecs: codecs, limits: limits)
        self.routes = routes
        self.rateLimit = rateLimit
    }

    public var limits: MailLimits { parser.limits }

    public enum Outcome: String, Codable, Sendable {
        case created, appended, duplicate, quarantined
        case ignoredAutoreply = "ignored_autoreply"
    }

    public struct Result: Codable, Sendable {
        public let outcome: Outcome
        public let mailId: String?
        public let ticketId: String?
        public let ticketNumber: String?
        public let reason: String?
        public let quarantineId: String?
    }

    static func requireIntake(_ actor: Principal) throws {
        guard actor.roles.contains(.mailIntake) else {
            throw AppError.forbidden(Text("只有邮件接收账号可以投递邮件", "Only the mail-intake account may deliver mail"))
        }
    }

    public static func tooLarge(_ size: Int, limit: Int) -> AppError {
        AppError(.contentTooLarge, "message_too_large",
                 Text("邮件过大：{0} 字节，上限 {1} 字节", "The message is too large: {0} bytes, the limit is {1} bytes").with(String(size), String(limit)))
    }

    /// The HTTP endpoint, LMTP and `kefu mail ingest` all end here. `recipient`: the envelope recipient when known.
    public func ingest(_ raw: [UInt8], recipient: String?, by actor: Principal, now: Date = Date()) async throws -> Result {
        try Self.requireIntake(actor)
        return try await take(raw, recipient: recipient, intake: actor, checkRateLimit: true, now: now)
    }

    /// `also`: what the caller writes in the same transaction once the outcome is known (the quarantine's re-ingest).
    typealias Also = @Sendable (any SQLDatabase, Result) async throws -> Void

    func take(_ raw: [UInt8], recipient rawRecipient: String?, intake: Principal, checkRateLimit: Bool, now: Date,
              also: Also? = nil) async throws -> Result {
        if raw.count > parser.limits.maxMessageBytes { throw Self.tooLarge(raw.count, limit: parser.limits.maxMessageBytes) }
        let recipient = TextRules.trimmed(rawRecipient)?.lowercased()
        let rawHash = IconvMailCodecs().sha256Hex(raw)
        let at = Clock.millis(now)
        let mail: ParsedMail
        do {
            mail = try parser.parse(raw)
        } catch let error as MailParseError {
            let summary = MimeParser.summary(raw, codecs: IconvMailCodecs())
            return try await store.write { db in
                let id = try await Self.quarantine(db, raw: raw, hash: rawHash, reason: error.code, detail: error.detail, from: summary.from,
                                                   subject: summary.subject,
                                                   recipient: recipient, intake: intake, at: at)
                let result = Result(outcome: .quarantined, mailId: nil, ticketId: nil, ticketNumber: nil, reason: error.code, quarantineId: id)
                try await also?(db, result)
                return result
            }
        }
        guard let from = mail.from, !from.address.isEmpty, from.address.contains("@") || mail.automation != nil else {
            return try await store.write { db in
                let id = try await Self.quarantine(db, raw: raw, hash: rawHash, reason: "no_sender", detail: "no From address", from: "",
                                                   subject: mail.subject, recipient: recipient, intake: intake, at: at)
                let result = Result(outcome: .quarantined, mailId: nil, ticketId: nil, ticketNumber: nil, reason: "no_sender", quarantineId: id)
                try await also?(db, result)
                return result
            }
        }
        // A message without a Message-ID is known by its bytes: the same message delivered twice is still taken once.
        let key = mail.messageId ?? "sha256:\(rawHash)"
        let prepared = try await tickets.prepare(receivedAt: now)
        let tickets = self.tickets, routes = self.routes, rateLimit = self.rateLimit, outbox = self.outbox
        do {
            return try await store.write { db in
                if let existing = try await Self.existing(db, messageId: key) {
                    try await also?(db, existing)
                    return existing
                }
                let record = Record(id: Clock.newID(), messageId: key, from: from, recipient: recipient, subject: mail.subject, at: at,
                                    warnings: mail.warnings, size: raw.count, hash: rawHash, intake: intake)
                if let automation = mail.automation {
                    try await record.insert(db, outcome: .ignoredAutoreply, reason: automation.reason, ticketId: nil)
                    try await AuditTrail.record(db, actorId: intake.userId, action: "mail.ignored", entity: "inbound_mail", entityId: record.id,
                                                detail: ["reason": automation.reason, "from": from.address], at: at)
                    let result = Result(outcome: .ignoredAutoreply, mailId: record.id, ticketId: nil, ticketNumber: nil, reason: automation.reason, quarantineId: nil)
                    try await also?(db, result)
                    return result
                }
                if checkRateLimit {
                    let recent = try await db.raw("""
                        SELECT COUNT(*) AS n FROM inbound_mail WHERE from_address = \(bind: from.address) AND received_at > \(bind: at - rateLimit.windowMillis)
                        """).first()?.decode(column: "n", as: Int.self) ?? 0
                    if recent >= rateLimit.max {
                        let qid = try await Self.quarantine(db, raw: raw, hash: rawHash, reason: "rate_limited",
                                                            detail: "\(recent) messages from \(from.address) in \(rateLimit.windowMillis / 60_000) minutes",
                                                            from: from.address, subject: mail.subject, recipient: recipient, intake: intake, at: at)
                        try await record.insertQuarantined(db, reason: "rate_limited")
                        let result = Result(outcome: .quarantined, mailId: nil, ticketId: nil, ticketNumber: nil, reason: "rate_limited", quarantineId: qid)
                        try await also?(db, result)
                        return result
                    }
                }
                // Threading: the ticket number in the subject (only the ticket's own customer joins it this way: a
                // number is easy to guess), then the Message-IDs this message answers.
                var target: TicketsFromMail.OpenTicket?
                var via = ""
                if let number = MailSubjectNumber.ticketNumber(in: mail.subject), let t = try await TicketsFromMail.openTicket(db, number: number),
                   t.customerEmail == from.address {
                    target = t
                    via = "subject"
                }
                if target == nil, !mail.threadIds.isEmpty {
                    // The ids of messages taken in and of those Kefu sent (#16 item 2), the newest first.
                    let ids = SQLList(mail.threadIds.map { SQLBind($0) })
                    let rows = try await db.raw("""
                        SELECT ticket_id, received_at AS at FROM inbound_mail WHERE ticket_id IS NOT NULL AND message_id IN (\(ids))
                        UNION ALL SELECT ticket_id, created_at AS at FROM mail_outbox WHERE message_id IN (\(ids))
                        ORDER BY at DESC
                        """).all()
                    for row in rows {
                        if let t = try await TicketsFromMail.openTicket(db, id: try row.decode(column: "ticket_id", as: String.self)) {
                            target = t
                            via = "references"
                            break
                        }
                    }
                }
                let result: Result
                if let target {
                    try await tickets.appendCustomerMessage(db, ticketId: target.id, text: Self.ticketText(mail), intake: intake, now: now)
                    try await record.insert(db, outcome: .appended, reason: via, ticketId: target.id)
                    result = Result(outcome: .appended, mailId: record.id, ticketId: target.id, ticketNumber: target.number, reason: nil, quarantineId: nil)
                } else {
                    let unit = try await Self.unit(db, code: routes.unitCode(recipient: recipient, to: mail.to, cc: mail.cc), intake: intake)
                    let actor = Principal(userId: intake.userId, username: intake.username, displayName: intake.displayName, orgUnitId: unit.id,
                                          orgPath: unit.path, roles: intake.roles, locale: intake.locale, customerId: nil)
                    let created = try await tickets.create(db, prepared, subject: mail.subject, text: Self.ticketText(mail),
                                                           customerName: from.name, customerEmail: from.address, intake: actor,
                                                           receivedAt: mail.date.map { min($0, now) }.flatMap { now.timeIntervalSince($0) < 30 * 86_400 ? $0 : nil } ?? now,
                                                           now: now)
                    try await record.insert(db, outcome: .created, reason: nil, ticketId: created.id)
                    try await outbox?.acknowledge(db, ticketId: created.id, ticketNumber: created.number, subject: mail.subject, text: mail.text,
                                                  to: from, createdBy: intake.userId, at: at)
                    result = Result(outcome: .created, mailId: record.id, ticketId: created.id, ticketNumber: created.number, reason: nil, quarantineId: nil)
                }
                for (seq, a) in mail.attachments.enumerated() {
                    try await db.raw("""
                        INSERT INTO inbound_mail_attachments (id, mail_id, ticket_id, seq, file_name, content_type, size_bytes, sha256, content_id, is_inline, bytes)
                        VALUES (\(bind: Clock.newID()), \(bind: record.id), \(bind: result.ticketId), \(bind: seq), \(bind: a.fileName), \(bind: a.contentType),
                                \(bind: Int64(a.size)), \(bind: a.sha256), \(bind: a.contentId), \(bind: a.isInline ? 1 : 0), \(bind: Data(a.bytes)))
                        """).run()
                }
                try await AuditTrail.record(db, actorId: intake.userId, action: "mail.\(result.outcome.rawValue)", entity: "inbound_mail", entityId: record.id,
                                            detail: ["from": from.address, "ticketId": result.ticketId ?? "", "messageId": key,
                                                     "attachments": String(mail.attachments.count)], at: at)
                try await also?(db, result)
                return result
            }
        } catch where TransactionRetry.isUniqueViolation(error) {
            // Another node took the same Message-ID in meanwhile: a duplicate (the re-ingest still closes its entry).
            return try await store.write { db in
                guard let existing = try await Self.existing(db, messageId: key) else { throw error }
                try await also?(db, existing)
                return existing
            }
        }
    }

    /// The ticket's description (or the comment on it): the text, and what came with it.
    static func ticketText(_ mail: ParsedMail) -> String {
        var text = mail.text.isEmpty ? "（邮件无正文）" : mail.text
        let files = mail.attachments.filter { !($0.fileName == "message.html" && mail.htmlOnly) }
        if !files.isEmpty { text += "\n\n附件 / Attachments: " + files.map(\.fileName).joined(separator: ", ") }
        return text
    }

    static func existing(_ db: any SQLDatabase, messageId: String) async throws -> Result? {
        guard let row = try await db.raw("SELECT id, ticket_id FROM inbound_mail WHERE message_id = \(bind: messageId)").first() else { return nil }
        let ticketId = try row.decode(column: "ticket_id", as: String?.self)
        let number = try await ticketId.asyncMap { try await TicketsFromMail.openTicket(db, id: $0)?.number }
        return Result(outcome: .duplicate, mailId: try row.decode(column: "id", as: String.self), ticketId: ticketId, ticketNumber: number ?? nil,
                      reason: nil, quarantineId: nil)
    }

    /// The unit a new ticket goes to: the routed unit when its code is known and active, else the intake account's.
    static func unit(_ db: any SQLDatabase, code: String?, intake: Principal) async throws -> (id: String, path: String) {
        if let code, let unit = try await OrgQueries.activeUnitSummaries(db).first(where: { $0.code == code }) { return (unit.id, unit.path) }
        return (intake.orgUnitId, intake.orgPath)
    }

    static func quarantine(_ db: any SQLDatabase, raw: [UInt8], hash: String, reason: String, detail: String, from: String, subject: String,
                           recipient: String?, intake: Principal, at: Int64) async throws -> String {
        let id = Clock.newID()
        try await db.raw("""
            INSERT INTO mail_quarantine (id, reason, detail, from_address, subject, recipient, size_bytes, raw_sha256, raw, received_at, status)
            VALUES (\(bind: id), \(bind: reason), \(bind: detail), \(bind: from), \(bind: String(subject.prefix(500))), \(bind: recipient),
                    \(bind: Int64(raw.count)), \(bind: hash), \(bind: Data(raw)), \(bind: at), 'held')
            """).run()
        try await AuditTrail.record(db, actorId: intake.userId, action: "mail.quarantined", entity: "mail_quarantine", entityId: id,
                                    detail: ["reason": reason, "from": from], at: at)
        return id
    }

    struct Record: Sendable {
        let id: String
        let messageId: String
        let from: MailAddress
        let recipient: String?
        let subject: String
        let at: Int64
        let warnings: [String]
        let size: Int
        let hash: String
        let intake: Principal

        func insert(_ db: any SQLDatabase, outcome: Outcome, reason: String?, ticketId: String?, keyed: Bool = true) async throws {
            let json = String(decoding: try JSONEncoder().encode(warnings), as: UTF8.self)
            try await db.raw("""
                INSERT INTO inbound_mail (id, message_id, from_address, from_name, recipient, subject, received_at, ticket_id, outcome, reason,
                                          warnings, size_bytes, raw_sha256, created_by)
                VALUES (\(bind: id), \(bind: keyed ? messageId : nil), \(bind: from.address), \(bind: from.name), \(bind: recipient),
                        \(bind: String(subject.prefix(500))), \(bind: at), \(bind: ticketId), \(bind: outcome.rawValue), \(bind: reason), \(bind: json),
                        \(bind: Int64(size)), \(bind: hash), \(bind: intake.userId))
                """).run()
        }

        /// A quarantined message counts towards its sender's rate but keeps no Message-ID: re-ingested, it is new.
        func insertQuarantined(_ db: any SQLDatabase, reason: String) async throws {
            try await insert(db, outcome: .quarantined, reason: reason, ticketId: nil, keyed: false)
        }
    }
}
