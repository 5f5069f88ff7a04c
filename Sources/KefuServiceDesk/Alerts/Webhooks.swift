import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import Logging
import NIOHTTP1
import SQLKit

/// A unit's outgoing webhook: alerts for the unit are POSTed as JSON, signed with a shared secret, so that a team
/// can pass them on to a WeCom (企业微信) or DingTalk (钉钉) group bot.
public struct WebhookConfig: Codable, Sendable {
    public enum Format: String, Codable, CaseIterable, Sendable {
        /// Kefu's own event JSON.
        case kefu
        /// `{"msgtype":"text","text":{"content":…}}`, which WeCom and DingTalk group bots accept.
        case wecom, dingtalk
    }

    public let orgUnitId: String
    public let url: String
    public let format: String
    public let active: Bool
    public let updatedAt: String
    /// Shown once, when the server generated the secret; otherwise null.
    @Nullable public var secret: String?
}

enum Webhooks {
    /// Attempts after the first: 30 s, 2 min, 10 min, 30 min, 2 h; then the delivery is marked failed.
    static let retryDelays: [Int64] = [30_000, 120_000, 600_000, 1_800_000, 7_200_000]
    /// A claimed delivery is not sent again by another node for this long.
    static let claimMillis: Int64 = 120_000

    /// Queues the alert for the first of `nearestFirst` units that has an active webhook.
    static func enqueue(_ db: any SQLDatabase, nearestFirst units: [String], alert: TicketAlerts.Alert, ticket: TicketRow, at: Int64, deliverAt: Int64,
                        withHook: Set<String>? = nil) async throws {
        try await queue(db, nearestFirst: units, kind: alert.kind, at: at, deliverAt: deliverAt, withHook: withHook) { unitId in
            WebhookEvent(event: alert.kind, at: Times.rfc3339(at), orgUnitId: unitId, ticket: .init(ticket), link: alert.link ?? "/tickets/\(ticket.id)", data: alert.data,
                         text: ["zh-CN": alert.title.zh + "：" + alert.body.zh, "en": alert.title.en + ": " + alert.body.en])
        }
    }

    /// #11.4: a hand-off's event, at once, for the first of `nearestFirst` units that has an active webhook.
    static func enqueue(_ db: any SQLDatabase, nearestFirst units: [String], handOff: HandOff, ticket: TicketRow?, at: Int64) async throws {
        try await queue(db, nearestFirst: units, kind: handOff.kind, at: at, deliverAt: at) { unitId in
            WebhookEvent(event: handOff.kind, at: Times.rfc3339(at), orgUnitId: unitId, ticket: ticket.map { .init($0) }, link: handOff.link, data: [:],
                         text: ["zh-CN": handOff.title.zh + "：" + handOff.body.zh, "en": handOff.title.en + ": " + handOff.body.en])
        }
    }

    /// Of `units`, those with an active webhook.
    static func unitsWithWebhook(_ db: any SQLDatabase, among units: [String]) async throws -> Set<String> {
        guard !units.isEmpty else { return [] }
        return Set(try await db.raw("""
            SELECT org_unit_id FROM org_unit_webhooks WHERE active = 1 AND org_unit_id IN (\(SQLList(units.map { SQLBind($0) })))
            """).all().map { try $0.decode(column: "org_unit_id", as: String.self) })
    }

