import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

public struct NotificationView: Codable, Sendable {
    public let id: String
    public let kind: String
    @Nullable public var ticketId: String?
    public let title: String
    public let body: String
    public let at: String
    @Nullable public var readAt: String?
    /// #11.4: the record's page, a path on this site (`/tickets/{id}`, `/complaints/{id}`, …); null for an old
    /// notification that named none. Opening `/notifications/{id}/open` marks it read and leads there.
    @Nullable public var link: String?
}

public struct NotificationPage: Codable, Sendable {
    public let items: [NotificationView]
    public let page: Int
    public let per: Int
    public let total: Int
    public let unread: Int
    /// #11.6: when each notification on the page was delivered, by id, decoded in the query (the page only formats it).
    public var deliveredAt: [String: Instant] = [:]

    enum CodingKeys: String, CodingKey { case items, page, per, total, unread }
}

public struct WebhookInput: Codable, Sendable {
    public var url: String?
    public var secret: String?
    public var format: String?
    public var active: Bool?
}

/// The signed-in user's in-app notifications (the bell), and each unit's outgoing webhook.
public struct NotificationService: Sendable {
    let store: any Store
    /// #10.10: where a webhook may point.
    let webhookTargets: WebhookTargets

    public init(store: any Store, webhookTargets: WebhookTargets) {
        self.store = store
        self.webhookTargets = webhookTargets
    }

