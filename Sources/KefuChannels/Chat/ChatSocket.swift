import Foundation
import HTTPTypes
import HummingbirdWebSocket
import KefuDomain
import KefuOrg
import KefuPlatform
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// #16.4 the chat WebSocket `/chat/ws` (JSON text frames), for visitors and agents.
///
/// Client → server:
/// - `{"type":"hello","token":"…","after":N}` — a visitor (its token from `POST /api/v1/chat/sessions`); an agent sends
///   `{"type":"hello"}` on a connection opened with its session cookie (same origin) or a bearer token;
/// - `{"type":"watch","sessionId":"…","after":N}` — an agent follows a chat of its units;
/// - `{"type":"send","clientId":"…","body":"…"}` — a message, stored once per client id, answered by
///   `{"type":"ack","clientId","seq","duplicate"}`;
/// - `{"type":"take"}` / `{"type":"close","ticketId"?}` — an agent takes or ends the chat it watches.
///
/// Server → client: `{"type":"message","sessionId","seq","author","agentName","clientId","body","at"}` for every stored
/// message after the last seq the client said it saw (so a client that reconnects with its last seq misses nothing),
/// `{"type":"state","state","agentName","ticketNumber"}` when the chat changes, and
/// `{"type":"error","code","message","zh","en","clientId"?}`.
///
/// A connection reads the database only when `ChatFeed` wakes it: at once for a change on this node, within its
/// interval for one made by another node (one query for all the chats followed here), so any node serves any chat.
///
/// An agent's sign-in is checked again before each of its frames and every `signInRecheck` while the connection is
/// open: a signed-out session or a revoked token gets `{"type":"error","code":"signed_out"}` and the connection closes
/// (a WebSocket outlives the page's sign-in otherwise).
public struct ChatSocket: Sendable {
    let chat: ChatService
    let auth: AuthService
    let signInRecheck: Duration
    public static let path = "/chat/ws"

    public init(chat: ChatService, auth: AuthService, signInRecheck: Duration = .seconds(15)) {
        self.chat = chat
        self.auth = auth
        self.signInRecheck = signInRecheck
    }

    /// The same socket with another interval between an open agent connection's sign-in checks (tests).
    public func recheckingSignIn(every interval: Duration) -> ChatSocket { ChatSocket(chat: chat, auth: auth, signInRecheck: interval) }

    public typealias Handler = WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>

    /// The upgrade decision for `HTTPServerBuilder.http1WebSocketUpgrade`: only `/chat/ws`. An agent is known by a
    /// bearer token, or by the session cookie when the request comes from this site (Origin matches Host: no other
    /// site can use a signed-in agent's browser).
    public func shouldUpgrade(_ head: HTTPRequest, _ channel: any Channel, _ logger: Logger) async throws -> ShouldUpgradeResult<Handler> {
        let path = head.path.map { String($0.prefix { $0 != "?" }) } ?? ""
        guard path == Self.path, head.method == .get else { return .dontUpgrade }
        var agent: Principal?
        var check: ChatConnection.SignInCheck?
        let auth = self.auth, every = signInRecheck
        if let header = head.headerFields[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            // In a child task: this task serves the connection for as long as it is open (ChatConnection.briefly).
            agent = try await ChatConnection.briefly { try await auth.principal(forToken: token) }
            check = .init(every: every) { try await auth.principal(forToken: token) != nil }
        } else if let cookie = Self.cookie(head.headerFields[values: .cookie], name: AuthMiddleware.sessionCookie),
                  head.headerFields[values: .origin].allSatisfy({ Self.sameOrigin(origin: $0, authority: head.authority) }) {
            agent = try await ChatConnection.briefly { try await auth.session(cookie: cookie)?.0 }
            check = .init(every: every) { try await auth.session(cookie: cookie) != nil }
        }
        let chat = self.chat, signedIn = agent, signInCheck = agent == nil ? nil : check
        return .upgrade([:]) { inbound, outbound, context in
            try await ChatConnection(chat: chat, agent: signedIn, signInCheck: signInCheck, outbound: outbound, logger: context.logger).run(inbound)
        }
    }

