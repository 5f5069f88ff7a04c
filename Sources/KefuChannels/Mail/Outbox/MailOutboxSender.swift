import Foundation
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import Logging
import SQLKit

/// #16 item 2: sends what the outbox holds, from any node. A message is claimed in a short transaction (PostgreSQL
/// `FOR UPDATE SKIP LOCKED`; its `next_attempt_at` pushed past the claim) before it is sent, so two nodes never send it
/// both; the claim outlasts the SMTP client's deadline, and lapses when the node dies mid-send. After the send one
/// transaction marks it sent (or schedules the retry, or gives up) and writes the outcome on the ticket's timeline.
public struct MailOutboxSender: Sendable {
    /// Sends messages over one connection; answers one result each, in order (`SmtpClient.sendAll`).
    public typealias Transport = @Sendable (_ messages: [SmtpClient.Outgoing]) async -> [Result<String, SmtpClient.Failure>]

    let store: any Store
    let settings: SmtpSettings
    let transport: Transport
    let logger: Logger

    public init(store: any Store, settings: SmtpSettings, transport: Transport? = nil, logger: Logger = Logger(label: "kefu.mail-outbox")) {
        self.store = store
        self.settings = settings
        let client = SmtpClient(settings: settings)
        self.transport = transport ?? { await client.sendAll($0) }
        self.logger = logger
    }

    struct Claimed: Sendable {
        let id: String
        /// nil: a message of no ticket (#16.6 a portal sign-in link): nothing to write on a timeline.
        let ticketId: String?
        let kind: String
        let to: String
        let messageId: String
        let raw: String
        let attempts: Int
    }

    /// One pass: sends what is due, a batch at a time, until the outbox has no more due or `budgetSeconds` are spent;
    /// answers how many went out. #16 item 8: a batch goes over `OutboundMailRules.connections` connections at once,
    /// several messages per connection, and its outcomes are written in one transaction.
    @discardableResult
    /// #17.5: messages waiting (due or backing off), for `/metrics`.
    public func pendingCount() async throws -> Int {
        try await store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'pending'").first()!.decode(column: "n", as: Int.self)
        }
    }

    public func deliverDue(now: Date = Date(), batch: Int = OutboundMailRules.batch, budgetSeconds: Double = 5) async throws -> Int {
        let started = Date()
        var sent = 0
        while true {
            let claimed = try await claim(now: now, limit: batch)
            if claimed.isEmpty { break }
            sent += try await send(claimed)
            if claimed.count < batch || Date().timeIntervalSince(started) >= budgetSeconds { break }
        }
        return sent
    }

    func claim(now: Date, limit: Int) async throws -> [Claimed] {
        let at = Clock.millis(now)
        let skipLocked = store.dialect.rowLock(skipLocked: true)
        return try await store.write { db in
            let rows = try await db.raw("""
                SELECT id, ticket_id, kind, to_address, message_id, raw, attempts FROM mail_outbox
                WHERE status = 'pending' AND next_attempt_at <= \(bind: at) ORDER BY next_attempt_at, id LIMIT \(bind: limit)\(unsafeRaw: skipLocked)
                """).all()
            let items = try rows.map {
                Claimed(id: try $0.decode(column: "id", as: String.self), ticketId: try $0.decode(column: "ticket_id", as: String?.self),
                        kind: try $0.decode(column: "kind", as: String.self), to: try $0.decode(column: "to_address", as: String.self),
                        messageId: try $0.decode(column: "message_id", as: String.self), raw: try $0.decode(column: "raw", as: String.self),
                        attempts: try $0.decode(column: "attempts", as: Int.self))
            }
            if !items.isEmpty {
                try await db.raw("""
                    UPDATE mail_outbox SET next_attempt_at = \(bind: at + OutboundMailRules.claimMillis)
                    WHERE id IN (\(SQLList(items.map { SQLBind($0.id) })))
                    """).run()
            }
            return items
        }
    }

    /// Sends the claimed messages, `OutboundMailRules.connections` connections at once, and records every outcome.
    func send(_ claimed: [Claimed]) async throws -> Int {
        let from = settings.from.address
        let chunks = OutboundMailRules.chunks(claimed.count)
        let transport = self.transport
        let outcomes: [(Claimed, Result<String, SmtpClient.Failure>)] = await withTaskGroup(of: [(Claimed, Result<String, SmtpClient.Failure>)].self) { group in
            for range in chunks {
                let part = Array(claimed[range])
                group.addTask {
                    let results = await transport(part.map { SmtpClient.Outgoing(message: Array($0.raw.utf8), from: from, recipients: [$0.to]) })
                    return zip(part, results).map { ($0, $1) }
                }
            }
            var all: [(Claimed, Result<String, SmtpClient.Failure>)] = []
            for await part in group { all += part }
            return all
        }
        let doneAt = Clock.millis(Date())
        let dialect = store.dialect
        try await store.write { db in
            for (c, outcome) in outcomes {
                try await Self.record(db, dialect: dialect, c, outcome, at: doneAt)
            }
        }
        var sent = 0
        for (c, outcome) in outcomes {
            switch outcome {
            case .success: sent += 1
            case .failure(let failure):
                logger.warning("mail not sent", metadata: ["id": "\(c.id)", "attempt": "\(c.attempts + 1)", "error": "\(failure.description)"])
            }
        }
        return sent
    }

    /// The outcome of one attempt: sent, tried again later, or given up (and the ticket's timeline told either way it ends).
    static func record(_ db: any SQLDatabase, dialect: StoreDialect, _ c: Claimed, _ outcome: Result<String, SmtpClient.Failure>, at doneAt: Int64) async throws {
        let attempt = c.attempts + 1
        switch outcome {
        case .success(let reply):
            try await db.raw("""
                UPDATE mail_outbox SET status = 'sent', attempts = \(bind: attempt), sent_at = \(bind: doneAt),
                    server_reply = \(bind: String(reply.prefix(500))), last_error = NULL WHERE id = \(bind: c.id) AND status = 'pending'
                """).run()
            if c.kind == OutboundMail.Kind.portalLink.rawValue {
                // #16.6: a sent sign-in mail keeps no copy of its link (only the link's hash is kept, in portal_links).
                try await db.raw("UPDATE mail_outbox SET raw = '' WHERE id = \(bind: c.id)").run()
            }
            if let ticketId = c.ticketId {
                try await TicketsFromMail.recordOutboundMail(db, dialect: dialect, ticketId: ticketId, kind: c.kind, to: c.to,
                                                             messageId: c.messageId, error: nil, at: doneAt)
            }
        case .failure(let failure):
            let error = String(failure.description.prefix(500))
            switch OutboundMailRules.afterFailure(attempt: attempt, permanent: failure.permanent, nowMillis: doneAt) {
            case .retry(let next):
                try await db.raw("""
                    UPDATE mail_outbox SET attempts = \(bind: attempt), last_error = \(bind: error), next_attempt_at = \(bind: next)
                    WHERE id = \(bind: c.id) AND status = 'pending'
                    """).run()
            case .failed:
                try await db.raw("""
                    UPDATE mail_outbox SET status = 'failed', attempts = \(bind: attempt), last_error = \(bind: error)
                    WHERE id = \(bind: c.id) AND status = 'pending'
                    """).run()
                if let ticketId = c.ticketId {
                    try await TicketsFromMail.recordOutboundMail(db, dialect: dialect, ticketId: ticketId, kind: c.kind, to: c.to,
                                                                 messageId: c.messageId, error: error, at: doneAt)
                }
            }
        }
    }
}
