import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #16.4 when chat is answered live: `KEFU_CHAT_HOURS` = `always` (e.g. a 24-hour desk, tests), `never`, or unset for
/// ChatRules' 08:30–17:30 on working days of the working calendar.
public enum ChatHours: Sendable {
    case calendar, always, never

    public static func fromEnvironment() -> ChatHours {
        switch ProcessInfo.processInfo.environment["KEFU_CHAT_HOURS"]?.lowercased() {
        case "always": return .always
        case "never": return .never
        default: return .calendar
        }
    }
}

/// `POST /api/v1/chat/sessions` body.
public struct ChatStartInput: Codable, Sendable {
    public var orgUnitCode: String?
    public var name: String?
    public var contact: String?
    public var message: String?
    public init(orgUnitCode: String? = nil, name: String? = nil, contact: String? = nil, message: String? = nil) {
        self.orgUnitCode = orgUnitCode; self.name = name; self.contact = contact; self.message = message
    }
}

/// The answer to a new chat: the session and the visitor's token (shown once; only its hash is kept), or — out of
/// hours — the ticket the message became.
public struct ChatStarted: Codable, Sendable {
    public let offline: Bool
    public let sessionId: String?
    public let visitorToken: String?
    public let ticketNumber: String?
}

public struct ChatSessionView: Codable, Sendable {
    public let id: String
    public let orgUnitId: String
    public let visitorName: String
    public let contact: String
    /// waiting, active, closed.
    public let state: String
    public let agentId: String?
    public let agentName: String?
    public let ticketId: String?
    public let ticketNumber: String?
    public let lastSeq: Int
    public let createdAt: Instant
    public let takenAt: Instant?
    public let closedAt: Instant?
}

public struct ChatMessageView: Codable, Sendable {
    public let seq: Int
    /// visitor, agent, system.
    public let author: String
    public let agentName: String?
    public let clientId: String
    public let body: String
    public let at: Instant
}

/// A message stored (or found stored under its client id: `duplicate`).
public struct ChatPosted: Codable, Sendable {
    public let seq: Int
    public let duplicate: Bool
}

public struct ChatCloseInput: Codable, Sendable {
    public var ticketId: String?
    public init(ticketId: String? = nil) { self.ticketId = ticketId }
}

/// #16.4 (CH-01, CH-03, TKT-03): live chat's one service — a visitor starts a chat in a unit (or, out of hours, leaves
/// a message that becomes a ticket at once), messages stored once each in the database (so that any node serves
/// them), the agents' queue in their units, one agent takes a chat, and ending it makes the transcript a ticket of
/// channel `chat` owned by that agent or joins it to an open ticket of the visitor. Every change is one transaction.
public struct ChatService: Sendable {
    let store: any Store
    /// #16 item 8: wakes this node's connections following a chat when it changes.
    public let feed: ChatFeed
    let tickets: TicketsFromChats
    let hours: ChatHours
    /// Chats (or out-of-hours messages) one client address may start per window; 0: no limit (a load benchmark).
    let startsPerAddress: Int

    public init(store: any Store, tickets: TicketService, hours: ChatHours = .fromEnvironment(),
                startsPerAddress: Int = ChatService.startsPerAddressFromEnvironment()) {
        self.feed = ChatFeed(store: store)
        self.store = store
        self.tickets = TicketsFromChats(tickets: tickets)
        self.hours = hours
        self.startsPerAddress = startsPerAddress
    }

    /// `KEFU_CHAT_STARTS_PER_ADDRESS`: a whole number ≥ 0, else ChatRules.startsPerAddress.
    public static func startsPerAddressFromEnvironment() -> Int {
        ProcessInfo.processInfo.environment["KEFU_CHAT_STARTS_PER_ADDRESS"].flatMap { Int($0) }.map { max(0, $0) } ?? ChatRules.startsPerAddress
    }

    static let workers = Role.ticketOwners.intersection(ServiceDeskPermission.holders(.workTicket))

    public static func mayHandleChats(_ p: Principal) -> Bool { !p.roles.isDisjoint(with: workers) }

    static func requireAgent(_ p: Principal) throws {
        guard mayHandleChats(p) else { throw AppError.forbidden(Text("只有客服人员可以接待在线咨询", "Only customer-service staff handle chats")) }
    }

    // MARK: the widget

