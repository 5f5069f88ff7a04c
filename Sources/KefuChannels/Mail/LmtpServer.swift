import Foundation
import KefuDomain
import KefuPlatform
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// #16.1 the LMTP listener (RFC 2033) Postfix and Exim deliver to: LHLO, MAIL FROM, RCPT TO, DATA (dot-unstuffed,
/// ended by `<CRLF>.<CRLF>`), RSET, NOOP, QUIT; after DATA one reply per recipient — 250 taken in (created, appended,
/// duplicate, ignored or quarantined: the message is Kefu's), 552 over the size limit, 452 when the database is busy
/// and 451 on any other failure (both temporary: the MTA keeps the message and retries). The listener delivers as the
/// `mail_intake` account whose API token it is given (`KEFU_MAIL_TOKEN`), asked again for every message so a revoked
/// token stops it.
///
/// A listener open to an MTA must not be held by one: at most `limits.maxConnections` connections at once (one more is
/// told 421 and closed; the MTA retries), and a connection silent for `limits.idleTimeout` between commands is told 421
/// and closed (RFC 5321 §4.5.3.2.7: five minutes). The time Kefu itself takes over a delivery never counts.
public struct LmtpServer: Sendable {
    let intake: MailIntakeService
    /// The intake account, resolved per message (nil: the token is no longer valid).
    let principal: @Sendable () async throws -> Principal?
    let hostname: String
    let limits: Limits
    /// The connections counted in (kept so that a drain can tell each, #17.3) and whether the server is draining.
    let connections = NIOLockedValueBox(Connections())

    struct Connections {
        var open: [ObjectIdentifier: any Channel] = [:]
        var draining = false
    }

    /// The event a session gets when the server begins to drain.
    struct Drain {}

    public struct Limits: Sendable {
        public var maxConnections: Int
        public var idleTimeout: TimeAmount

        public init(maxConnections: Int = 100, idleTimeout: TimeAmount = .minutes(5)) {
            self.maxConnections = maxConnections
            self.idleTimeout = idleTimeout
        }

        /// `KEFU_LMTP_MAX_CONNECTIONS` (1–10,000, default 100) and `KEFU_LMTP_IDLE_TIMEOUT_SECONDS` (1–3,600, default
        /// 300); a bad value is an error naming the variable.
        public static func fromEnvironment(_ environment: [String: String]) throws -> Limits {
            func value(_ name: String, _ fallback: Int, max: Int) throws -> Int {
                guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
                guard let number = Int(text), number >= 1, number <= max else {
                    throw AppError.validation(name, Text("{0} 须为 1 到 {1} 之间的整数", "{0} must be a whole number from 1 to {1}").with(name, "\(max)"))
                }
                return number
            }
            return Limits(maxConnections: try value("KEFU_LMTP_MAX_CONNECTIONS", 100, max: 10_000),
                          idleTimeout: .seconds(Int64(try value("KEFU_LMTP_IDLE_TIMEOUT_SECONDS", 300, max: 3600))))
        }
    }

    public init(intake: MailIntakeService, hostname: String = "kefu", limits: Limits = Limits(),
                principal: @escaping @Sendable () async throws -> Principal?) {
        self.intake = intake
        self.hostname = hostname
        self.limits = limits
        self.principal = principal
    }

