import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #16 item 2: the outbox as the head office's administrators see it — what is waiting, sent and failed, newest first,
/// by ticket — and the retry of a failed message (one transaction, audited; the same Message-ID, so a customer whose
/// server did take the first attempt sees one message).
public struct MailOutboxLog: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    public struct Entry: Codable, Sendable {
        public let id: String
        /// nil: a message of no ticket (#16.6 a portal sign-in link).
        public let ticketId: String?
        public let kind: String
        public let to: String
        public let subject: String
        public let messageId: String
        public let status: String
        public let attempts: Int
        public let nextAttemptAt: String?
        public let lastError: String?
        public let serverReply: String?
        public let createdAt: String
        public let sentAt: String?

        static let columns = "id, ticket_id, kind, to_address, subject, message_id, status, attempts, next_attempt_at, last_error, server_reply, created_at, sent_at"

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            ticketId = try row.decode(column: "ticket_id", as: String?.self)
            kind = try row.decode(column: "kind", as: String.self)
            to = try row.decode(column: "to_address", as: String.self)
            subject = try row.decode(column: "subject", as: String.self)
            messageId = try row.decode(column: "message_id", as: String.self)
            status = try row.decode(column: "status", as: String.self)
            attempts = try row.decode(column: "attempts", as: Int.self)
            nextAttemptAt = status == "pending" ? Times.rfc3339(try row.decode(column: "next_attempt_at", as: Int64.self)) : nil
            lastError = try row.decode(column: "last_error", as: String?.self)
            serverReply = try row.decode(column: "server_reply", as: String?.self)
            createdAt = Times.rfc3339(try row.decode(column: "created_at", as: Int64.self))
            sentAt = try row.decode(column: "sent_at", as: Int64?.self).map(Times.rfc3339)
        }
    }

    public static let statuses = ["pending", "sent", "failed", "all"]

    public func list(status rawStatus: String?, ticketId: String?, paging: Paging, viewer: Principal) async throws -> ListPage<Entry> {
        try MailQuarantine.requireAdmin(viewer)
        let status = TextRules.trimmed(rawStatus) ?? "all"
        guard Self.statuses.contains(status) else {
            throw AppError.validation("status", Text("状态必须是 pending、sent、failed 或 all", "status must be pending, sent, failed or all"))
        }
        var conditions: [SQLQueryString] = []
        if status != "all" { conditions.append("status = \(bind: status)") }
        if let ticketId = TextRules.trimmed(ticketId) { conditions.append("ticket_id = \(bind: ticketId)") }
        let filter: SQLQueryString = conditions.isEmpty ? "1 = 1" : "\(SQLList(conditions, separator: SQLRaw(" AND ")))"
        return try await store.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: Entry.columns) FROM mail_outbox WHERE \(filter) ORDER BY created_at DESC, id DESC
                LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
                """).all()
            return ListPage(items: try rows.map(Entry.init(row:)), page: paging.page, per: paging.per, total: total)
        }
    }

    /// A failed message is queued again, due now, with its attempts counted afresh.
    public func retry(id: String, by actor: Principal, now: Date = Date()) async throws -> Entry {
        try MailQuarantine.requireAdmin(actor)
        let at = Clock.millis(now)
        return try await store.write { db in
            guard let row = try await db.raw("SELECT status FROM mail_outbox WHERE id = \(bind: id)").first() else {
                throw AppError.notFound(Text("待发邮件", "Outgoing message"))
            }
            guard try row.decode(column: "status", as: String.self) == "failed" else {
                throw AppError.conflict("not_failed", Text("只有发送失败的邮件可以重发", "Only a message that failed can be sent again"))
            }
            try await db.raw("UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "mail.retry", entity: "mail_outbox", entityId: id, at: at)
            return try Entry(row: try await db.raw("SELECT \(unsafeRaw: Entry.columns) FROM mail_outbox WHERE id = \(bind: id)").first()!)
        }
    }
}