    public struct Widget: Sendable {
        public let code: String
        public let unitName: String
        public let open: Bool
    }

    public func isOpen(now: Date) async throws -> Bool {
        switch hours {
        case .always: return true
        case .never: return false
        case .calendar: return ChatRules.isOpen(at: Clock.millis(now), calendar: try await tickets.calendar(now: now))
        }
    }

    /// The visitor page's model; 404 for an unknown or inactive unit code.
    public func widget(code: String, now: Date = Date()) async throws -> Widget {
        let unit = try await store.read { db in try await OrgQueries.unitSummary(db, code: code) }
        guard let unit, unit.active else { throw AppError.notFound(Text("在线咨询入口", "Chat")) }
        return Widget(code: unit.code, unitName: unit.name, open: try await isOpen(now: now))
    }

    struct Start: Sendable {
        let unit: OrgQueries.UnitSummary
        let name: String
        let contact: String
        let message: String
    }

    func validate(_ input: ChatStartInput) async throws -> Start {
        guard let code = TextRules.trimmed(input.orgUnitCode),
              let unit = try await store.read({ db in try await OrgQueries.unitSummary(db, code: code) }), unit.active else {
            throw AppError.notFound(Text("在线咨询入口", "Chat"))
        }
        guard let name = TextRules.trimmed(input.name), name.count <= ChatRules.nameMax else {
            throw AppError.validation("name", Text("请填写您的称呼（最长 60 字）", "Please give your name (at most 60 characters)"))
        }
        guard let contact = TextRules.trimmed(input.contact), ChatRules.contact(contact) != nil else {
            throw AppError.validation("contact", Text("请填写手机号码或电子邮箱", "Please give a phone number or an e-mail address"))
        }
        switch ChatRules.message(input.message, clientId: "start") {
        case .success(let m): return Start(unit: unit, name: name, contact: contact, message: m.body)
        case .failure(let refusal): throw Self.refusal(refusal, field: "message")
        }
    }

    static func refusal(_ r: ChatRules.Refusal, field: String = "body") -> AppError {
        switch r {
        case .empty: return AppError(.unprocessableContent, r.rawValue, Text("请输入消息内容", "Please type a message"), details: ["field": field])
        case .tooLong: return AppError(.unprocessableContent, r.rawValue, Text("消息过长（最多 2000 字）", "The message is too long (at most 2000 characters)"),
                                       details: ["field": field])
        case .badClientId: return AppError(.unprocessableContent, r.rawValue, Text("消息编号无效", "The message id is not valid"), details: ["field": "clientId"])
        }
    }

    /// A visitor starts a chat (no sign-in). In hours: a waiting chat with the first message; out of hours: the
    /// message becomes a ticket of channel `chat` in the unit at once (nobody owns it yet: the first agent to answer does).
    /// `client`: the client address (ClientAddress), counted against `ChatRules.startsPerAddress`.
    public func start(_ input: ChatStartInput, client: String, now: Date = Date()) async throws -> ChatStarted {
        let v = try await validate(input)
        let startsPerAddress = self.startsPerAddress
        let at = Clock.millis(now)
        let clientHash = ClientKey.hash(client, purpose: "chat-start")
        guard try await isOpen(now: now) else {
            let prepared = try await tickets.prepare(receivedAt: now)
            let tickets = self.tickets
            let actor = Self.widgetActor(v.unit)
            let number = try await store.write { db in
                try await Self.countStart(db, clientHash: clientHash, limit: startsPerAddress, at: at)
                let created = try await tickets.create(db, prepared, subject: ChatRules.subject(name: v.name, offline: true),
                                                       text: "在线留言（非服务时间）\n称呼：\(v.name)\n联系方式：\(v.contact)\n\n\(v.message)",
                                                       name: v.name, contact: v.contact, ownerId: nil, actor: actor, receivedAt: now, now: now)
                try await AuditTrail.record(db, actorId: nil, action: "chat.offline_message", entity: "ticket", entityId: created.id,
                                            detail: ["orgUnitId": v.unit.id], at: at)
                return created.number
            }
            return ChatStarted(offline: true, sessionId: nil, visitorToken: nil, ticketNumber: number)
        }
        let token = Secrets.randomToken()
        let id = Clock.newID()
        try await store.write { db in
            try await Self.countStart(db, clientHash: clientHash, limit: startsPerAddress, at: at)
            try await db.raw("""
                INSERT INTO chat_sessions (id, org_unit_id, org_path, visitor_token_hash, visitor_name, contact, state, last_seq, created_at, updated_at)
                VALUES (\(bind: id), \(bind: v.unit.id), \(bind: v.unit.path), \(bind: Secrets.hash(token)), \(bind: v.name), \(bind: v.contact),
                        'waiting', 1, \(bind: at), \(bind: at))
                """).run()
            try await db.raw("""
                INSERT INTO chat_messages (id, session_id, seq, author, agent_id, client_message_id, body, created_at)
                VALUES (\(bind: Clock.newID()), \(bind: id), 1, 'visitor', NULL, 'start', \(bind: v.message), \(bind: at))
                """).run()
            try await AuditTrail.record(db, actorId: nil, action: "chat.start", entity: "chat_session", entityId: id, detail: ["orgUnitId": v.unit.id], at: at)
        }
        return ChatStarted(offline: false, sessionId: id, visitorToken: token, ticketNumber: nil)
    }

