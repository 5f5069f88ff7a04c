import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #16.1: messages Kefu could not take whole (unparseable, no sender, over a sender's rate), kept with the raw bytes
/// and the reason for the head office's administrators: list, look at, download, re-ingest (after a parser fix or once
/// the flood is over), discard. Each step is one transaction with an audit row.
public struct MailQuarantine: Sendable {
    let store: any Store
    let intake: MailIntakeService

    public init(store: any Store, intake: MailIntakeService) {
        self.store = store
        self.intake = intake
    }

    public struct Entry: Codable, Sendable {
        public let id: String
        public let reason: String
        public let detail: String
        public let from: String
        public let subject: String
        public let recipient: String?
        public let size: Int64
        public let sha256: String
        public let receivedAt: String
        public let status: String
        public let resolvedAt: String?
        public let resolvedBy: String?
        public let resultMailId: String?
        /// Header fields as far as they could be read (detail only).
        public var headers: [[String]]?

        static let columns = "id, reason, detail, from_address, subject, recipient, size_bytes, raw_sha256, received_at, status, resolved_at, resolved_by, result_mail_id"

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            reason = try row.decode(column: "reason", as: String.self)
            detail = try row.decode(column: "detail", as: String.self)
            from = try row.decode(column: "from_address", as: String.self)
            subject = try row.decode(column: "subject", as: String.self)
            recipient = try row.decode(column: "recipient", as: String?.self)
            size = try row.decode(column: "size_bytes", as: Int64.self)
            sha256 = try row.decode(column: "raw_sha256", as: String.self)
            receivedAt = Times.rfc3339(try row.decode(column: "received_at", as: Int64.self))
            status = try row.decode(column: "status", as: String.self)
            resolvedAt = try row.decode(column: "resolved_at", as: Int64?.self).map(Times.rfc3339)
            resolvedBy = try row.decode(column: "resolved_by", as: String?.self)
            resultMailId = try row.decode(column: "result_mail_id", as: String?.self)
        }
    }

    /// The head office's administrators: a quarantined message belongs to no unit until it is read.
    static func requireAdmin(_ viewer: Principal) throws {
        guard viewer.isAdmin, viewer.coversWholeOrganisation else {
            throw AppError.forbidden(Text("只有总部管理员可以处理隔离邮件", "Only head-office administrators handle quarantined mail"))
        }
    }

    /// `status`: `held` (default), `reingested`, `discarded` or `all`; newest first.
    public func list(status rawStatus: String?, paging: Paging, viewer: Principal) async throws -> ListPage<Entry> {
        try Self.requireAdmin(viewer)
        let status = TextRules.trimmed(rawStatus) ?? "held"
        guard ["held", "reingested", "discarded", "all"].contains(status) else {
            throw AppError.validation("status", Text("状态必须是 held、reingested、discarded 或 all", "status must be held, reingested, discarded or all"))
        }
        let filter: SQLQueryString = status == "all" ? "1 = 1" : "status = \(bind: status)"
        return try await store.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM mail_quarantine WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: Entry.columns) FROM mail_quarantine WHERE \(filter) ORDER BY received_at DESC, id DESC
                LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
                """).all()
            return ListPage(items: try rows.map(Entry.init(row:)), page: paging.page, per: paging.per, total: total)
        }
    }

    public func get(id: String, viewer: Principal) async throws -> Entry {
        try Self.requireAdmin(viewer)
        let limit = intake.limits
        return try await store.read { db in
            guard let row = try await db.raw("SELECT \(unsafeRaw: Entry.columns), raw FROM mail_quarantine WHERE id = \(bind: id)").first() else {
                throw AppError.notFound(Text("隔离邮件", "Quarantined message"))
            }
            var entry = try Entry(row: row)
            let raw = [UInt8](try row.decode(column: "raw", as: Data.self))
            entry.headers = MimeParser.headerFields(raw, codecs: IconvMailCodecs(), limits: limit).map { [$0.name, $0.value] }
            return entry
        }
    }

    public func raw(id: String, viewer: Principal) async throws -> [UInt8] {
        try Self.requireAdmin(viewer)
        return try await store.read { db in
            guard let row = try await db.raw("SELECT raw FROM mail_quarantine WHERE id = \(bind: id)").first() else {
                throw AppError.notFound(Text("隔离邮件", "Quarantined message"))
            }
            return [UInt8](try row.decode(column: "raw", as: Data.self))
        }
    }

    /// Takes the message in again (no rate limit: an administrator decided). Quarantined again, it stays `held` with
    /// the new reason; else it is `reingested` and points at its `inbound_mail` row.
    public func reingest(id: String, by actor: Principal, now: Date = Date()) async throws -> MailIntakeService.Result {
        try Self.requireAdmin(actor)
        let (raw, recipient) = try await store.read { db -> ([UInt8], String?) in
            guard let row = try await db.raw("SELECT raw, recipient, status FROM mail_quarantine WHERE id = \(bind: id)").first() else {
                throw AppError.notFound(Text("隔离邮件", "Quarantined message"))
            }
            guard try row.decode(column: "status", as: String.self) == "held" else {
                throw AppError.conflict("not_held", Text("这封邮件已处理过", "This message has already been dealt with"))
            }
            return ([UInt8](try row.decode(column: "raw", as: Data.self)), try row.decode(column: "recipient", as: String?.self))
        }
        let at = Clock.millis(now)
        // The message taken in and this entry closed in one transaction; quarantined again, the new entry holds it.
        return try await intake.take(raw, recipient: recipient, intake: actor, checkRateLimit: false, now: now) { db, result in
            let changed = try await db.raw("""
                UPDATE mail_quarantine SET status = 'reingested', resolved_at = \(bind: at), resolved_by = \(bind: actor.userId),
                result_mail_id = \(bind: result.mailId) WHERE id = \(bind: id) AND status = 'held' RETURNING id
                """).all()
            guard !changed.isEmpty else { throw AppError.conflict("not_held", Text("这封邮件已处理过", "This message has already been dealt with")) }
            try await AuditTrail.record(db, actorId: actor.userId, action: "mail.quarantine.reingested", entity: "mail_quarantine", entityId: id,
                                        detail: ["outcome": result.outcome.rawValue, "ticketId": result.ticketId ?? "",
                                                 "quarantineId": result.quarantineId ?? ""], at: at)
        }
    }

    public func discard(id: String, by actor: Principal, now: Date = Date()) async throws -> Entry {
        try Self.requireAdmin(actor)
        let at = Clock.millis(now)
        return try await store.write { db in
            guard let row = try await db.raw("SELECT status FROM mail_quarantine WHERE id = \(bind: id)").first() else {
                throw AppError.notFound(Text("隔离邮件", "Quarantined message"))
            }
            guard try row.decode(column: "status", as: String.self) == "held" else {
                throw AppError.conflict("not_held", Text("这封邮件已处理过", "This message has already been dealt with"))
            }
            try await db.raw("""
                UPDATE mail_quarantine SET status = 'discarded', resolved_at = \(bind: at), resolved_by = \(bind: actor.userId) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "mail.quarantine.discarded", entity: "mail_quarantine", entityId: id, at: at)
            return try Entry(row: try await db.raw("SELECT \(unsafeRaw: Entry.columns) FROM mail_quarantine WHERE id = \(bind: id)").first()!)
        }
    }
}