    /// Counts a new connection in; false when the listener is full.
    func admit(_ channel: any Channel) -> Bool {
        connections.withLockedValue { c in
            guard c.open.count < limits.maxConnections else { return false }
            c.open[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func release(_ channel: any Channel) { connections.withLockedValue { _ = $0.open.removeValue(forKey: ObjectIdentifier(channel)) } }

    var isDraining: Bool { connections.withLockedValue { $0.draining } }

    /// #17.3 SIGTERM: stops accepting (the listener closes) and has every connection end as soon as it is between
    /// messages: an idle one at once, one taking a message in after its replies. The MTA is told 421 and delivers the
    /// rest later or to another node; a message being delivered is finished and answered first.
    public func beginDraining(listener: any Channel) async {
        let open = connections.withLockedValue { c in
            c.draining = true
            return Array(c.open.values)
        }
        try? await listener.close()
        for channel in open {
            channel.pipeline.fireUserInboundEventTriggered(Drain())
        }
    }

    /// Waits until every connection has ended, at most `limit`; whether they all did.
    public func drained(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while connections.withLockedValue({ !$0.open.isEmpty }) {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Binds and serves until the channel is closed; the bound channel (its `localAddress` has the port).
    public func bind(host: String, port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> any Channel {
        let server = self
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(LmtpSession(server: server)) }
            }
            .bind(host: host, port: port).get()
    }

    /// The reply line for one recipient after DATA.
    public static func reply(for outcome: Result<MailIntakeService.Result, any Error>, recipient: String) -> String {
        switch outcome {
        case .success(let r):
            return "250 2.0.0 <\(recipient)> \(r.outcome.rawValue)\(r.ticketNumber.map { " \($0)" } ?? "")"
        case .failure(let error):
            if let app = error as? AppError {
                switch app.status.code {
                case 413: return "552 5.3.4 <\(recipient)> message too large"
                case 503: return "452 4.3.1 <\(recipient)> busy, try again later"
                default: return "451 4.3.0 <\(recipient)> \(app.code)"
                }
            }
            return "451 4.3.0 <\(recipient)> temporary failure, try again later"
        }
    }
}

/// One LMTP connection.
final class LmtpSession: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Mode { case command, data }

    let server: LmtpServer
    var pending: [UInt8] = []
    var mode = Mode.command
    var greeted = false
    var sender: String?
    var recipients: [String] = []
    var message: [UInt8] = []
    var tooLarge = false
    /// A message is being taken in: further input waits (pipelining).
    var busy = false
    static let maxLine = 64 * 1024

    /// Whether this connection was counted in (a refused one is not counted out).
    var admitted = false
    var idleTimer: Scheduled<Void>?

    init(server: LmtpServer) { self.server = server }

    func channelActive(context: ChannelHandlerContext) {
        guard server.admit(context.channel) else {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: "421 4.3.2 \(server.hostname) too many connections, try again later\r\n")))
                .whenComplete { _ in context.close(promise: nil) }
            return
        }
        admitted = true
        if server.isDraining { return closeForShutdown(context) }
        send(context, "220 \(server.hostname) LMTP Kefu ready")
        armIdleTimer(context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        idleTimer = nil
        if admitted { server.release(context.channel) }
        admitted = false
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is LmtpServer.Drain else { return context.fireUserInboundEventTriggered(event) }
        if !busy, mode == .command { closeForShutdown(context) }
    }

    /// 421 (RFC 5321 §3.8: the service is shutting down) and the connection closed; the MTA tries again later.
    func closeForShutdown(_ context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        busy = true
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: "421 4.3.2 \(server.hostname) shutting down, try again later\r\n")))
            .whenComplete { _ in context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        pending.append(contentsOf: buffer.readableBytesView)
        guard admitted else { return }
        armIdleTimer(context)
        process(context)
    }

    /// Closes the connection when nothing arrives for the idle timeout, unless a delivery of ours is under way.
    func armIdleTimer(_ context: ChannelHandlerContext) {
        idleTimer?.cancel()
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        idleTimer = context.eventLoop.scheduleTask(in: server.limits.idleTimeout) {
            let (session, context) = bound.value
            guard context.channel.isActive else { return }
            if session.busy { return session.armIdleTimer(context) }
            context.writeAndFlush(session.wrapOutboundOut(context.channel.allocator.buffer(string: "421 4.4.2 \(session.server.hostname) idle too long, closing\r\n")))
                .whenComplete { _ in context.close(promise: nil) }
        }
    }

    func send(_ context: ChannelHandlerContext, _ lines: String...) {
        let text = lines.map { $0 + "\r\n" }.joined()
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
    }

    func resetTransaction() {
        sender = nil
        recipients = []
        message = []
        tooLarge = false
    }

    /// Takes the complete lines received so far. Lines are read in place from `cursor` and the consumed bytes dropped
    /// once per call: dropping each line as it was read moved the rest of the buffer every time, quadratic in a
    /// message's lines (#16 item 8: a 300 kB attachment arriving in one read cost ~2,000 moves of the remainder).
    func process(_ context: ChannelHandlerContext) {
        var cursor = pending.startIndex
        defer { if cursor > pending.startIndex { pending.removeSubrange(..<cursor) } }
        while !busy, context.channel.isActive {
            guard let newline = pending[cursor...].firstIndex(of: 0x0A) else {
                let partial = pending.endIndex - cursor
                if mode == .command ? partial > Self.maxLine : partial > server.intake.limits.maxMessageBytes + 2 {
                    send(context, "500 5.5.6 line too long")
                    context.close(promise: nil)
                }
                return
            }
            var end = newline
            if end > cursor, pending[end - 1] == 0x0D { end -= 1 }
            let line = pending[cursor..<end]
            cursor = newline + 1
            switch mode {
            case .data: dataLine(context, line)
            case .command: command(context, String(decoding: line, as: UTF8.self))
            }
        }
    }

    func dataLine(_ context: ChannelHandlerContext, _ line: ArraySlice<UInt8>) {
        if line.count == 1, line.first == UInt8(ascii: ".") {
            mode = .command
            deliver(context)
            return
        }
        let unstuffed = line.first == UInt8(ascii: ".") ? line.dropFirst() : line
        if tooLarge { return }
        if message.count + unstuffed.count + 2 > server.intake.limits.maxMessageBytes {
            tooLarge = true
            message = []
            return
        }
        message.append(contentsOf: unstuffed)
        message.append(0x0D)
        message.append(0x0A)
    }

    func command(_ context: ChannelHandlerContext, _ line: String) {
        if server.isDraining { return closeForShutdown(context) }
        let verb = line.split(separator: " ", maxSplits: 1).first.map { $0.uppercased() } ?? ""
        let upper = line.uppercased()
        switch verb {
        case "LHLO":
            greeted = true
            resetTransaction()
            send(context, "250-\(server.hostname)", "250-PIPELINING", "250-8BITMIME", "250-ENHANCEDSTATUSCODES",
                 "250 SIZE \(server.intake.limits.maxMessageBytes)")
        case "HELO", "EHLO":
            send(context, "500 5.5.1 this is LMTP: say LHLO")
        case "MAIL":
            guard greeted else { return send(context, "503 5.5.1 LHLO first") }
            guard upper.hasPrefix("MAIL FROM:") else { return send(context, "501 5.5.4 syntax: MAIL FROM:<address>") }
            resetTransaction()
            sender = Self.path(line, after: "MAIL FROM:")
            send(context, "250 2.1.0 sender OK")
        case "RCPT":
            guard sender != nil else { return send(context, "503 5.5.1 MAIL first") }
            guard upper.hasPrefix("RCPT TO:"), let r = Self.path(line, after: "RCPT TO:"), !r.isEmpty else {
                return send(context, "501 5.5.4 syntax: RCPT TO:<address>")
            }
            recipients.append(r)
            send(context, "250 2.1.5 recipient OK")
        case "DATA":
            guard !recipients.isEmpty else { return send(context, "503 5.5.1 no valid recipients") }
            mode = .data
            message = []
            tooLarge = false
            send(context, "354 start mail input; end with <CRLF>.<CRLF>")
        case "RSET":
            resetTransaction()
            send(context, "250 2.0.0 OK")
        case "NOOP":
            send(context, "250 2.0.0 OK")
        case "QUIT":
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: "221 2.0.0 bye\r\n"))).whenComplete { _ in
                context.close(promise: nil)
            }
            busy = true
        default:
            send(context, "500 5.5.2 unknown command")
        }
    }

    /// The address of `MAIL FROM:<a>` / `RCPT TO:<a>` (parameters after it ignored); "" for the null sender.
    static func path(_ line: String, after prefix: String) -> String? {
        let rest = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("<"), let close = rest.firstIndex(of: ">") { return String(rest[rest.index(after: rest.startIndex)..<close]) }
        return rest.split(separator: " ").first.map(String.init)
    }

    func deliver(_ context: ChannelHandlerContext) {
        let recipients = self.recipients, message = self.message, tooLarge = self.tooLarge
        let limit = server.intake.limits.maxMessageBytes
        resetTransaction()
        busy = true
        let server = self.server
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let loop = context.eventLoop
        Task {
            var lines: [String] = []
            let principal: Principal?
            do { principal = try await server.principal() } catch { principal = nil }
            for r in recipients {
                if tooLarge {
                    lines.append(LmtpServer.reply(for: .failure(MailIntakeService.tooLarge(limit + 1, limit: limit)), recipient: r))
                    continue
                }
                guard let principal else {
                    lines.append("451 4.3.0 <\(r)> the intake account's token is not valid")
                    continue
                }
                do {
                    let result = try await server.intake.ingest(message, recipient: r, by: principal)
                    lines.append(LmtpServer.reply(for: .success(result), recipient: r))
                } catch {
                    lines.append(LmtpServer.reply(for: .failure(error), recipient: r))
                }
            }
            let replies = lines
            loop.execute {
                let (session, context) = bound.value
                let text = replies.map { $0 + "\r\n" }.joined()
                context.writeAndFlush(session.wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
                session.busy = false
                session.process(context)
                // Draining and nothing more was sent: end now rather than wait for the MTA's next command.
                if session.server.isDraining, !session.busy, session.mode == .command { session.closeForShutdown(context) }
            }
        }
    }
}