    /// Counts a start from the client in the caller's transaction, or refuses it (429 `chat_start_throttled`) when the
    /// address already started `limit` in the window; starts out of the window are pruned here.
    static func countStart(_ db: any SQLDatabase, clientHash: String, limit: Int, at: Int64) async throws {
        guard limit > 0 else { return }
        let windowStart = at - ChatRules.startWindowMillis
        try await db.raw("DELETE FROM chat_starts WHERE started_at <= \(bind: windowStart)").run()
        let recent = try await db.raw("""
            SELECT COUNT(*) AS n, MIN(started_at) AS oldest FROM chat_starts WHERE client_hash = \(bind: clientHash) AND started_at > \(bind: windowStart)
            """).first()
        let count = try recent?.decode(column: "n", as: Int.self) ?? 0
        guard ChatRules.allowsStart(recent: count, limit: limit) else {
            let oldest = try recent?.decode(column: "oldest", as: Int64?.self) ?? at
            let seconds = ChatRules.startRetryAfterSeconds(oldestInWindow: oldest, now: at)
            throw AppError(.tooManyRequests, "chat_start_throttled",
                           Text("咨询次数过多，请 {0} 秒后再试", "Too many chats started; try again in {0} seconds").with(String(seconds)),
                           details: ["retryAfter": String(seconds)])
        }
        try await db.raw("INSERT INTO chat_starts (id, client_hash, started_at) VALUES (\(bind: Clock.newID()), \(bind: clientHash), \(bind: at))").run()
    }

    /// Who a ticket made from the widget is "created by": the widget acting in the unit (no staff account).
    static func widgetActor(_ unit: OrgQueries.UnitSummary) -> Principal {
        Principal(userId: "chat-widget", username: "chat-widget", displayName: "在线咨询", orgUnitId: unit.id, orgPath: unit.path,
                  roles: [], locale: .zhCN, customerId: nil)
    }

    /// The chat a visitor token belongs to; nil for an unknown token.
    public func visitorSession(token: String) async throws -> ChatSessionView? {
        guard !token.isEmpty, token.count <= 200 else { return nil }
        return try await store.read { db in
            guard let r = try await db.raw("SELECT \(unsafeRaw: Row.columns) FROM chat_sessions WHERE visitor_token_hash = \(bind: Secrets.hash(token))").first()
            else { return nil }
            return try await Self.view(db, try Row(row: r))
        }
    }

    // MARK: messages

    /// Stores a message once: a client id already stored in the chat answers its seq (`duplicate`). A visitor's
    /// message is refused beyond the rate limit; nothing is sent to a closed chat; an agent writes only in a chat
    /// they took.
    public func post(sessionId: String, author: ChatRules.Author, agent: Principal?, clientId: String?, body: String?,
                     now: Date = Date()) async throws -> ChatPosted {
        let m: (body: String, clientId: String)
        switch ChatRules.message(body, clientId: clientId) {
        case .success(let ok): m = ok
        case .failure(let r): throw Self.refusal(r)
        }
        let posted: ChatPosted
        do {
            posted = try await postOnce(sessionId: sessionId, author: author, agent: agent, m: m, now: now)
        } catch where TransactionRetry.isUniqueViolation(error) {
            posted = try await postOnce(sessionId: sessionId, author: author, agent: agent, m: m, now: now)
        }
        if !posted.duplicate { feed.changed(sessionId) }
        return posted
    }

