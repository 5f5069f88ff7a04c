import Foundation
import KefuPlatform
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// #16 item 2: the other end of the SMTP client in tests — a small SMTP server on loopback with STARTTLS (a test
/// certificate for `localhost`), AUTH PLAIN/LOGIN, and answers a test can change (a 451 or a 550 after DATA or RCPT).
/// It keeps what it was given: envelope, the dot-unstuffed message, whether TLS was on and who signed in.
final class SmtpSink: Sendable {
    struct Received: Sendable {
        let from: String
        let to: [String]
        let data: String
        let tls: Bool
        let user: String?

        /// A header field's value (unfolded).
        func header(_ name: String) -> String? {
            let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
            var value: String?
            for line in head.components(separatedBy: "\r\n") {
                if line.hasPrefix(" ") || line.hasPrefix("\t") {
                    if value != nil { value! += " " + line.trimmingCharacters(in: .whitespaces) }
                    continue
                }
                if value != nil { return value }
                if line.lowercased().hasPrefix(name.lowercased() + ":") { value = String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
            }
            return value
        }

        /// The base64 UTF-8 body, decoded.
        var bodyText: String {
            let parts = data.components(separatedBy: "\r\n\r\n")
            let encoded = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
            return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    let received = NIOLockedValueBox<[Received]>([])
    /// The reply to the end of DATA (default 250); e.g. "451 4.3.0 try later" or "550 5.1.1 no such user".
    let dataReply = NIOLockedValueBox<String>("250 2.0.0 queued as SINK")
    /// #16 item 8: recipients refused at RCPT with 550 (the rest of a batch goes on after RSET), and the connections seen.
    let refusedRecipients = NIOLockedValueBox<Set<String>>([])
    let connections = NIOLockedValueBox<Int>(0)
    let offerTLS: Bool
    let requireAuth: (user: String, password: String)?
    let channel: NIOLockedValueBox<(any Channel)?> = NIOLockedValueBox(nil)

    init(offerTLS: Bool = true, requireAuth: (user: String, password: String)? = nil) {
        self.offerTLS = offerTLS
        self.requireAuth = requireAuth
    }

    var messages: [Received] { received.withLockedValue { $0 } }

    /// Starts on a free loopback port; answers the port.
    func start() async throws -> Int {
        let sink = self
        let tls = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(Self.certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(Self.keyPEM.utf8), format: .pem))))
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(SmtpSinkSession(sink: sink, tls: tls)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        channel.withLockedValue { $0 = server }
        return server.localAddress!.port!
    }

    func stop() async {
        try? await channel.withLockedValue { $0 }?.close()
    }

    /// The CA file a client trusts the sink's certificate with.
    static func caFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-smtp-sink-ca.pem").path
        try certificatePEM.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Self-signed for `localhost` and 127.0.0.1, valid to 2126 (made for these tests; no secret protects anything).
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBmTCCAUCgAwIBAgITNIwjjj2Z3CDEv5ShBnOxebs4njAKBggqhkjOPQQDAjAU
        MRIwEAYDVQQDDAlsb2NhbGhvc3QwIBcNMjYxMjAzMTY1MjMyWhgPMjEyNjExMDkx
        NjUyMzJaMBQxEjAQBgNVBAMMCWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49
        AwEHA0IABBqIfTpsrLUlj1DWRKeZLnpItMFHkn7JJhGq7GzDFlPVwyoCqyidVRFq
        rrJg3hFpC74T/AfsKl64Y3kuVoCsGqCjbzBtMB0GA1UdDgQWBBTgWqA/oAeF+UgI
        fdbSbhP4CkWljjAfBgNVHSMEGDAWgBTgWqA/oAeF+UgIfdbSbhP4CkWljjAPBgNV
        HRMBAf8EBTADAQH/MBoGA1UdEQQTMBGCCWxvY2FsaG9zdIcEfwAAATAKBggqhkjO
        PQQDAgNHADBEAiACI0myWGQ78e2T+znML2vKjUVgbNdXKbSSbiTRxpUgwgIgCux+
        m109bjaH7fjnGG6Ut3Q91LbVkkWGqtUVu3+VJ38=
        -----END CERTIFICATE-----