    static func cookie(_ headers: [String], name: String) -> String? {
        for header in headers {
            for part in header.split(separator: ";") {
                let kv = part.trimmingCharacters(in: .whitespaces)
                if kv.hasPrefix(name + "=") { let v = String(kv.dropFirst(name.count + 1)); if !v.isEmpty { return v } }
            }
        }
        return nil
    }

    /// An Origin whose host is the request's own, and its port too when it names one (an Origin without a port is
    /// the scheme's default port, which browsers leave out).
    static func sameOrigin(origin: String, authority: String?) -> Bool {
        guard let authority, let url = URL(string: origin.trimmingCharacters(in: .whitespaces)), let host = url.host?.lowercased() else { return false }
        let parts = authority.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.first == host else { return false }
        guard let port = url.port else { return true }
        return parts.count == 2 && parts[1] == String(port)
    }
}

/// One WebSocket connection: who it is (a visitor's chat or an agent), the chat it follows and the last seq sent.
final class ChatConnection: Sendable {
    let chat: ChatService
    let agent: Principal?
    /// For an agent: whether its session or token still holds, and how often to ask while the connection is open.
    let signInCheck: SignInCheck?
    let outbound: WebSocketOutboundWriter
    let logger: Logger
    let state = NIOLockedValueBox(State())
    /// This connection's wake-ups from the chat feed.
    let feedId: UInt64
    let wakes: AsyncStream<Void>
    /// Frames to write, in order, by the connection's one writer task: the reader (acks, errors) and the feed's reads
    /// (messages, states) both produce frames, and the WebSocket is written from one task only.
    let frames: AsyncStream<Outgoing>
    let frameSink: AsyncStream<Outgoing>.Continuation

    enum Outgoing: Sendable {
        case text(String)
        case close(reason: String)
    }

    struct State: Sendable {
        var visitorSession: String?
        var watching: String?
        var after = 0
        var lastStamp: String?
    }

    struct SignInCheck: Sendable {
        let every: Duration
        let stillSignedIn: @Sendable () async throws -> Bool
    }

    init(chat: ChatService, agent: Principal?, signInCheck: SignInCheck?, outbound: WebSocketOutboundWriter, logger: Logger) {
        self.chat = chat
        self.agent = agent
        self.signInCheck = signInCheck
        self.outbound = outbound
        self.logger = logger
        (feedId, wakes) = chat.feed.register()
        (frames, frameSink) = AsyncStream<Outgoing>.makeStream()
    }

    struct ClientFrame: Decodable {
        var type: String?
        var token: String?
        var after: Int?
        var sessionId: String?
        var clientId: String?
        var body: String?
        var ticketId: String?
    }

    func run(_ inbound: WebSocketInboundStream) async throws {
        defer {
            chat.feed.unregister(feedId)
            frameSink.finish()
        }
        try await withThrowingTaskGroup(of: Ending.self) { group in
            group.addTask { try await self.write(); return .writer }
            group.addTask { try await self.poll(); return .feed }
            if let check = signInCheck {
                group.addTask {
                    while true {
                        try await Task.sleep(for: check.every)
                        if try await !Self.briefly({ try await self.stillSignedIn() }) { break }
                    }
                    // The writer sends the refusal and closes the connection; the group ends when it has.
                    try await Task.sleep(for: .seconds(30))
                    return .signedOut
                }
            }
            group.addTask {
                for try await message in inbound.messages(maxSize: 64 * 1024) {
                    guard case .text(let text) = message else { continue }
                    if try await !Self.briefly({ try await self.handle(text) }) {
                        // The writer sends the refusal and closes the connection; the group ends when it has.
                        try await Task.sleep(for: .seconds(30))
                        return .refused
                    }
                }
                return .clientClosed
            }
            let ending = try await group.next()
            if ending == .feed {
                // The feed ends only with the connection: the server stopping, not a chat's doing.
                logger.notice("chat connection ended by its feed")
            }
            group.cancelAll()
        }
    }

    /// Which of a connection's tasks ended it.
    enum Ending: Sendable { case writer, feed, signedOut, refused, clientClosed }

