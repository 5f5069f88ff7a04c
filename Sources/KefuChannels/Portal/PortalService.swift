import Foundation
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #16.6 the customer portal (CH-01): the only place its state changes — a sign-in link asked for and mailed, a link
/// used for a session, a session ended, a customer's answer on a ticket — each in one transaction with its audit row.
/// Tokens (of links and of sessions) are kept as hashes only. Tickets are read and answered through
/// `TicketsForPortal` (the service desk's own functions).
public struct PortalService: Sendable {
    let store: any Store
    let outbox: MailOutbox?
    let tickets: TicketsForPortal
    let baseURL: PublicBaseURL?
    /// The largest file a customer may attach: the same limit as a whole inbound mail (`KEFU_MAIL_MAX_BYTES`, 25 MB).
    let maxFileBytes: Int
    /// #16.6 satisfaction through the survey engine (nil: no ratings offered).
    let ratings: (any PortalRatings)?

    /// `outbox` nil: outbound mail is not configured (`KEFU_SMTP_URL`), so no link can be sent and the sign-in page
    /// says so. `baseURL`: `KEFU_BASE_URL`, the origin the mailed links point to; without it no link is mailed either:
    /// a link built from the request's Host header would let anyone ask for a victim's link pointing at their own site.
    public init(store: any Store, tickets: TicketService, outbox: MailOutbox?, baseURL: PublicBaseURL?, maxFileBytes: Int = MailLimits().maxMessageBytes,
                ratings: (any PortalRatings)? = nil) {
        self.ratings = ratings
        self.maxFileBytes = maxFileBytes
        self.store = store
        self.outbox = outbox
        self.tickets = TicketsForPortal(tickets: tickets)
        self.baseURL = baseURL
    }

    public var mailAvailable: Bool { outbox != nil && baseURL != nil }

    /// Why signing in by mail is not offered (nil: it is).
    public var unavailable: AppError? {
        if outbox == nil { return Self.noOutgoingMail }
        if baseURL == nil { return Self.noBaseURL }
        return nil
    }

    public static let noOutgoingMail = AppError(.serviceUnavailable, "portal_mail_unavailable",
                                                Text("暂不支持通过邮件登录：系统尚未配置外发邮件。请致电客服中心查询工单。",
                                                     "Signing in by mail is not available: outgoing mail is not set up. Please call the service centre about your tickets."))
    public static let noBaseURL = AppError(.serviceUnavailable, "portal_base_url_missing",
                                           Text("暂不支持通过邮件登录：系统尚未设置对外访问地址（KEFU_BASE_URL）。请致电客服中心查询工单。",
                                                "Signing in by mail is not available: the site's public address (KEFU_BASE_URL) is not set. Please call the service centre about your tickets."))

    public enum LinkOutcome: Sendable, Equatable { case accepted, throttled }