        """
    static let keyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHiPad43cqi354UqW
        uXrY3wWgPvh4l7fo9r+7OYEng1WhRANCAAQaiH06bKy1JY9Q1kSnmS56SLTBR5J+
        ySYRquxswxZT1cMqAqsonVURaq6yYN4RaQu+E/wH7CpeuGN5LlaArBqg
        -----END PRIVATE KEY-----

        """
}

/// One connection to the sink.
final class SmtpSinkSession: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let sink: SmtpSink
    let tls: NIOSSLContext
    var pending: [UInt8] = []
    var inData = false
    var data: [String] = []
    var from = ""
    var to: [String] = []
    var secure = false
    var user: String?
    var loginStep = 0
    var loginUser = ""

    init(sink: SmtpSink, tls: NIOSSLContext) {
        self.sink = sink
        self.tls = tls
    }

    func channelActive(context: ChannelHandlerContext) {
        sink.connections.withLockedValue { $0 += 1 }
        send(context, "220 sink.test ESMTP")
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let lf = pending.firstIndex(of: 0x0A) {
            var bytes = Array(pending[..<lf])
            pending.removeSubrange(...lf)
            if bytes.last == 0x0D { bytes.removeLast() }
            line(context, String(decoding: bytes, as: UTF8.self))
        }
    }

    func line(_ context: ChannelHandlerContext, _ line: String) {
        if inData {
            if line == "." {
                inData = false
                let reply = sink.dataReply.withLockedValue { $0 }
                if reply.hasPrefix("250") {
                    let message = SmtpSink.Received(from: from, to: to, data: data.joined(separator: "\r\n"), tls: secure, user: user)
                    sink.received.withLockedValue { $0.append(message) }
                }
                data = []
                send(context, reply)
            } else {
                data.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
            }
            return
        }
        if loginStep > 0 {
            let decoded = Data(base64Encoded: line).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if loginStep == 1 {
                loginUser = decoded
                loginStep = 2
                send(context, "334 UGFzc3dvcmQ6")
            } else {
                loginStep = 0
                authenticate(context, loginUser, decoded)
            }
            return
        }
        let upper = line.uppercased()
        if upper.hasPrefix("EHLO") {
            var lines = ["250-sink.test"]
            if sink.offerTLS, !secure { lines.append("250-STARTTLS") }
            lines.append("250-AUTH PLAIN LOGIN")
            lines.append("250 8BITMIME")
            send(context, lines.joined(separator: "\r\n"))
        } else if upper == "STARTTLS", sink.offerTLS, !secure {
            send(context, "220 2.0.0 go ahead")
            // The TLS handler goes in front once the 220 is written (the client starts its handshake on reading it).
            try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
            secure = true
        } else if upper.hasPrefix("AUTH PLAIN ") {
            let decoded = Data(base64Encoded: String(line.dropFirst(11))).map { [UInt8]($0) } ?? []
            let parts = decoded.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            authenticate(context, parts.count == 3 ? parts[1] : "", parts.count == 3 ? parts[2] : "")
        } else if upper == "AUTH LOGIN" {
            loginStep = 1
            send(context, "334 VXNlcm5hbWU6")
        } else if upper.hasPrefix("MAIL FROM:") {
            if sink.requireAuth != nil, user == nil { return send(context, "530 5.7.0 authentication required") }
            from = Self.address(line)
            to = []
            send(context, "250 2.1.0 ok")
        } else if upper.hasPrefix("RCPT TO:") {
            if sink.refusedRecipients.withLockedValue({ $0.contains(Self.address(line)) }) { return send(context, "550 5.1.1 no such user") }
            to.append(Self.address(line))
            send(context, "250 2.1.5 ok")
        } else if upper == "DATA" {
            inData = true
            send(context, "354 end with <CRLF>.<CRLF>")
        } else if upper == "QUIT" {
            send(context, "221 2.0.0 bye")
            context.close(promise: nil)
        } else if upper == "RSET" || upper == "NOOP" {
            send(context, "250 2.0.0 ok")
        } else {
            send(context, "502 5.5.2 not implemented")
        }
    }

    func authenticate(_ context: ChannelHandlerContext, _ name: String, _ password: String) {
        if let wanted = sink.requireAuth, wanted.user == name, wanted.password == password {
            user = name
            send(context, "235 2.7.0 authenticated")
        } else {
            send(context, "535 5.7.8 bad credentials")
        }
    }

    static func address(_ line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return "" }
        return String(line[line.index(after: open)..<close])
    }

    func send(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text + "\r\n")), promise: nil)
    }
}