    /// One pending delivery of `event` to the nearest unit with an active webhook (none: nothing is queued). `withHook`:
    /// those of `units` with one, when the caller knows (a breach pass reads it once per batch).
    static func queue(_ db: any SQLDatabase, nearestFirst units: [String], kind: String, at: Int64, deliverAt: Int64,
                      withHook known: Set<String>? = nil, event: (String) -> WebhookEvent) async throws {
        guard !units.isEmpty else { return }
        let withHook: Set<String>
        if let known { withHook = known } else { withHook = try await unitsWithWebhook(db, among: units) }
        guard let unitId = units.first(where: withHook.contains) else { return }
        let payload = String(decoding: try encoder.encode(event(unitId)), as: UTF8.self)
        try await db.raw("""
            INSERT INTO webhook_deliveries (id, org_unit_id, event, payload, status, attempts, next_attempt_at, created_at)
            VALUES (\(bind: Clock.newID()), \(bind: unitId), \(bind: kind), \(bind: payload), 'pending', 0, \(bind: deliverAt), \(bind: at))
            """).run()
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// The body sent for a stored payload in the webhook's format. #11.4: the event's `link` is stored as the record's
    /// path and made absolute here when a base URL is configured (`KEFU_BASE_URL`), so what is still pending follows a
    /// changed base; a bot message ends with the absolute link (a bare path means nothing in a chat group).
    static func body(payload: String, format: WebhookConfig.Format, baseURL: PublicBaseURL? = nil) -> String {
        guard var event = try? JSONDecoder().decode(WebhookEvent.self, from: Data(payload.utf8)) else {
            return format == .kefu ? payload : botMessage(payload) ?? payload
        }
        if let baseURL, let link = event.link { event.link = baseURL.absolute(link) }
        guard format != .kefu else {
            guard baseURL != nil, event.link != nil else { return payload }
            return (try? encoder.encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? payload
        }
        var text = event.text["zh-CN"] ?? payload
        if let link = event.link, link.hasPrefix("http") { text += "\n" + link }
        return botMessage(text) ?? payload
    }

    static func botMessage(_ text: String) -> String? {
        (try? encoder.encode(BotMessage(msgtype: "text", text: .init(content: text)))).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// What a webhook of format `kefu` receives.
struct WebhookEvent: Codable {
    struct TicketRef: Codable {
        let id: String
        let number: String
        let subject: String
        let priority: String
        let status: String
        let ownerId: String?

        init(_ t: TicketRow) {
            id = t.id; number = t.number; subject = t.subject; priority = t.priority.rawValue; status = t.status.rawValue; ownerId = t.ownerId
        }
    }
    let event: String
    let at: String
    let orgUnitId: String
    /// The ticket concerned; absent for a hand-off of another record (#11.4).
    let ticket: TicketRef?
    /// #11.4: the record's page — `/tickets/{id}`, `/returns/{id}`, … — absolute when `KEFU_BASE_URL` is set. Every event
    /// names one; only deliveries queued before it existed lack it.
    var link: String? = nil
    let data: [String: String]
    /// The alert as one line, per language.
    let text: [String: String]
}

/// WeCom and DingTalk group-bot text message.
struct BotMessage: Codable {
    struct Content: Codable { let content: String }
    let msgtype: String
    let text: Content
}

/// Sends due webhook deliveries with retries. Safe with several nodes: a delivery is claimed (PostgreSQL
/// `FOR UPDATE SKIP LOCKED`) before it is sent, and the claim lapses if the node dies mid-send.
public struct WebhookSender: Sendable {
    /// Sends one request to an address already checked; answers the HTTP status.
    public typealias Transport = @Sendable (PinnedRequest) async throws -> Int

    let store: any Store
    let targets: WebhookTargets
    /// #11.4: makes each event's `link` absolute (`KEFU_BASE_URL`); nil: the link stays the page's path.
    let baseURL: PublicBaseURL?
    let transport: Transport
    let logger: Logger

    public init(store: any Store, targets: WebhookTargets, baseURL: PublicBaseURL? = nil, transport: Transport? = nil,
                logger: Logger = Logger(label: "kefu.webhooks")) {
        self.store = store
        self.targets = targets
        self.baseURL = baseURL
        self.transport = transport ?? { try await PinnedHTTPClient.post($0) }
        self.logger = logger
    }

    struct Claimed {
        let id: String
        let attempts: Int
        let payload: String
        let url: String
        let secret: String
        let format: WebhookConfig.Format
        let active: Bool
    }

    /// One pass: sends what is due now. Returns how many were delivered.
    @discardableResult
    /// #17.5: deliveries waiting (due or backing off), for `/metrics`.
    public func pendingCount() async throws -> Int {
        try await store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'").first()!.decode(column: "n", as: Int.self)
        }
    }

    public func deliverDue(now: Date = Date(), limit: Int = 50) async throws -> Int {
        let at = Clock.millis(now)
        let skipLocked = store.dialect.rowLock(of: "d", skipLocked: true)
        let claimed: [Claimed] = try await store.write { db in
            let rows = try await db.raw("""
                SELECT d.id, d.attempts, d.payload, w.url, w.secret, w.format, w.active
                FROM webhook_deliveries d LEFT JOIN org_unit_webhooks w ON w.org_unit_id = d.org_unit_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= \(bind: at)
                ORDER BY d.next_attempt_at LIMIT \(bind: limit)\(unsafeRaw: skipLocked)
                """).all()
            var out: [Claimed] = []
            for row in rows {
                let c = Claimed(id: try row.decode(column: "id", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                                payload: try row.decode(column: "payload", as: String.self),
                                url: try row.decode(column: "url", as: String?.self) ?? "", secret: try row.decode(column: "secret", as: String?.self) ?? "",
                                format: WebhookConfig.Format(rawValue: try row.decode(column: "format", as: String?.self) ?? "") ?? .kefu,
                                active: (try row.decode(column: "active", as: Int?.self) ?? 0) != 0)
                if c.active, !c.url.isEmpty {
                    try await db.raw("UPDATE webhook_deliveries SET next_attempt_at = \(bind: at + Webhooks.claimMillis) WHERE id = \(bind: c.id)").run()
                    out.append(c)
                } else {
                    // The unit removed or paused its webhook: nothing to send to.
                    try await db.raw("UPDATE webhook_deliveries SET status = 'cancelled' WHERE id = \(bind: c.id)").run()
                }
            }
            return out
        }
        var delivered = 0
        for c in claimed {
            let error = await send(c, now: now)
            let attempts = c.attempts + 1
            try await store.write { db in
                if let error {
                    let failed = attempts > Webhooks.retryDelays.count
                    let next = failed ? at : at + Webhooks.retryDelays[attempts - 1]
                    try await db.raw("""
                        UPDATE webhook_deliveries SET attempts = \(bind: attempts), last_error = \(bind: String(error.prefix(500))),
                            status = \(bind: failed ? "failed" : "pending"), next_attempt_at = \(bind: next) WHERE id = \(bind: c.id)
                        """).run()
                } else {
                    try await db.raw("""
                        UPDATE webhook_deliveries SET attempts = \(bind: attempts), status = 'delivered', delivered_at = \(bind: Clock.millis())
                        WHERE id = \(bind: c.id)
                        """).run()
                }
            }
            if error == nil { delivered += 1 }
        }
        return delivered
    }

    /// nil on a 2xx answer, else what went wrong. #10.10: the host is resolved now and every address checked; the
    /// request goes to a checked address (no second resolution) and a redirect is a failure, never followed.
    func send(_ c: Claimed, now: Date) async -> String? {
        let endpoint: WebhookTargets.Endpoint, addresses: [IPAddress]
        switch await targets.check(c.url) {
        case .badURL:
            return "bad url"
        case .unresolved(let host):
            return "cannot resolve \(host)"
        case .refused(let host, let address, let why):
            let error = "refused: \(host) is \(address) (\(WebhookTargets.label(why).en)), not allowed in KEFU_WEBHOOK_ALLOW_HOSTS"
            logger.warning("Webhook target refused", metadata: ["delivery": "\(c.id)", "error": "\(error)"])
            return error
        case .connect(let e, let a):
            (endpoint, addresses) = (e, a)
        }
        let body = Webhooks.body(payload: c.payload, format: c.format, baseURL: baseURL)
        let timestamp = String(Int64(now.timeIntervalSince1970))
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        headers.add(name: "User-Agent", value: "Kefu-Webhook/1")
        headers.add(name: "X-Kefu-Delivery", value: c.id)
        headers.add(name: "X-Kefu-Timestamp", value: timestamp)
        headers.add(name: "X-Kefu-Signature", value: "sha256=" + Secrets.hmacSHA256Hex(key: c.secret, message: timestamp + "." + body))
        var lastError = "no address"
        for address in addresses {
            let request = PinnedRequest(address: address, port: endpoint.port, useTLS: endpoint.useTLS, host: endpoint.host,
                                        hostHeader: endpoint.hostHeader, target: endpoint.target, headers: headers, body: Array(body.utf8))
            do {
                let status = try await transport(request)
                if (300..<400).contains(status) {
                    logger.warning("Webhook answered a redirect; not followed", metadata: ["delivery": "\(c.id)", "status": "\(status)"])
                    return "HTTP \(status) (redirects are not followed)"
                }
                return (200..<300).contains(status) ? nil : "HTTP \(status)"
            } catch PinnedHTTPClient.Failure.cannotConnect(let why) {
                lastError = "\(address): cannot connect: \(why)"   // nothing was sent: try the host's next address
            } catch {
                return String(describing: error)
            }
        }
        return lastError
    }
}