    /// For an agent's connection: whether its sign-in still holds; if not, the refusal and the close are queued.
    /// A failed check (the database unreachable) keeps the connection: it is asked again.
    func stillSignedIn() async throws -> Bool {
        guard let check = signInCheck else { return true }
        let valid: Bool
        do { valid = try await check.stillSignedIn() } catch is CancellationError { throw CancellationError() } catch { return true }
        if !valid {
            try await self.error(AppError(.unauthorized, "signed_out", Text("您已退出登录，请重新登录", "You have signed out; please sign in again")))
            frameSink.yield(.close(reason: "signed_out"))
        }
        return valid
    }

    /// false: the connection is to end (a visitor without a valid token, an agent signed out).
    func handle(_ text: String) async throws -> Bool {
        guard let frame = try? JSONDecoder().decode(ClientFrame.self, from: Data(text.utf8)), let type = frame.type else {
            try await error(AppError.badRequest("invalid_frame", Text("消息格式无效", "The frame is not valid JSON")))
            return true
        }
        if frame.token == nil, state.withLockedValue({ $0.visitorSession == nil }), try await !stillSignedIn() { return false }
        do {
            switch type {
            case "hello":
                if let token = frame.token {
                    guard let session = try await chat.visitorSession(token: token) else {
                        try await error(AppError(.unauthorized, "bad_token", Text("对话凭证无效，请重新发起咨询", "The chat token is not valid; please start again")))
                        frameSink.yield(.close(reason: "bad_token"))
                        return false
                    }
                    state.withLockedValue { $0.visitorSession = session.id; $0.watching = session.id; $0.after = max(0, frame.after ?? 0); $0.lastStamp = nil }
                    chat.feed.follow(feedId, sessionId: session.id)
                    try await send(["type": "hello", "role": "visitor", "sessionId": session.id, "state": session.state])
                } else if let agent {
                    try ChatService.requireAgent(agent)
                    try await send(["type": "hello", "role": "agent", "name": agent.displayName])
                } else {
                    try await error(AppError(.unauthorized, "bad_token", Text("请先登录或提供对话凭证", "Sign in or give the chat token")))
                    frameSink.yield(.close(reason: "bad_token"))
                    return false
                }
            case "watch":
                guard let agent else { throw AppError.unauthenticated }
                let session = try await chat.session(id: frame.sessionId ?? "", viewer: agent)
                state.withLockedValue { $0.watching = session.id; $0.after = max(0, frame.after ?? 0); $0.lastStamp = nil }
                chat.feed.follow(feedId, sessionId: session.id)
                try await send(["type": "watching", "sessionId": session.id, "state": session.state])
            case "send":
                let (sessionId, visitor) = state.withLockedValue { ($0.visitorSession ?? $0.watching, $0.visitorSession != nil) }
                guard let sessionId else { throw AppError.badRequest("no_chat", Text("请先发送 hello", "Say hello first")) }
                let posted: ChatPosted
                do {
                    posted = try await chat.post(sessionId: sessionId, author: visitor ? .visitor : .agent, agent: visitor ? nil : agent,
                                                 clientId: frame.clientId, body: frame.body)
                } catch let e as AppError {
                    try await error(e, clientId: frame.clientId)
                    return true
                }
                try await send(["type": "ack", "clientId": frame.clientId ?? "", "seq": posted.seq, "duplicate": posted.duplicate])
            case "take", "close":
                guard let agent, state.withLockedValue({ $0.visitorSession == nil }) else { throw AppError.forbidden() }
                guard let sessionId = frame.sessionId ?? state.withLockedValue({ $0.watching }) else {
                    throw AppError.badRequest("no_chat", Text("请先选择对话", "Choose a chat first"))
                }
                let view = type == "take" ? try await chat.take(id: sessionId, by: agent)
                    : try await chat.close(id: sessionId, ChatCloseInput(ticketId: frame.ticketId), by: agent)
                try await send(["type": type == "take" ? "taken" : "closed", "sessionId": view.id, "state": view.state,
                                "ticketId": json(view.ticketId), "ticketNumber": json(view.ticketNumber)])
            default:
                throw AppError.badRequest("invalid_frame", Text("未知的消息类型", "Unknown frame type"))
            }
        } catch let e as AppError {
            try await error(e)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // A database error or the like: the visitor or agent is told, and the connection stays (it reconnects anyway).
            logger.error("chat frame failed", metadata: ["type": "\(type)", "error": "\(error)"])
            try await self.error(AppError.internalError("chat frame: \(error)"))
        }
        return true
    }