    /// A sign-in link for `email`: recorded always (the throttle counts every request), mailed only when a customer
    /// has that address; the answer is the same either way (no one learns which addresses are known).
    public func requestLink(email raw: String?, client: String, now: Date = Date()) async throws -> LinkOutcome {
        guard let outbox, let baseURL else { throw unavailable ?? Self.noOutgoingMail }
        guard let email = PortalRules.address(raw) else {
            throw AppError.validation("email", Text("请填写有效的电子邮箱地址", "Enter a valid e-mail address"))
        }
        let at = Clock.millis(now)
        let token = Secrets.randomToken()
        let link = baseURL.absolute("/portal/in/" + token)
        let clientKey = ClientKey.hash(client, purpose: "portal-link")
        return try await store.write { db in
            let since = at - PortalRules.throttleWindowMillis
            let forAddress = try await db.raw("""
                SELECT COUNT(*) AS n FROM portal_links WHERE email = \(bind: email) AND created_at > \(bind: since)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            let forClient = try await db.raw("""
                SELECT COUNT(*) AS n FROM portal_links WHERE requester = \(bind: clientKey) AND created_at > \(bind: since)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            guard PortalRules.mayRequestLink(recentForAddress: forAddress, recentForClient: forClient) else {
                try await AuditTrail.record(db, actorId: nil, action: "portal.link_throttled", entity: "portal_links", entityId: email,
                                            detail: ["client": clientKey], at: at)
                return .throttled
            }
            let known = try await TicketsForPortal.hasCustomer(db, email: email)
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO portal_links (id, email, token_hash, mailed, requester, created_at, expires_at, used_at)
                VALUES (\(bind: id), \(bind: email), \(bind: Secrets.hash(token)), \(bind: known ? 1 : 0), \(bind: clientKey), \(bind: at),
                        \(bind: at + PortalRules.linkLifetimeMillis), NULL)
                """).run()
            if known { try await outbox.enqueuePortalLink(db, to: email, link: link, at: at) }
            try await AuditTrail.record(db, actorId: nil, action: "portal.link_requested", entity: "portal_links", entityId: id,
                                        detail: ["email": email, "client": clientKey, "mailed": known ? "yes" : "no"], at: at)
            return .accepted
        }
    }

    public enum SignIn: Sendable, Equatable {
        /// The new session's token (the cookie's value).
        case signedIn(token: String)
        case used, expired, unknown
    }

    /// What a link from the mail would do now, without spending it (nil: no such link). Opening the link only shows
    /// a sign-in button: mail gateways and link scanners fetch links before the customer does, and a link spent by
    /// the scanner would leave the customer with a "used" page.
    public func linkState(token: String, now: Date = Date()) async throws -> PortalRules.LinkState? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        let hash = Secrets.hash(token)
        return try await store.read { db in
            guard let row = try await db.raw("SELECT mailed, expires_at, used_at FROM portal_links WHERE token_hash = \(bind: hash)").first(),
                  try row.decode(column: "mailed", as: Int.self) == 1 else { return nil }
            return PortalRules.linkState(expiresAt: try row.decode(column: "expires_at", as: Int64.self),
                                         usedAt: try row.decode(column: "used_at", as: Int64?.self), now: Clock.millis(now))
        }
    }

    /// A link from the mail: when valid, unexpired and unused, it is spent and a session begins.
    public func signIn(token: String, now: Date = Date()) async throws -> SignIn {
        guard !token.isEmpty, token.count <= 128 else { return .unknown }
        let hash = Secrets.hash(token)
        let at = Clock.millis(now)
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            guard let row = try await db.raw("""
                SELECT id, email, mailed, expires_at, used_at FROM portal_links WHERE token_hash = \(bind: hash)\(unsafeRaw: lock)
                """).first(), try row.decode(column: "mailed", as: Int.self) == 1 else { return .unknown }
            let linkId = try row.decode(column: "id", as: String.self), email = try row.decode(column: "email", as: String.self)
            switch PortalRules.linkState(expiresAt: try row.decode(column: "expires_at", as: Int64.self),
                                         usedAt: try row.decode(column: "used_at", as: Int64?.self), now: at) {
            case .used: return .used
            case .expired: return .expired
            case .valid: break
            }
            try await db.raw("UPDATE portal_links SET used_at = \(bind: at) WHERE id = \(bind: linkId)").run()
            let session = Secrets.randomToken(), sessionId = Clock.newID()
            try await db.raw("""
                INSERT INTO portal_sessions (id, token_hash, email, link_id, created_at, last_seen_at, expires_at, revoked_at)
                VALUES (\(bind: sessionId), \(bind: Secrets.hash(session)), \(bind: email), \(bind: linkId), \(bind: at), \(bind: at),
                        \(bind: PortalRules.sessionExpiry(createdAt: at, lastSeenAt: at)), NULL)
                """).run()
            try await AuditTrail.record(db, actorId: nil, action: "portal.signed_in", entity: "portal_sessions", entityId: sessionId,
                                        detail: ["email": email, "linkId": linkId], at: at)
            return .signedIn(token: session)
        }
    }

    /// A signed-in customer: the session and the address it is for.
    public struct Session: Sendable {
        public let id: String
        public let email: String
    }

    /// The session of a portal cookie; nil when there is none, or it ended (signed out, 8 idle hours, 7 days).
    /// The last view is written at most once a minute.
    public func session(cookie: String?, now: Date = Date()) async throws -> Session? {
        guard let cookie, !cookie.isEmpty, cookie.count <= 128 else { return nil }
        let hash = Secrets.hash(cookie)
        let at = Clock.millis(now)
        guard let row = try await store.read({ db in
            try await db.raw("""
                SELECT id, email, created_at, last_seen_at, revoked_at FROM portal_sessions WHERE token_hash = \(bind: hash)
                """).first().map { r in
                (id: try r.decode(column: "id", as: String.self), email: try r.decode(column: "email", as: String.self),
                 created: try r.decode(column: "created_at", as: Int64.self), seen: try r.decode(column: "last_seen_at", as: Int64.self),
                 revoked: try r.decode(column: "revoked_at", as: Int64?.self))
            }
        }) else { return nil }
        guard row.revoked == nil, at < PortalRules.sessionExpiry(createdAt: row.created, lastSeenAt: row.seen) else { return nil }
        if at - row.seen >= PortalRules.touchEveryMillis {
            let expires = PortalRules.sessionExpiry(createdAt: row.created, lastSeenAt: at)
            try await store.writeStatement { db in
                try await db.raw("""
                    UPDATE portal_sessions SET last_seen_at = \(bind: at), expires_at = \(bind: expires) WHERE id = \(bind: row.id) AND revoked_at IS NULL
                    """).run()
            }
        }
        return Session(id: row.id, email: row.email)
    }

    public func signOut(cookie: String?, now: Date = Date()) async throws {
        guard let cookie, !cookie.isEmpty, cookie.count <= 128 else { return }
        let hash = Secrets.hash(cookie)
        let at = Clock.millis(now)
        try await store.write { db in
            guard let row = try await db.raw("SELECT id, email FROM portal_sessions WHERE token_hash = \(bind: hash) AND revoked_at IS NULL").first() else { return }
            let id = try row.decode(column: "id", as: String.self)
            try await db.raw("UPDATE portal_sessions SET revoked_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: nil, action: "portal.signed_out", entity: "portal_sessions", entityId: id,
                                        detail: ["email": try row.decode(column: "email", as: String.self)], at: at)
        }
    }

    public static let closedForReplies = AppError.conflict("ticket_closed", Text("该工单已关闭，不能再回复。如有新问题，请重新联系我们。",
                                                                                  "This ticket is closed; replies are closed. For a new question, please contact us again."))

    /// The customer's answer on one of their tickets: not empty, at most `PortalRules.replyMax` characters; a public
    /// comment by the customer as their mail would be (it reopens a resolved ticket). Another customer's ticket is
    /// not found (404); a closed one refuses it (409).
    /// A file sent with an answer.
    public struct Upload: Sendable {
        public let fileName: String
        public let bytes: [UInt8]

        public init(fileName: String, bytes: [UInt8]) {
            self.fileName = fileName
            self.bytes = bytes
        }
    }

    /// The file's name as kept: the last path part, without control characters, at most 200 characters.
    static func fileName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? "file" : String(clean.prefix(200))
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "pdf": return "application/pdf"
        case "txt": return "text/plain"
        default: return "application/octet-stream"
        }
    }

    /// The customer's answer on one of their tickets: not empty, at most `PortalRules.replyMax` characters; a public
    /// comment by the customer as their mail would be (it reopens a resolved ticket), with the file when one is sent
    /// (kept with its size and SHA-256 like a mail's attachment, named at the end of the comment as a mail's are).
    /// Another customer's ticket is not found (404); a closed one refuses it (409).
    public func reply(session: Session, number: String, text raw: String?, file: Upload? = nil, now: Date = Date()) async throws {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw AppError.validation("body", Text("请填写回复内容", "Write your reply first")) }
        guard text.count <= PortalRules.replyMax else {
            throw AppError.validation("body", Text("回复不能超过 {0} 个字", "A reply is at most {0} characters").with(String(PortalRules.replyMax)))
        }
        if let file {
            guard !file.bytes.isEmpty else { throw AppError.validation("file", Text("附件是空文件", "The attached file is empty")) }
            guard file.bytes.count <= maxFileBytes else {
                throw AppError.validation("file", Text("附件过大：上限 {0} MB", "The file is too large: the limit is {0} MB").with(String(maxFileBytes / 1_048_576)))
            }
        }
        let name = file.map { Self.fileName($0.fileName) }
        let comment = name.map { text + "\n\n附件 / Attachments: " + $0 } ?? text
        let at = Clock.millis(now)
        let tickets = self.tickets
        try await store.write { db in
            guard let ticket = try await TicketsForPortal.detail(db, email: session.email, number: number) else {
                throw AppError.notFound(Text("工单", "Ticket"))
            }
            guard PortalRules.mayReply(ticket.status) else { throw Self.closedForReplies }
            let commentId = try await tickets.reply(db, ticketId: ticket.id, text: comment, now: now)
            var detail = ["ticketId": ticket.id, "email": session.email, "session": session.id]
            if let file, let name {
                let fileId = Clock.newID()
                let sha = IconvMailCodecs().sha256Hex(file.bytes)
                try await db.raw("""
                    INSERT INTO portal_attachments (id, ticket_id, comment_id, file_name, content_type, size_bytes, sha256, bytes, created_at)
                    VALUES (\(bind: fileId), \(bind: ticket.id), \(bind: commentId), \(bind: name), \(bind: Self.contentType(name)),
                            \(bind: Int64(file.bytes.count)), \(bind: sha), \(bind: Data(file.bytes)), \(bind: at))
                    """).run()
                detail["attachment"] = fileId
                detail["sha256"] = sha
            }
            try await AuditTrail.record(db, actorId: nil, action: "portal.replied", entity: "ticket_comments", entityId: commentId, detail: detail, at: at)
        }
    }

    /// The customer's rating of one of their resolved or closed tickets (five levels, SAT-04; a comment if they like),
    /// recorded once by the survey engine; a second is refused politely (409).
    public func rate(session: Session, number: String, overall raw: String?, comment rawComment: String?, now: Date = Date()) async throws {
        guard let ratings else { throw AppError.notFound(Text("评价", "Rating")) }
        guard let overall = raw.flatMap({ Int($0) }), SatisfactionLevel(rawValue: overall) != nil else {
            throw AppError.validation("overall", Text("请选择一个评价", "Choose a rating"))
        }
        let comment = (rawComment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard comment.count <= PortalRules.ratingCommentMax else {
            throw AppError.validation("comment", Text("意见不能超过 {0} 个字", "A comment is at most {0} characters").with(String(PortalRules.ratingCommentMax)))
        }
        guard let ticket = try await store.read({ db in try await TicketsForPortal.detail(db, email: session.email, number: number) }) else {
            throw AppError.notFound(Text("工单", "Ticket"))
        }
        guard PortalRules.mayRate(ticket.status) else {
            throw AppError.conflict("ticket_not_resolved", Text("工单解决后才能评价", "A ticket can be rated once it is resolved"))
        }
        try await ratings.rate(ticketId: ticket.id, overall: overall, comment: comment.isEmpty ? nil : comment, now: now)
    }

    /// A file of one of the signed-in customer's tickets (sent from the portal or with their mail); nil when there is
    /// none or the ticket is not theirs.
    public func file(session: Session, id: String) async throws -> (name: String, type: String, bytes: Data)? {
        try await store.read { db in
            guard let row = try await db.raw("""
                SELECT ticket_id, file_name, content_type, bytes FROM portal_attachments WHERE id = \(bind: id)
                UNION ALL SELECT ticket_id, file_name, content_type, bytes FROM inbound_mail_attachments WHERE id = \(bind: id) AND ticket_id IS NOT NULL
                """).first(),
                try await TicketsForPortal.owns(db, email: session.email, ticketId: try row.decode(column: "ticket_id", as: String.self)) else { return nil }
            return (try row.decode(column: "file_name", as: String.self), try row.decode(column: "content_type", as: String.self),
                    try row.decode(column: "bytes", as: Data.self))
        }
    }
}