    func postOnce(sessionId: String, author: ChatRules.Author, agent: Principal?, m: (body: String, clientId: String), now: Date) async throws -> ChatPosted {
        let dialect = store.dialect
        return try await store.write { db in
            guard let row = try await Self.row(db, id: sessionId, lock: dialect.rowLock()) else { throw AppError.notFound(Text("对话", "Chat")) }
            if let seq = try await db.raw("""
                SELECT seq FROM chat_messages WHERE session_id = \(bind: sessionId) AND client_message_id = \(bind: m.clientId)
                """).first()?.decode(column: "seq", as: Int.self) {
                return ChatPosted(seq: seq, duplicate: true)
            }
            guard row.state != ChatRules.State.closed.rawValue else {
                throw AppError.conflict("chat_closed", Text("对话已结束", "The chat has ended"))
            }
            let at = Clock.millis(now)
            if author == .agent {
                guard let agent, row.agentId == agent.userId, row.state == ChatRules.State.active.rawValue else {
                    throw AppError.forbidden(Text("只有接入该对话的客服可以回复", "Only the agent who took the chat replies in it"))
                }
            } else {
                let recent = try await db.raw("""
                    SELECT created_at FROM chat_messages WHERE session_id = \(bind: sessionId) AND author = 'visitor' AND created_at > \(bind: at - ChatRules.rateWindowMillis)
                    """).all().map { try $0.decode(column: "created_at", as: Int64.self) }
                guard ChatRules.allowsAnother(recent: recent, now: at) else {
                    throw AppError(.tooManyRequests, "rate_limited", Text("发送太频繁，请稍后再试", "You are sending too fast; please wait a moment"))
                }
            }
            let seq = row.lastSeq + 1
            try await Self.insertMessage(db, sessionId: sessionId, seq: seq, author: author, agentId: author == .agent ? agent?.userId : nil,
                                         clientId: m.clientId, body: m.body, at: at)
            try await db.raw("UPDATE chat_sessions SET last_seq = \(bind: seq), updated_at = \(bind: at) WHERE id = \(bind: sessionId)").run()
            return ChatPosted(seq: seq, duplicate: false)
        }
    }

    static func insertMessage(_ db: any SQLDatabase, sessionId: String, seq: Int, author: ChatRules.Author, agentId: String?, clientId: String,
                              body: String, at: Int64) async throws {
        try await db.raw("""
            INSERT INTO chat_messages (id, session_id, seq, author, agent_id, client_message_id, body, created_at)
            VALUES (\(bind: Clock.newID()), \(bind: sessionId), \(bind: seq), \(bind: author.rawValue), \(bind: agentId), \(bind: clientId),
                    \(bind: body), \(bind: at))
            """).run()
    }

    /// The messages after `after` (the last seq the client saw), oldest first, at most `limit`.
    /// The most messages one read gives a connection; it reads again at once when it got this many.
    public static let messagesPerRead = 200

    /// What a woken connection (which already proved it may follow the chat) sends: the chat's state, then its messages after `after`, in one read (the state first:
    /// a change is one transaction with its system message, so that message is among those read next).
    func delivery(sessionId: String, after: Int) async throws -> (session: ChatSessionView?, messages: [ChatMessageView]) {
        try await store.read { db in
            let session = try await Self.row(db, id: sessionId, lock: "").asyncMap { try await Self.view(db, $0) }
            return (session, try await Self.messages(db, sessionId: sessionId, after: after, limit: Self.messagesPerRead))
        }
    }

    public func messages(sessionId: String, after: Int, limit: Int = messagesPerRead) async throws -> [ChatMessageView] {
        try await store.read { db in try await Self.messages(db, sessionId: sessionId, after: after, limit: limit) }
    }

    static func messages(_ db: any SQLDatabase, sessionId: String, after: Int, limit: Int) async throws -> [ChatMessageView] {
        let rows = try await db.raw("""
            SELECT seq, author, agent_id, client_message_id, body, created_at FROM chat_messages
            WHERE session_id = \(bind: sessionId) AND seq > \(bind: after) ORDER BY seq LIMIT \(bind: limit)
            """).all()
        let ids = Set(try rows.compactMap { try $0.decode(column: "agent_id", as: String?.self) })
        let names = ids.isEmpty ? [:] : try await OrgQueries.displayNames(db, ids: ids)
        return try rows.map { r in
            let agentId = try r.decode(column: "agent_id", as: String?.self)
            return ChatMessageView(seq: try r.decode(column: "seq", as: Int.self), author: try r.decode(column: "author", as: String.self),
                                   agentName: agentId.flatMap { names[$0] }, clientId: try r.decode(column: "client_message_id", as: String.self),
                                   body: try r.decode(column: "body", as: String.self), at: Instant(millis: try r.decode(column: "created_at", as: Int64.self)))
        }
    }