    /// What the user may see now: alerts held until business hours appear then.
    public func list(for viewer: Principal, unreadOnly: Bool, paging: Paging, now: Date = Date()) async throws -> NotificationPage {
        let at = Clock.millis(now)
        return try await store.read { db in
            let unreadFilter: SQLQueryString = unreadOnly ? " AND read_at IS NULL" : ""
            let total = try await db.raw("""
                SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: viewer.userId) AND deliver_at <= \(bind: at)\(unreadFilter)
                """).first()!.decode(column: "n", as: Int.self)
            let unread = try await Self.unreadCount(db, userId: viewer.userId, at: at)
            let rows = try await db.raw("""
                SELECT id, kind, ticket_id, title, body, deliver_at, read_at, link FROM notifications
                WHERE user_id = \(bind: viewer.userId) AND deliver_at <= \(bind: at)\(unreadFilter)
                ORDER BY deliver_at DESC, id DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
                """).all()
            let items = try rows.map { row in
                NotificationView(id: try row.decode(column: "id", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                                 ticketId: try row.decode(column: "ticket_id", as: String?.self), title: try row.decode(column: "title", as: String.self),
                                 body: try row.decode(column: "body", as: String.self),
                                 at: Times.rfc3339(try row.decode(column: "deliver_at", as: Int64.self)),
                                 readAt: Times.rfc3339(try row.decode(column: "read_at", as: Int64?.self)),
                                 link: Self.link(stored: try row.decode(column: "link", as: String?.self),
                                                 ticketId: try row.decode(column: "ticket_id", as: String?.self), kind: try row.decode(column: "kind", as: String.self)))
            }
            let deliveredAt = Dictionary(uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "id", as: String.self), Instant(millis: try $0.decode(column: "deliver_at", as: Int64.self)))
            })
            return NotificationPage(items: items, page: paging.page, per: paging.per, total: total, unread: unread, deliveredAt: deliveredAt)
        }
    }

    public func unreadCount(for viewer: Principal, now: Date = Date()) async throws -> Int {
        try await store.read { db in try await Self.unreadCount(db, userId: viewer.userId, at: Clock.millis(now)) }
    }

    static func unreadCount(_ db: any SQLDatabase, userId: String, at: Int64) async throws -> Int {
        try await db.raw("""
            SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: userId) AND read_at IS NULL AND deliver_at <= \(bind: at)
            """).first()!.decode(column: "n", as: Int.self)
    }

    /// Marks one of the user's notifications read; someone else's is a 404, as if it did not exist.
    public func markRead(id: String, by viewer: Principal, now: Date = Date()) async throws {
        let at = Clock.millis(now)
        try await store.write { db in
            guard try await db.raw("SELECT 1 AS one FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: viewer.userId)").first() != nil else {
                throw AppError.notFound(Text("通知", "Notification"))
            }
            try await db.raw("UPDATE notifications SET read_at = \(bind: at) WHERE id = \(bind: id) AND read_at IS NULL").run()
        }
    }

    /// #11.4: the user opens one of their notifications: it is marked read and its record's page is answered (nil:
    /// it names none). Someone else's is a 404, as if it did not exist. Only a path on this site is ever followed.
    public func open(id: String, by viewer: Principal, now: Date = Date()) async throws -> String? {
        let at = Clock.millis(now)
        return try await store.write { db in
            guard let row = try await db.raw("""
                SELECT ticket_id, link, kind FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: viewer.userId) AND deliver_at <= \(bind: at)
                """).first() else {
                throw AppError.notFound(Text("通知", "Notification"))
            }
            try await db.raw("UPDATE notifications SET read_at = \(bind: at) WHERE id = \(bind: id) AND read_at IS NULL").run()
            return Self.link(stored: try row.decode(column: "link", as: String?.self), ticketId: try row.decode(column: "ticket_id", as: String?.self),
                             kind: try row.decode(column: "kind", as: String.self))
        }
    }

    /// The stored link when it is a path on this site. A notification written before links were kept (desk-004)
    /// leads to its ticket, else to the list its kind of record waits in.
    static func link(stored: String?, ticketId: String?, kind: String) -> String? {
        if let stored { return LocalRedirect.path(stored) }
        if let ticketId { return LocalRedirect.path("/tickets/\(ticketId)") }
        if kind.hasPrefix("complaint_") { return "/complaints" }
        if kind.hasPrefix("repair_") { return "/repair-orders" }
        if kind.hasPrefix("document_") { return "/materials/documents" }
        return nil
    }

    public func markAllRead(by viewer: Principal, now: Date = Date()) async throws {
        let at = Clock.millis(now)
        // #18.1: the rows are locked in id order first (an `UPDATE … WHERE user_id` locks them in plan order).
        let lock = store.dialect.rowLock()
        try await store.write { db in
            try await db.raw("""
                UPDATE notifications SET read_at = \(bind: at) WHERE id IN (SELECT id FROM notifications
                    WHERE user_id = \(bind: viewer.userId) AND read_at IS NULL AND deliver_at <= \(bind: at) ORDER BY id\(unsafeRaw: lock))
                """).run()
        }
    }

    // MARK: webhooks

    /// Administrators and supervisors, for their own unit and below (#10.3: a unit administrator too stays in its unit).
    static func mayConfigureWebhook(_ actor: Principal, unitPath: String) -> Bool {
        (actor.isAdmin || actor.has(.superviseTickets)) && actor.covers(unitPath: unitPath)
    }

    static func requireWebhookRights(_ actor: Principal, unitPath: String) throws {
        guard mayConfigureWebhook(actor, unitPath: unitPath) else {
            throw AppError.forbidden(Text("只有管理员或本部门主管可以设置通知推送", "Only an administrator or the unit's supervisor can set up its webhook"))
        }
    }

    static func unitPath(_ db: any SQLDatabase, _ unitId: String) async throws -> String {
        guard let path = try await OrgQueries.unitPath(db, unitId: unitId) else { throw AppError.notFound(Text("部门", "Org unit")) }
        return path
    }

    public func webhook(unitId: String, viewer: Principal) async throws -> WebhookConfig {
        try await store.read { db in
            try Self.requireWebhookRights(viewer, unitPath: try await Self.unitPath(db, unitId))
            guard let config = try await Self.webhookRow(db, unitId: unitId, shownSecret: nil) else {
                throw AppError.notFound(Text("通知推送", "Webhook"))
            }
            return config
        }
    }

    /// The webhooks of the units the viewer may configure, by unit id.
    public func webhooks(viewer: Principal) async throws -> [String: WebhookConfig] {
        guard viewer.has(.superviseTickets) else { throw AppError.forbidden() }
        return try await store.read { db in try await Self.webhooks(db, viewer: viewer) }
    }

    /// The webhooks of the units the viewer may configure, by unit id.
    static func webhooks(_ db: any SQLDatabase, viewer: Principal) async throws -> [String: WebhookConfig] {
        var out: [String: WebhookConfig] = [:]
        let unitIds = Set(try await db.raw("SELECT org_unit_id FROM org_unit_webhooks").all().map { try $0.decode(column: "org_unit_id", as: String.self) })
        let paths = try await OrgQueries.unitPaths(db, ids: unitIds)
        for id in unitIds.sorted() {
            guard let path = paths[id], Self.mayConfigureWebhook(viewer, unitPath: path) else { continue }
            out[id] = try await Self.webhookRow(db, unitId: id, shownSecret: nil)
        }
        return out
    }

    static func webhookRow(_ db: any SQLDatabase, unitId: String, shownSecret: String?) async throws -> WebhookConfig? {
        try await db.raw("SELECT org_unit_id, url, format, active, updated_at FROM org_unit_webhooks WHERE org_unit_id = \(bind: unitId)").first().map { row in
            WebhookConfig(orgUnitId: try row.decode(column: "org_unit_id", as: String.self), url: try row.decode(column: "url", as: String.self),
                          format: try row.decode(column: "format", as: String.self), active: try row.decode(column: "active", as: Int.self) != 0,
                          updatedAt: Times.rfc3339(try row.decode(column: "updated_at", as: Int64.self)), secret: shownSecret)
        }
    }

    /// Sets the unit's webhook. Without a `secret` on first setup one is generated and shown in this answer only.
    public func setWebhook(unitId: String, _ input: WebhookInput, by actor: Principal, now: Date = Date()) async throws -> WebhookConfig {
        guard let url = TextRules.trimmed(input.url), url.count <= 500, let parsed = URL(string: url),
              ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), !(parsed.host ?? "").isEmpty else {
            throw AppError.validation("url", Text("请填写 http(s):// 开头的地址（最长 500 字）", "Give an http(s):// address (at most 500 characters)"))
        }
        let format = try TicketValidation.choice(input.format, "format", default: WebhookConfig.Format.kefu)
        if let secret = input.secret, secret.count < 16 || secret.count > 200 {
            throw AppError.validation("secret", Text("密钥长度应为 16 到 200 个字符", "The secret is 16 to 200 characters long"))
        }
        // #10.10: rights first (no look-up for a stranger), then the target, resolved outside the transaction.
        try await store.read { db in try Self.requireWebhookRights(actor, unitPath: try await Self.unitPath(db, unitId)) }
        try await webhookTargets.requireAllowed(url)
        let at = Clock.millis(now)
        return try await store.write { db in
            try Self.requireWebhookRights(actor, unitPath: try await Self.unitPath(db, unitId))
            let existing = try await db.raw("SELECT secret FROM org_unit_webhooks WHERE org_unit_id = \(bind: unitId)").first()?
                .decode(column: "secret", as: String.self)
            let generated = input.secret == nil && existing == nil ? Secrets.randomToken() : nil
            let secret = input.secret ?? existing ?? generated!
            try await db.raw("""
                INSERT INTO org_unit_webhooks (org_unit_id, url, secret, format, active, updated_by, updated_at)
                VALUES (\(bind: unitId), \(bind: url), \(bind: secret), \(bind: format.rawValue), \(bind: (input.active ?? true) ? 1 : 0), \(bind: actor.userId), \(bind: at))
                ON CONFLICT (org_unit_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, format = excluded.format,
                    active = excluded.active, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "webhook.set", entity: "org_unit", entityId: unitId,
                                        detail: ["url": url, "format": format.rawValue, "secretChanged": String(input.secret != nil || generated != nil)], at: at)
            return try await Self.webhookRow(db, unitId: unitId, shownSecret: generated)!
        }
    }

    public func removeWebhook(unitId: String, by actor: Principal, now: Date = Date()) async throws {
        try await store.write { db in
            try Self.requireWebhookRights(actor, unitPath: try await Self.unitPath(db, unitId))
            guard try await Self.webhookRow(db, unitId: unitId, shownSecret: nil) != nil else { throw AppError.notFound(Text("通知推送", "Webhook")) }
            try await db.raw("DELETE FROM org_unit_webhooks WHERE org_unit_id = \(bind: unitId)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "webhook.remove", entity: "org_unit", entityId: unitId, at: Clock.millis(now))
        }
    }
}
