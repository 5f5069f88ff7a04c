import Foundation
import KefuApp
import KefuChannels
import KefuPlatform
import KefuServiceDesk
import NIOCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// #16.1: the LMTP listener over a real socket (RFC 2033): LHLO, MAIL, RCPT, DATA with dot-stuffing, a reply per
/// recipient, and the temporary failure when the intake token is no longer valid.
@Suite struct LmtpServerTests {
    /// A blocking line client on a thread of its own (the server's event loop and the intake's tasks stay free).
    final class Client: @unchecked Sendable {
        let fd: Int32
        var buffer: [UInt8] = []

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = in_port_t(UInt16(port).bigEndian)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            var timeout = timeval(tv_sec: 30, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard rc == 0 else { throw AppError.internalError("connect failed") }
        }

        deinit { close(fd) }

        func send(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) } }
        func send(_ text: String) { send(Array(text.utf8)) }

        func line() -> String? {
            while true {
                if let nl = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[..<nl], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                    buffer.removeSubrange(...nl)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return nil }
                buffer += chunk[0..<n]
            }
        }

        /// A reply, multi-line replies joined: all its lines.
        func reply() -> [String] {
            var lines: [String] = []
            while let l = line() {
                lines.append(l)
                if l.count < 4 || l[l.index(l.startIndex, offsetBy: 3)] != "-" { break }
            }
            return lines
        }
    }

    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    @Test func anLmtpSessionDeliversOneReplyPerRecipient() async throws {
        try await MailIntakeTests.withFixture { f in
            _ = try await f.app.createUnit(f.admin, code: "REPAIR", name: "维修中心", parentId: f.rootId)
            let tokenValid = LockedFlag(true)
            let intake = MailIntakeService(store: f.app.store, tickets: TicketService(store: f.app.store), routes: MailRoutes.parse("repair@kefu.example=REPAIR"))
            let principal = try await f.app.principal(f.intake.id)
            let server = LmtpServer(intake: intake) { tokenValid.value ? principal : nil }
            let channel = try await server.bind(host: "127.0.0.1", port: 0)
            let port = try #require(channel.localAddress?.port)
            let gbk = try MailIntakeTests.eml("gbk_plain")
            // A body line that starts with a dot is sent stuffed ("..") and must arrive with one dot.
            let dotted = Array("From: dot@x.cn\r\nSubject: dots\r\nMessage-ID: <dot@x.cn>\r\n\r\n.hidden line\r\nend\r\n".utf8)
            let transcript = try await Self.onThread { () -> [[String]] in
                let c = try Client(port: port)
                var replies: [[String]] = [c.reply()]
                c.send("HELO x\r\n"); replies.append(c.reply())
                c.send("LHLO mta.example\r\n"); replies.append(c.reply())
                c.send("DATA\r\n"); replies.append(c.reply())
                c.send("MAIL FROM:<zhang.san@example.cn> SIZE=100\r\n"); replies.append(c.reply())
                c.send("RCPT TO:<service@kefu.example>\r\n"); replies.append(c.reply())
                c.send("RCPT TO:<repair@kefu.example>\r\n"); replies.append(c.reply())
                c.send("DATA\r\n"); replies.append(c.reply())
                // An MTA ends the content with CRLF before the terminating dot (the corpus message has no final line break).
                c.send(gbk + Array((gbk.suffix(2) == [0x0D, 0x0A] ? ".\r\n" : "\r\n.\r\n").utf8))
                replies.append(c.reply()); replies.append(c.reply()) // one per recipient
                // Pipelined: the whole second transaction in one write.
                let stuffed = String(decoding: dotted, as: UTF8.self).replacingOccurrences(of: "\r\n.hidden", with: "\r\n..hidden")
                c.send("RSET\r\nMAIL FROM:<>\r\nRCPT TO:<repair@kefu.example>\r\nDATA\r\n" + stuffed + ".\r\n")
                for _ in 0..<5 { replies.append(c.reply()) }
                c.send("NOOP\r\n"); replies.append(c.reply())
                c.send("QUIT\r\n"); replies.append(c.reply())
                return replies
            }
            #expect(transcript[0].first?.hasPrefix("220 ") == true)
            #expect(transcript[1].first?.hasPrefix("500 ") == true, "HELO refused: \(transcript[1])")
            #expect(transcript[2].last?.hasPrefix("250 SIZE ") == true, "\(transcript[2])")
            #expect(transcript[2].contains("250-PIPELINING"))
            #expect(transcript[3].first?.hasPrefix("503 ") == true, "DATA before RCPT: \(transcript[3])")
            #expect(transcript[4].first?.hasPrefix("250 2.1.0") == true)
            #expect(transcript[5].first?.hasPrefix("250 2.1.5") == true)
            #expect(transcript[6].first?.hasPrefix("250 2.1.5") == true)
            #expect(transcript[7].first?.hasPrefix("354 ") == true)
            let first = transcript[8].first ?? "", second = transcript[9].first ?? ""
            #expect(first.hasPrefix("250 2.0.0 <service@kefu.example> created KF"), "\(first)")
            #expect(second.hasPrefix("250 2.0.0 <repair@kefu.example> duplicate"), "\(second)")
            #expect(transcript[10].first == "250 2.0.0 OK")
            #expect(transcript[11].first?.hasPrefix("250 2.1.0") == true)
            #expect(transcript[12].first?.hasPrefix("250 2.1.5") == true)
            #expect(transcript[13].first?.hasPrefix("354 ") == true)
            #expect(transcript[14].first?.hasPrefix("250 2.0.0 <repair@kefu.example> created") == true, "\(transcript[14])")
            #expect(transcript[15].first == "250 2.0.0 OK")
            #expect(transcript[16].first?.hasPrefix("221 ") == true)
            let description = try await f.app.store.read { db in
                try await db.raw("SELECT t.description, t.org_unit_id FROM tickets t JOIN inbound_mail m ON m.ticket_id = t.id WHERE m.message_id = 'dot@x.cn'").first()!
            }
            #expect(try description.decode(column: "description", as: String.self).hasPrefix(".hidden line\nend"))
            #expect(try await f.count("SELECT COUNT(*) AS n FROM tickets WHERE channel = 'email'") == 2)

            // The token revoked: the MTA is told to try again later (4xx), nothing is taken in.
            tokenValid.set(false)
            let refused = try await Self.onThread { () -> String in
                let c = try Client(port: port)
                _ = c.reply()
                c.send("LHLO mta\r\n"); _ = c.reply()
                c.send("MAIL FROM:<a@x.cn>\r\nRCPT TO:<service@kefu.example>\r\nDATA\r\n"); _ = c.reply(); _ = c.reply(); _ = c.reply()
                c.send("From: a@x.cn\r\nMessage-ID: <later@x.cn>\r\n\r\nx\r\n.\r\n")
                return c.reply().first ?? ""
            }
            #expect(refused.hasPrefix("451 4.3.0 <service@kefu.example>"), "\(refused)")
            #expect(try await f.count("SELECT COUNT(*) AS n FROM inbound_mail WHERE message_id = 'later@x.cn'") == 0)
            try await channel.close()
        }
    }

    /// The content arrives as the network cuts it: a CR and its LF in two reads, a line across reads, a dot line split
    /// from its CRLF; and a 2 MB attachment in one write. Every byte arrives once and in order.
    @Test func contentCutAnywhereArrivesWhole() async throws {
        try await MailIntakeTests.withFixture { f in
            let intake = MailIntakeService(store: f.app.store, tickets: TicketService(store: f.app.store))
            let principal = try await f.app.principal(f.intake.id)
            let server = LmtpServer(intake: intake) { principal }
            let channel = try await server.bind(host: "127.0.0.1", port: 0)
            let port = try #require(channel.localAddress?.port)
            var payload = [UInt8](repeating: 0, count: 2 * 1024 * 1024)
            for i in payload.indices { payload[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 13) }
            let base64 = Data(payload).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            let big = "From: big@x.cn\r\nSubject: 大附件\r\nMessage-ID: <big@x.cn>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n见附件\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=\"blob.bin\"\r\nContent-Disposition: attachment; filename=\"blob.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64 + "\r\n--b--\r\n.\r\n"
            let replies = try await Self.onThread { () -> [String] in
                let c = try Client(port: port)
                _ = c.reply()
                c.send("LHLO mta\r\nMAIL FROM:<cut@x.cn>\r\nRCPT TO:<service@kefu.example>\r\nDATA\r\n")
                _ = c.reply(); _ = c.reply(); _ = c.reply(); _ = c.reply()
                for piece in ["From: cut@x.cn\r", "\nSubject: 切", "开的邮件\r\nMessage-ID: <cut@x.cn>\r\n\r\n第一行\r\n..点开头", "\r\n最后一行\r\n.", "\r\n"] {
                    c.send(piece)
                    usleep(20_000)
                }
                var out = [c.reply().first ?? ""]
                c.send("MAIL FROM:<big@x.cn>\r\nRCPT TO:<service@kefu.example>\r\nDATA\r\n" + big)
                _ = c.reply(); _ = c.reply(); _ = c.reply()
                out.append(c.reply().first ?? "")
                return out
            }
            #expect(replies[0].hasPrefix("250 2.0.0 <service@kefu.example> created"), "\(replies[0])")
            #expect(replies[1].hasPrefix("250 2.0.0 <service@kefu.example> created"), "\(replies[1])")
            let cut = try await f.app.store.read { db in
                try await db.raw("SELECT t.subject, t.description FROM tickets t JOIN inbound_mail m ON m.ticket_id = t.id WHERE m.message_id = 'cut@x.cn'").first()!
            }
            #expect(try cut.decode(column: "subject", as: String.self) == "切开的邮件")
            #expect(try cut.decode(column: "description", as: String.self).hasPrefix("第一行\n.点开头\n最后一行"))
            let blob = try await f.app.store.read { db in
                try await db.raw("SELECT a.size_bytes, a.sha256 FROM inbound_mail_attachments a JOIN inbound_mail m ON m.id = a.mail_id WHERE m.message_id = 'big@x.cn'").first()!
            }
            #expect(try blob.decode(column: "size_bytes", as: Int.self) == payload.count)
            #expect(try blob.decode(column: "sha256", as: String.self) == IconvMailCodecs().sha256Hex(payload))
            try await channel.close()
        }
    }

    /// One connection more than the cap is told 421 and closed, and a place frees when a connection ends; a connection
    /// silent between commands for the idle timeout is told 421 and closed, one that keeps talking is not.
    @Test func theListenerCapsConnectionsAndClosesIdleOnes() async throws {
        try await MailIntakeTests.withFixture { f in
            let intake = MailIntakeService(store: f.app.store, tickets: TicketService(store: f.app.store))
            let principal = try await f.app.principal(f.intake.id)
            let server = LmtpServer(intake: intake, limits: .init(maxConnections: 2, idleTimeout: .seconds(2))) { principal }
            let channel = try await server.bind(host: "127.0.0.1", port: 0)
            let port = try #require(channel.localAddress?.port)
            let (greetings, refused, afterRelease) = try await Self.onThread { () -> ([String], [String], [String]) in
                let a = try Client(port: port), b = try Client(port: port)
                let greetings = [a.reply().first ?? "", b.reply().first ?? ""]
                let c = try Client(port: port)
                let refused = c.reply() + [c.line() ?? "closed"]
                a.send("QUIT\r\n")
                _ = a.reply()
                _ = a.line()
                // The place is given back once the server has seen the connection end: ask again for up to 5 s.
                var afterRelease: [String] = []
                for _ in 0..<50 {
                    let d = try Client(port: port)
                    afterRelease = d.reply()
                    if afterRelease.first?.hasPrefix("220 ") == true { break }
                    usleep(100_000)
                }
                _ = b
                return (greetings, refused, afterRelease)
            }
            #expect(greetings.allSatisfy { $0.hasPrefix("220 ") }, "\(greetings)")
            #expect(refused.first?.hasPrefix("421 4.3.2") == true && refused.last == "closed", "\(refused)")
            #expect(afterRelease.first?.hasPrefix("220 ") == true, "a connection that ended frees its place: \(afterRelease)")
            try await Task.sleep(for: .seconds(1)) // the connections above have ended (their sockets closed with the thread's clients)

            let (busy, idle) = try await Self.onThread { () -> ([String], [String]) in
                let talking = try Client(port: port)
                var busy = [talking.reply().first ?? ""]
                // Every 0.4 s for 2.8 s, past the 2 s timeout: a fifth of it between commands, so that a loaded machine's
                // late wake-ups stay within it (at every 0.8 s one run of the PostgreSQL suite saw the connection closed).
                for _ in 0..<7 {
                    usleep(400_000)
                    talking.send("NOOP\r\n")
                    busy.append(talking.reply().first ?? "closed")
                }
                let silent = try Client(port: port)
                _ = silent.reply()
                let started = Date()
                let idle = silent.reply() + [silent.line() ?? "closed", String(Date().timeIntervalSince(started) < 20)]
                return (busy, idle)
            }
            #expect(busy.first?.hasPrefix("220 ") == true && busy.dropFirst().allSatisfy { $0.hasPrefix("250 ") }, "talking every 0.4 s keeps it open: \(busy)")
            #expect(idle.first?.hasPrefix("421 4.4.2") == true && idle.dropFirst().first == "closed" && idle.last == "true", "\(idle)")
            try await channel.close()
        }
    }

    /// #17.3 SIGTERM: the listener stops accepting, an idle connection is told 421 at once, and a message being
    /// delivered is finished and answered 250 before its connection is told 421; only then is the server drained.
    @Test func drainingFinishesTheDeliveryInProgressAndEndsIdleConnections() async throws {
        try await MailIntakeTests.withFixture { f in
            let intake = MailIntakeService(store: f.app.store, tickets: TicketService(store: f.app.store))
            let principal = try await f.app.principal(f.intake.id)
            let gate = LockedFlag(false), delivering = LockedFlag(false)
            let server = LmtpServer(intake: intake) {
                delivering.set(true)
                while !gate.value { try await Task.sleep(for: .milliseconds(10)) }
                return principal
            }
            let listener = try await server.bind(host: "127.0.0.1", port: 0)
            let port = try #require(listener.localAddress?.port)
            let idle = try Client(port: port), sending = try Client(port: port)
            let opened = try await Self.onThread { () -> [String] in
                let greetings = [idle.reply().first ?? "", sending.reply().first ?? ""]
                idle.send("LHLO mta\r\n"); _ = idle.reply()
                sending.send("LHLO mta\r\nMAIL FROM:<li.si@example.cn>\r\nRCPT TO:<service@kefu.example>\r\nDATA\r\n")
                _ = sending.reply(); _ = sending.reply(); _ = sending.reply(); _ = sending.reply()
                sending.send("From: li.si@example.cn\r\nSubject: drain\r\nMessage-ID: <drain@x.cn>\r\n\r\n风机报警\r\n.\r\n")
                return greetings
            }
            #expect(opened.allSatisfy { $0.hasPrefix("220 ") }, "\(opened)")
            for _ in 0..<500 where !delivering.value { try await Task.sleep(for: .milliseconds(10)) }
            #expect(delivering.value, "the delivery has begun")

            await server.beginDraining(listener: listener)
            let idleEnd = try await Self.onThread { idle.reply() + [idle.line() ?? "closed"] }
            #expect(idleEnd.first?.hasPrefix("421 4.3.2") == true && idleEnd.last == "closed", "\(idleEnd)")
            #expect(throws: (any Error).self, "no new connection once draining") { try Client(port: port) }
            #expect(await server.drained(within: .milliseconds(300)) == false, "the delivery in progress holds the drain")

            gate.set(true)
            let sendingEnd = try await Self.onThread { sending.reply() + sending.reply() + [sending.line() ?? "closed"] }
            #expect(sendingEnd.first?.hasPrefix("250 2.0.0 <service@kefu.example> created") == true, "\(sendingEnd)")
            #expect(sendingEnd.dropFirst().first?.hasPrefix("421 4.3.2") == true && sendingEnd.last == "closed", "\(sendingEnd)")
            #expect(await server.drained(within: .seconds(5)))
            #expect(try await f.count("SELECT COUNT(*) AS n FROM inbound_mail WHERE message_id = 'drain@x.cn'") == 1)
        }
    }

    @Test func repliesForFailures() {
        #expect(LmtpServer.reply(for: .failure(MailIntakeService.tooLarge(10, limit: 5)), recipient: "a@x").hasPrefix("552 5.3.4"))
        #expect(LmtpServer.reply(for: .failure(TransactionRetry.exhausted), recipient: "a@x").hasPrefix("452 4.3.1"))
        #expect(LmtpServer.reply(for: .failure(AppError.internalError("x")), recipient: "a@x").hasPrefix("451 4.3.0"))
    }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag: Bool
    init(_ value: Bool) { flag = value }
    var value: Bool { lock.withLock { flag } }
    func set(_ value: Bool) { lock.withLock { flag = value } }
}
