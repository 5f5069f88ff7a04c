import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// #16 item 2: an SMTP client (RFC 5321) to a smarthost, one message or a batch per connection: EHLO, STARTTLS (RFC 3207) or
/// TLS from the start, AUTH PLAIN or LOGIN (RFC 4954; never over a plain connection except to a loopback host),
/// MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. A 5xx answer is a permanent refusal; a 4xx answer, a timeout or a
/// lost connection is temporary, and the outbox tries again later.
public struct SmtpClient: Sendable {
    public let settings: SmtpSettings

    public init(settings: SmtpSettings) { self.settings = settings }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let permanent: Bool
        public let description: String

        public init(permanent: Bool, description: String) {
            self.permanent = permanent
            self.description = description
        }
    }

    /// One message for `sendAll`: RFC 5322 bytes (CRLF line ends), the envelope sender and the recipients.
    public struct Outgoing: Sendable {
        public let message: [UInt8]
        public let from: String
        public let recipients: [String]

        public init(message: [UInt8], from: String, recipients: [String]) {
            self.message = message
            self.from = from
            self.recipients = recipients
        }
    }

    /// Sends `message` (RFC 5322 bytes, CRLF line ends) from the envelope sender to `recipients`; answers the
    /// server's last reply to DATA (its queue id, usually).
    public func send(_ message: [UInt8], envelopeFrom: String, recipients: [String]) async throws -> String {
        try await sendAll([Outgoing(message: message, from: envelopeFrom, recipients: recipients)])[0].get()
    }

    /// #16 item 8: several messages over one connection (RFC 5321 §3.3: a new MAIL after each transaction), one answer
    /// each, in order. A message the server refuses is followed by RSET and the next goes on; a connection that fails
    /// or is lost fails the messages not yet sent, as a temporary failure. Each message has the full deadline.
    public func sendAll(_ messages: [Outgoing]) async -> [Result<String, Failure>] {
        guard !messages.isEmpty else { return [] }
        let settings = self.settings
        let replies = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let channel: any Channel, tls: NIOSSLContext
        do {
            tls = try Self.tlsContext(settings)
            channel = try await Self.connect(settings, tls: tls, replies: replies.continuation)
        } catch {
            let failure = error as? Failure ?? Failure(permanent: false, description: "\(error)")
            return messages.map { _ in .failure(failure) }
        }
        // A smarthost that stops answering closes the connection and the read fails.
        var deadline = channel.eventLoop.scheduleTask(in: .seconds(settings.timeoutSeconds)) { channel.close(promise: nil) }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        var session = SmtpSession(channel: channel, replies: SmtpReplyReader(stream: replies.stream))
        do {
            try await session.open(settings: settings, tls: tls)
        } catch {
            let failure = error as? Failure ?? Failure(permanent: false, description: "\(error)")
            return messages.map { _ in .failure(failure) }
        }
        var results: [Result<String, Failure>] = []
        for m in messages {
            deadline.cancel()
            deadline = channel.eventLoop.scheduleTask(in: .seconds(settings.timeoutSeconds)) { channel.close(promise: nil) }
            do {
                results.append(.success(try await session.deliver(m.message, from: m.from, recipients: m.recipients)))
            } catch {
                let failure = error as? Failure ?? Failure(permanent: false, description: "\(error)")
                results.append(.failure(failure))
                do {
                    _ = try await session.expect("RSET", 250)
                } catch {
                    let lost = Failure(permanent: false, description: "connection lost: \(failure.description)")
                    results += Array(repeating: .failure(lost), count: messages.count - results.count)
                    return results
                }
            }
        }
        _ = try? await session.expect("QUIT", 221)
        return results
    }

    static func connect(_ settings: SmtpSettings, tls: NIOSSLContext, replies: AsyncThrowingStream<ByteBuffer, any Error>.Continuation) async throws -> any Channel {
        do {
            return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(min(settings.timeoutSeconds, 30)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if settings.security == .implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(settings.host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(SmtpReplyForwarder(continuation: replies))
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw Failure(permanent: false, description: "connect \(settings.host):\(settings.port): \(error)")
        }
    }

    static func sniName(_ host: String) -> String? {
        host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
    }

    /// The TLS contexts made so far, by their settings: making one reads the trust roots from disk (a tenth of the
    /// outbox's CPU when made per connection). A changed CA file is read at the next start.
    private static let contexts = NIOLockedValueBox<[String: NIOSSLContext]>([:])

    static func tlsContext(_ s: SmtpSettings) throws -> NIOSSLContext {
        let key = "\(s.verifyCertificate)|\(s.caFile ?? "")"
        if let made = contexts.withLockedValue({ $0[key] }) { return made }
        let made = try makeTLSContext(s)
        contexts.withLockedValue { $0[key] = made }
        return made
    }

    static func makeTLSContext(_ s: SmtpSettings) throws -> NIOSSLContext {
        var config = TLSConfiguration.makeClientConfiguration()
        config.minimumTLSVersion = .tlsv12
        if !s.verifyCertificate { config.certificateVerification = .none }
        if let ca = s.caFile { config.trustRoots = .file(ca) }
        do {
            return try NIOSSLContext(configuration: config)
        } catch {
            throw Failure(permanent: false, description: "TLS configuration: \(error)")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// One SMTP exchange over an open connection.
struct SmtpSession {
    let channel: any Channel
    var replies: SmtpReplyReader

    /// Greeting, EHLO, STARTTLS when asked for, AUTH when configured.
    mutating func open(settings: SmtpSettings, tls: NIOSSLContext) async throws {
        _ = try await expect(nil, 220, label: "greeting")
        var extensions = try await expect("EHLO \(settings.helo)", 250).lines
        var secure = settings.security == .implicitTLS
        let offersTLS = extensions.contains { $0.uppercased().hasPrefix("STARTTLS") }
        if settings.security == .startTLSRequired || (settings.security == .startTLSOpportunistic && offersTLS) {
            guard offersTLS else { throw SmtpClient.Failure(permanent: false, description: "the server does not offer STARTTLS, which is required") }
            _ = try await expect("STARTTLS", 220)
            let host = SmtpClient.sniName(settings.host), channel = self.channel
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host), position: .first)
            }.get()
            extensions = try await expect("EHLO \(settings.helo)", 250).lines
            secure = true
        }
        if let user = settings.username {
            guard secure || SmtpClient.isLoopback(settings.host) else {
                throw SmtpClient.Failure(permanent: false, description: "refusing to send the SMTP password over a connection without TLS")
            }
            let auth = extensions.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
            let password = settings.password ?? ""
            if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                let token = Data(([0] + Array(user.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                _ = try await expect("AUTH PLAIN \(token)", 235, secret: true)
            } else {
                _ = try await expect("AUTH LOGIN", 334)
                _ = try await expect(Data(user.utf8).base64EncodedString(), 334, secret: true)
                _ = try await expect(Data(password.utf8).base64EncodedString(), 235, secret: true)
            }
        }
    }

    /// One mail transaction: MAIL, RCPT, DATA; answers the reply to the end of DATA.
    mutating func deliver(_ message: [UInt8], from: String, recipients: [String]) async throws -> String {
        _ = try await expect("MAIL FROM:<\(from)>", 250)
        for r in recipients { _ = try await expect("RCPT TO:<\(r)>", 250, 251) }
        _ = try await expect("DATA", 354)
        try await write(Self.dotStuffed(message) + Array(".\r\n".utf8))
        let done = try await expect(nil, 250, label: "end of DATA")
        return done.lines.joined(separator: " ")
    }

    /// Sends `command` (when given) and reads one reply, which must have one of `codes`.
    mutating func expect(_ command: String?, _ codes: Int..., secret: Bool = false, label: String = "") async throws -> SmtpReply {
        if let command { try await write(Array((command + "\r\n").utf8)) }
        let reply = try await replies.next()
        guard codes.contains(reply.code) else {
            let sent = command.map { secret ? String($0.prefix(10)) + "…" : $0 } ?? label
            throw SmtpClient.Failure(permanent: reply.code >= 500, description: "\(sent) → \(reply.code) \(reply.lines.joined(separator: " "))")
        }
        return reply
    }

    func write(_ bytes: [UInt8]) async throws {
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
        } catch {
            throw SmtpClient.Failure(permanent: false, description: "write: \(error)")
        }
    }

    /// A line that starts with "." gets another (RFC 5321 §4.5.2); the message ends with CRLF.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + 64)
        var lineStart = true
        for b in message {
            if lineStart, b == UInt8(ascii: ".") { out.append(b) }
            out.append(b)
            lineStart = b == 0x0A
        }
        if !out.isEmpty, out.last != 0x0A { out += [0x0D, 0x0A] }
        return out
    }
}

/// One SMTP reply: its code and the text of its lines (`250-SIZE`, `250 HELP` → ["SIZE", "HELP"]).
struct SmtpReply: Sendable, Equatable {
    let code: Int
    let lines: [String]
}

/// Reads replies from the bytes the connection brings (a multi-line reply ends at the line with a space after the code).
struct SmtpReplyReader {
    var iterator: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator
    var pending: [UInt8] = []

    init(stream: AsyncThrowingStream<ByteBuffer, any Error>) {
        self.iterator = stream.makeAsyncIterator()
    }

    mutating func next() async throws -> SmtpReply {
        var lines: [String] = []
        while true {
            let line = try await nextLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SmtpClient.Failure(permanent: false, description: "not an SMTP reply: \(line.prefix(80))")
            }
            let separator = line.count > 3 ? line[line.index(line.startIndex, offsetBy: 3)] : " "
            lines.append(String(line.dropFirst(4)))
            if separator != "-" { return SmtpReply(code: code, lines: lines) }
        }
    }

    mutating func nextLine() async throws -> String {
        while true {
            if let lf = pending.firstIndex(of: 0x0A) {
                var line = Array(pending[..<lf])
                pending.removeSubrange(...lf)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard pending.count < 64 * 1024 else { throw SmtpClient.Failure(permanent: false, description: "reply line too long") }
            let chunk: ByteBuffer?
            do {
                chunk = try await iterator.next()
            } catch {
                throw SmtpClient.Failure(permanent: false, description: "connection: \(error)")
            }
            guard var chunk else { throw SmtpClient.Failure(permanent: false, description: "the server closed the connection") }
            pending += chunk.readBytes(length: chunk.readableBytes) ?? []
        }
    }
}

/// Hands what the connection reads to the session, and ends the stream when the connection closes.
final class SmtpReplyForwarder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation

    init(continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}