    /// The messages as an agent in the chat's units reads them.
    public func messages(sessionId: String, after: Int, viewer: Principal) async throws -> [ChatMessageView] {
        _ = try await session(id: sessionId, viewer: viewer)
        return try await messages(sessionId: sessionId, after: after)
    }

    // MARK: agents

    /// One chat as an agent in its unit (or above) sees it.
    public func session(id: String, viewer: Principal) async throws -> ChatSessionView {
        try Self.requireAgent(viewer)
        return try await store.read { db in
            guard let row = try await Self.row(db, id: id, lock: "") else { throw AppError.notFound(Text("对话", "Chat")) }
            guard viewer.covers(unitPath: row.orgPath) else { throw AppError.forbidden(Text("该对话不在您的权限范围内", "This chat is outside your scope")) }
            return try await Self.view(db, row)
        }
    }

    /// The chats of the agent's units in a state (waiting: the queue, longest waiting first; otherwise newest first);
    /// `active` for an agent: the chats they took.
    public func sessions(state: String?, viewer: Principal) async throws -> [ChatSessionView] {
        try Self.requireAgent(viewer)
        let state = ChatRules.State(rawValue: TextRules.trimmed(state) ?? "waiting")
        guard let state else { throw AppError.validation("state", Text("状态必须是 waiting、active 或 closed", "state must be waiting, active or closed")) }
        return try await store.read { db in try await Self.sessions(db, state: state, viewer: viewer) }
    }

