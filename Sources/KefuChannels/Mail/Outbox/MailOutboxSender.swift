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
    /// Sends RFC 5322 bytes from an envelope sender to recipients; answers the server's reply.
    public typealias Transport = @Sendable (_ message: [UInt8], _ from: String, _ to: [String]) async throws -> String

    let store: any Store
    let settings: SmtpSettings
    let transport: Transport
    let logger: Logger

    public init(store: any Store, settings: SmtpSettings, transport: Transport? = nil, logger: Logger = Logger(label: "kefu.mail-outbox")) {
        self.store = store
        self.settings = settings
        let client = SmtpClient(settings: settings)
        self.transport = transport ?? { try await client.send($0, envelopeFrom: $1, recipients: $2) }
        self.logger = logger
    }

    struct Claimed: Sendable {
        let id: String
        let ticketId: String
        let kind: String
        let to: String
        let messageId: String
        let raw: String
        let attempts: Int
    }

    /// One pass: sends what is due; answers how many went out.
    @discardableResult
    public func deliverDue(now: Date = Date(), limit: Int = 20) async throws -> Int {
        let at = Clock.millis(now)
        let skipLocked = store.dialect.rowLock(skipLocked: true)
        let claimed: [Claimed] = try await store.write { db in
            let rows = try await db.raw("""
                SELECT id, ticket_id, kind, to_address, message_id, raw, attempts FROM mail_outbox
                WHERE status = 'pending' AND next_attempt_at <= \(bind: at) ORDER BY next_attempt_at, id LIMIT \(bind: limit)\(unsafeRaw: skipLocked)
                """).all()
            let items = try rows.map {
                Claimed(id: try $0.decode(column: "id", as: String.self), ticketId: try $0.decode(column: "ticket_id", as: String.self),
                        kind: try $0.decode(column: "kind", as: String.self), to: try $0.decode(column: "to_address", as: String.self),
                        messageId: try $0.decode(column: "message_id", as: String.self), raw: try $0.decode(column: "raw", as: String.self),
                        attempts: try $0.decode(column: "attempts", as: Int.self))
            }
            for c in items {
                try await db.raw("UPDATE mail_outbox SET next_attempt_at = \(bind: at + OutboundMailRules.claimMillis) WHERE id = \(bind: c.id)").run()
            }
            return items
        }
        var sent = 0
        for c in claimed {
            let outcome: Result<String, SmtpClient.Failure>
            do {
                outcome = .success(try await transport(Array(c.raw.utf8), settings.from.address, [c.to]))
            } catch let failure as SmtpClient.Failure {
                outcome = .failure(failure)
            } catch {
                outcome = .failure(SmtpClient.Failure(permanent: false, description: "\(error)"))
            }
            let doneAt = Clock.millis(Date())
            let attempt = c.attempts + 1
            let dialect = store.dialect
            try await store.write { db in
                switch outcome {
                case .success(let reply):
                    try await db.raw("""
                        UPDATE mail_outbox SET status = 'sent', attempts = \(bind: attempt), sent_at = \(bind: doneAt),
                            server_reply = \(bind: String(reply.prefix(500))), last_error = NULL WHERE id = \(bind: c.id) AND status = 'pending'
                        """).run()
                    try await TicketsFromMail.recordOutboundMail(db, dialect: dialect, ticketId: c.ticketId, kind: c.kind, to: c.to,
                                                                 messageId: c.messageId, error: nil, at: doneAt)
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
                        try await TicketsFromMail.recordOutboundMail(db, dialect: dialect, ticketId: c.ticketId, kind: c.kind, to: c.to,
                                                                     messageId: c.messageId, error: error, at: doneAt)
                    }
                }
            }
            if case .failure(let failure) = outcome {
                logger.warning("mail not sent", metadata: ["id": "\(c.id)", "attempt": "\(attempt)", "error": "\(failure.description)"])
            } else {
                sent += 1
            }
        }
        return sent
    }
}