    /// Sends every message stored after the last seq sent, and the chat's state when it changes, each time the feed
    /// says the chat moved (or the connection began following one).
    func poll() async throws {
        for await _ in wakes {
            if Task.isCancelled { return }
            let (watching, after, stamp) = state.withLockedValue { ($0.watching, $0.after, $0.lastStamp) }
            if let sessionId = watching {
                do {
                    try await Self.briefly { try await self.deliver(sessionId: sessionId, after: after, stamp: stamp) }
                } catch is CancellationError where Task.isCancelled {
                    return
                } catch {
                    // Read again shortly rather than drop the connection: nothing else would wake it when the chat
                    // does not change again (a busy database refusing one read must not stall the connection).
                    logger.warning("chat poll", metadata: ["error": "\((error as? AppError)?.code ?? "\(error)")"])
                    do { try await Task.sleep(for: .milliseconds(200)) } catch { return }
                    chat.feed.wake(feedId)
                }
            }
        }
    }

    /// The messages after `after` and the chat's state if it changed since `stamp`, queued for the writer.
    func deliver(sessionId: String, after: Int, stamp: String?) async throws {
        // The visitor sees "joined" after the message that says so, never before (ChatService.delivery).
        let (session, messages) = try await chat.delivery(sessionId: sessionId, after: after)
        for m in messages {
            try await send(["type": "message", "sessionId": sessionId, "seq": m.seq, "author": m.author, "agentName": json(m.agentName),
                            "clientId": m.clientId, "body": m.body, "at": Times.rfc3339(m.at.millis)])
        }
        if let last = messages.last?.seq {
            state.withLockedValue { if $0.watching == sessionId { $0.after = max($0.after, last) } }
        }
        if messages.count >= ChatService.messagesPerRead { chat.feed.wake(feedId) }
        if let session {
            let now = "\(session.state)|\(session.agentName ?? "")|\(session.ticketNumber ?? "")"
            if now != stamp {
                state.withLockedValue { if $0.watching == sessionId { $0.lastStamp = now } }
                try await send(["type": "state", "sessionId": sessionId, "state": session.state, "agentName": json(session.agentName),
                                "ticketNumber": json(session.ticketNumber)])
            }
        }
    }

    /// Runs `body` in a child task of its own. A connection's tasks live as long as the connection, and a task keeps
    /// the memory its deepest call once needed (a database read or write through the store) until it ends; in a
    /// short-lived child that memory is given back as soon as the call returns (#16.8: memory per held connection).
    static func briefly<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask(operation: body)
            return try await group.next()!
        }
    }

    func error(_ e: AppError, clientId: String? = nil) async throws {
        var frame: [String: Any] = ["type": "error", "code": e.code, "message": e.message(agent?.locale ?? .zhCN), "zh": e.message.zh, "en": e.message.en]
        if let clientId { frame["clientId"] = clientId }
        try await send(frame)
    }

    /// null for nothing (JSONSerialization takes no Swift optionals).
    func json(_ s: String?) -> Any { s ?? NSNull() }

    func send(_ frame: [String: Any]) async throws {
        let data = try JSONSerialization.data(withJSONObject: frame, options: [.sortedKeys])
        frameSink.yield(.text(String(decoding: data, as: UTF8.self)))
    }

    /// The connection's only writer: the frames in the order they were produced; a close ends it.
    func write() async throws {
        for await frame in frames {
            do {
                switch frame {
                case .text(let text): try await outbound.write(.text(text))
                case .close(let reason):
                    try await outbound.close(.policyViolation, reason: reason)
                    return
                }
            } catch {
                return // the connection is gone: nothing more to write
            }
        }
    }
}