    static func sessions(_ db: any SQLDatabase, state: ChatRules.State, viewer: Principal, limit: Int = 100) async throws -> [ChatSessionView] {
        let order = state == .waiting ? "created_at ASC, id ASC" : "updated_at DESC, id DESC"
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: Row.columns) FROM chat_sessions WHERE state = \(bind: state.rawValue) AND org_path LIKE \(bind: viewer.orgPath + "%")
            ORDER BY \(unsafeRaw: order) LIMIT \(bind: limit)
            """).all().map(Row.init(row:))
        var out: [ChatSessionView] = []
        for r in rows { out.append(try await view(db, r)) }
        return out
    }

    /// One agent takes a waiting chat of their units; a second agent (a race) is refused with 409 `chat_taken`.
    public func take(id: String, by actor: Principal, now: Date = Date()) async throws -> ChatSessionView {
        let view = try await takeOnce(id: id, by: actor, now: now)
        feed.changed(id)
        return view
    }

    func takeOnce(id: String, by actor: Principal, now: Date) async throws -> ChatSessionView {
        try Self.requireAgent(actor)
        let dialect = store.dialect
        return try await store.write { db in
            guard var row = try await Self.row(db, id: id, lock: dialect.rowLock()) else { throw AppError.notFound(Text("对话", "Chat")) }
            guard actor.covers(unitPath: row.orgPath) else { throw AppError.forbidden(Text("该对话不在您的权限范围内", "This chat is outside your scope")) }
            guard row.state == ChatRules.State.waiting.rawValue else {
                if row.state == ChatRules.State.closed.rawValue { throw AppError.conflict("chat_closed", Text("对话已结束", "The chat has ended")) }
                throw AppError.conflict("chat_taken", Text("该对话已由其他客服接入", "Another agent has already taken this chat"))
            }
            let at = Clock.millis(now)
            // The update is conditional too: two nodes without row locks (SQLite writes one at a time anyway) cannot both take it.
            let seq = row.lastSeq + 1
            try await db.raw("""
                UPDATE chat_sessions SET state = 'active', agent_id = \(bind: actor.userId), taken_at = \(bind: at), last_seq = \(bind: seq),
                    updated_at = \(bind: at) WHERE id = \(bind: id) AND state = 'waiting'
                """).run()
            try await Self.insertMessage(db, sessionId: id, seq: seq, author: .system, agentId: actor.userId, clientId: "take-\(seq)",
                                         body: "客服 \(actor.displayName) 已接入 · \(actor.displayName) has joined", at: at)
            try await AuditTrail.record(db, actorId: actor.userId, action: "chat.take", entity: "chat_session", entityId: id, detail: [:], at: at)
            row.state = ChatRules.State.active.rawValue
            row.agentId = actor.userId
            row.takenAt = at
            row.lastSeq = seq
            return try await Self.view(db, row)
        }
    }

    /// The agent who took the chat ends it: the transcript becomes a ticket of channel `chat` (the visitor its customer,
    /// found or created by the contact; the agent its owner, TKT-03) or, with `ticketId`, is added to that open ticket.
    public func close(id: String, _ input: ChatCloseInput, by actor: Principal, now: Date = Date()) async throws -> ChatSessionView {
        let view = try await closeOnce(id: id, input, by: actor, now: now)
        feed.changed(id)
        return view
    }

    func closeOnce(id: String, _ input: ChatCloseInput, by actor: Principal, now: Date) async throws -> ChatSessionView {
        try Self.requireAgent(actor)
        let prepared = try await tickets.prepare(receivedAt: now)
        let dialect = store.dialect, tickets = self.tickets
        return try await store.write { db in
            guard var row = try await Self.row(db, id: id, lock: dialect.rowLock()) else { throw AppError.notFound(Text("对话", "Chat")) }
            guard actor.covers(unitPath: row.orgPath) else { throw AppError.forbidden(Text("该对话不在您的权限范围内", "This chat is outside your scope")) }
            guard row.state == ChatRules.State.active.rawValue else {
                throw AppError.conflict(row.state == "closed" ? "chat_closed" : "chat_not_taken",
                                        row.state == "closed" ? Text("对话已结束", "The chat has ended") : Text("请先接入该对话", "Take the chat first"))
            }
            guard row.agentId == actor.userId else { throw AppError.forbidden(Text("只有接入该对话的客服可以结束它", "Only the agent who took the chat ends it")) }
            let lines = try await Self.messages(db, sessionId: id, after: 0, limit: 5000)
            let transcript = ChatRules.transcript(lines.map { m in
                (at: m.at.millis, who: m.author == "visitor" ? row.visitorName : m.author == "agent" ? (m.agentName ?? "客服") : "系统", body: m.body)
            })
            let header = "在线咨询记录 · Chat transcript\n称呼：\(row.visitorName)\n联系方式：\(row.contact)\n\n"
            let at = Clock.millis(now)
            if let ticketId = TextRules.trimmed(input.ticketId) {
                // Only an open ticket of this visitor's customer record (found by the contact) that the agent may see.
                guard try await TicketsFromChats.openTickets(db, contact: row.contact, viewer: actor).contains(where: { $0.id == ticketId }) else {
                    throw AppError(.unprocessableContent, "ticket_not_visitors",
                                   Text("只能记录到该访客的未关闭工单", "Only an open ticket of this visitor can take the transcript"), details: ["field": "ticketId"])
                }
                _ = try await tickets.appendTranscript(db, ticketId: ticketId, text: header + transcript, agent: actor, now: now)
                row.ticketId = ticketId
            } else {
                let unitActor = Principal(userId: actor.userId, username: actor.username, displayName: actor.displayName, orgUnitId: row.orgUnitId,
                                          orgPath: row.orgPath, roles: actor.roles, locale: actor.locale, customerId: nil)
                let created = try await tickets.create(db, prepared, subject: ChatRules.subject(name: row.visitorName, offline: false), text: header + transcript,
                                                       name: row.visitorName, contact: row.contact, ownerId: actor.userId, actor: unitActor,
                                                       receivedAt: Date(timeIntervalSince1970: Double(row.createdAt) / 1000), now: now)
                row.ticketId = created.id
            }
            let seq = row.lastSeq + 1
            try await Self.insertMessage(db, sessionId: id, seq: seq, author: .system, agentId: actor.userId, clientId: "close-\(seq)",
                                         body: "对话已结束，感谢您的咨询 · The chat has ended. Thank you.", at: at)
            try await db.raw("""
                UPDATE chat_sessions SET state = 'closed', ticket_id = \(bind: row.ticketId), closed_at = \(bind: at), last_seq = \(bind: seq),
                    updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "chat.close", entity: "chat_session", entityId: id,
                                        detail: ["ticketId": row.ticketId ?? ""], at: at)
            row.state = ChatRules.State.closed.rawValue
            row.closedAt = at
            row.lastSeq = seq
            return try await Self.view(db, row)
        }
    }

    // MARK: the agents' page

    /// The `/chats` page's model: the queue of the agent's units, the chats they took, and the chat open on the page
    /// with its messages, the visitor's open tickets and the approved phrases.
    public struct Desk: Sendable {
        public let waiting: [ChatSessionView]
        public let mine: [ChatSessionView]
        public let selected: ChatSessionView?
        public let messages: [ChatMessageView]
        public let openTickets: [TicketsFromChats.OpenTicket]
        public let templates: [RenderedReplyTemplate]
    }

    /// The `/chats` page's one read.
    public func desk(selected id: String?, viewer: Principal) async throws -> Desk {
        try Self.requireAgent(viewer)
        return try await store.read { db in
            let waiting = try await Self.sessions(db, state: .waiting, viewer: viewer)
            let mine = try await Self.sessions(db, state: .active, viewer: viewer).filter { $0.agentId == viewer.userId }
            var selected: ChatSessionView?
            if let id = TextRules.trimmed(id), let row = try await Self.row(db, id: id, lock: ""), viewer.covers(unitPath: row.orgPath) {
                selected = try await Self.view(db, row)
            }
            let messages = try await selected.asyncMap { try await Self.messages(db, sessionId: $0.id, after: 0, limit: 1000) } ?? []
            let open = try await selected.asyncMap { try await TicketsFromChats.openTickets(db, contact: $0.contact, viewer: viewer) } ?? []
            let templates = try await TicketsFromChats.replyTemplates(db, visitorName: selected?.visitorName, viewer: viewer)
            return Desk(waiting: waiting, mine: mine, selected: selected, messages: messages, openTickets: open, templates: templates)
        }
    }

    // MARK: rows

    struct Row: Sendable {
        let id: String
        let orgUnitId: String
        let orgPath: String
        let visitorName: String
        let contact: String
        var state: String
        var agentId: String?
        var ticketId: String?
        var lastSeq: Int
        let createdAt: Int64
        var takenAt: Int64?
        var closedAt: Int64?

        static let columns = "id, org_unit_id, org_path, visitor_name, contact, state, agent_id, ticket_id, last_seq, created_at, taken_at, closed_at"

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
            orgPath = try row.decode(column: "org_path", as: String.self)
            visitorName = try row.decode(column: "visitor_name", as: String.self)
            contact = try row.decode(column: "contact", as: String.self)
            state = try row.decode(column: "state", as: String.self)
            agentId = try row.decode(column: "agent_id", as: String?.self)
            ticketId = try row.decode(column: "ticket_id", as: String?.self)
            lastSeq = try row.decode(column: "last_seq", as: Int.self)
            createdAt = try row.decode(column: "created_at", as: Int64.self)
            takenAt = try row.decode(column: "taken_at", as: Int64?.self)
            closedAt = try row.decode(column: "closed_at", as: Int64?.self)
        }
    }

    /// `lock`: the dialect's row lock (`StoreDialect.rowLock()`), or "" for a plain read.
    static func row(_ db: any SQLDatabase, id: String, lock: String) async throws -> Row? {
        try await db.raw("SELECT \(unsafeRaw: Row.columns) FROM chat_sessions WHERE id = \(bind: id)\(unsafeRaw: lock)").first().map(Row.init(row:))
    }

    static func view(_ db: any SQLDatabase, _ row: Row) async throws -> ChatSessionView {
        let agentName = try await row.agentId.asyncMap { try await OrgQueries.displayNames(db, ids: [$0])[$0] } ?? nil
        let number = try await row.ticketId.asyncMap { try await TicketsFromCalls.number(db, ticketId: $0) } ?? nil
        return ChatSessionView(id: row.id, orgUnitId: row.orgUnitId, visitorName: row.visitorName, contact: row.contact, state: row.state,
                               agentId: row.agentId, agentName: agentName, ticketId: row.ticketId, ticketNumber: number, lastSeq: row.lastSeq,
                               createdAt: Instant(millis: row.createdAt), takenAt: Instant(millis: row.takenAt), closedAt: Instant(millis: row.closedAt))
    }
}
