import Foundation
import Hummingbird
import HummingbirdTesting
import KefuChannels
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import Testing

/// #16.1 (CH-01): inbound e-mail becomes tickets, through `POST /api/v1/inbound/mail` and the intake service, on
/// SQLite and (with KEFU_TEST_POSTGRES_URL) PostgreSQL.
@Suite struct MailIntakeTests {
    static func eml(_ name: String) throws -> [UInt8] { try MimeCorpusTests.raw(name) }

    /// A message of our own, UTF-8.
    static func message(from: String, subject: String, id: String, body: String = "正文", extra: String = "") -> [UInt8] {
        Array("From: \(from)\r\nTo: service@kefu.example\r\nSubject: \(subject)\r\nMessage-ID: <\(id)>\r\n\(extra)Content-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n".utf8)
    }

    struct Fixture: Sendable {
        let app: TestApp
        let admin: String
        let rootId: String
        let intake: (id: String, token: String)

        func post(_ raw: [UInt8], token: String?, recipient: String? = nil) async throws -> TestApp.Reply {
            var headers = HTTPFields()
            headers[.contentType] = "message/rfc822"
            if let token { headers[.authorization] = "Bearer \(token)" }
            let path = "/api/v1/inbound/mail" + (recipient.map { "?recipient=\($0)" } ?? "")
            let response = try await app.http.execute(.init(path, method: .post, authority: "localhost", headers: headers, body: ByteBuffer(bytes: raw)))
            return TestApp.Reply(status: response.status, headers: response.head.headerFields, text: response.body.map { String(buffer: $0) } ?? "")
        }

        func count(_ sql: String) async throws -> Int {
            try await app.store.read { db in try await db.raw("\(unsafeRaw: sql)").first()!.decode(column: "n", as: Int.self) }
        }

        func service(limits: MailLimits = MailLimits(), routes: MailRoutes = MailRoutes(), rateLimit: MailRateLimit = MailRateLimit()) -> MailIntakeService {
            MailIntakeService(store: app.store, tickets: TicketService(store: app.store), limits: limits, routes: routes, rateLimit: rateLimit)
        }
    }

    static func withFixture(_ body: @escaping @Sendable (Fixture) async throws -> Void) async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let root = try await app.rootUnitId(admin)
            let intake = try await app.createUser(admin, "mailin", roles: ["mail_intake"], unitId: root)
            try await body(Fixture(app: app, admin: admin, rootId: root, intake: intake))
        }
    }

    @Test func aGbkMessageBecomesAnEmailTicketWithItsCustomer() async throws {
        try await Self.withFixture { f in
            let reply = try await f.post(try Self.eml("gbk_plain"), token: f.intake.token)
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.string("outcome") == "created")
            let number = try #require(reply.string("ticketNumber"))
            #expect(number.hasPrefix("KF"))
            let ticket = try await f.app.call(.get, "/api/v1/tickets/\(reply.string("ticketId")!)", token: f.admin)
            #expect(ticket.string("subject") == "空调不制冷，请尽快处理")
            #expect(ticket.string("channel") == "email")
            #expect(ticket.string("number") == number)
            #expect((ticket.string("description") ?? "").contains("空调不制冷，请尽快派人处理。"))
            #expect(ticket["ownerId"] == nil || ticket["ownerId"] is NSNull)
            #expect(ticket.string("orgUnitId") == f.rootId)
            let customer = try #require(ticket["customer"] as? [String: Any])
            #expect(customer["email"] as? String == "zhang.san@example.cn")
            #expect(customer["name"] as? String == "张三")
            let audit = try await f.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'mail.created'")
            #expect(audit == 1)
        }
    }

    @Test func aMessageIdIsIngestedOnce() async throws {
        try await Self.withFixture { f in
            let first = try await f.post(try Self.eml("gbk_plain"), token: f.intake.token)
            #expect(first.status == .created)
            let again = try await f.post(try Self.eml("gbk_plain"), token: f.intake.token)
            #expect(again.status == .ok)
            #expect(again.string("outcome") == "duplicate")
            #expect(again.string("ticketId") == first.string("ticketId"))
            #expect(try await f.count("SELECT COUNT(*) AS n FROM tickets WHERE channel = 'email'") == 1)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM inbound_mail") == 1)
            // Without a Message-ID the bytes are the key.
            let bare = Array("From: a@x.cn\r\nSubject: no id\r\n\r\nhello\r\n".utf8)
            #expect(try await f.post(bare, token: f.intake.token).string("outcome") == "created")
            #expect(try await f.post(bare, token: f.intake.token).string("outcome") == "duplicate")
            // Two deliveries of one message at once: one ticket.
            let raw = Self.message(from: "race@x.cn", subject: "race", id: "race-1@x.cn")
            async let a = f.post(raw, token: f.intake.token)
            async let b = f.post(raw, token: f.intake.token)
            let outcomes = [try await a.string("outcome"), try await b.string("outcome")].compactMap { $0 }.sorted()
            #expect(outcomes == ["created", "duplicate"])
        }
    }

    @Test func theTicketNumberInTheSubjectJoinsTheCustomersTicket() async throws {
        try await Self.withFixture { f in
            let first = try await f.post(try Self.eml("gbk_plain"), token: f.intake.token)
            let number = try #require(first.string("ticketNumber")), ticketId = try #require(first.string("ticketId"))
            let reply = try await f.post(Self.message(from: "Zhang San <ZHANG.SAN@example.cn>", subject: "Re: [\(number)] 还没修好", id: "r1@example.cn",
                                                      body: "师傅还没来。"), token: f.intake.token)
            #expect(reply.status == .created)
            #expect(reply.string("outcome") == "appended")
            #expect(reply.string("ticketId") == ticketId)
            #expect(reply.string("ticketNumber") == number)
            let comments = try await f.app.call(.get, "/api/v1/tickets/\(ticketId)/comments", token: f.admin).items
            #expect(comments.count == 1)
            #expect(comments.first?["authorKind"] as? String == "customer")
            #expect(comments.first?["visibility"] as? String == "public")
            #expect((comments.first?["body"] as? String ?? "").contains("师傅还没来。"))
            // Someone else quoting the number gets a ticket of their own, not a comment on this one.
            let stranger = try await f.post(Self.message(from: "other@x.cn", subject: "[\(number)] hello", id: "s1@x.cn"), token: f.intake.token)
            #expect(stranger.string("outcome") == "created")
            #expect(stranger.string("ticketId") != ticketId)
            #expect(try await f.app.call(.get, "/api/v1/tickets/\(ticketId)/comments", token: f.admin).items.count == 1)
        }
    }

    @Test func inReplyToAndReferencesJoinTheTicketOfTheStoredMessage() async throws {
        try await Self.withFixture { f in
            let first = try await f.post(try Self.eml("gbk_plain"), token: f.intake.token) // Message-ID gbk-1@example.cn
            let ticketId = try #require(first.string("ticketId"))
            // reply_threading names KF2026-000001 in the subject (maybe not this ticket's number) and references gbk-1.
            let reply = try await f.post(Self.message(from: "colleague@example.cn", subject: "Re: 空调", id: "r2@example.cn",
                                                      extra: "In-Reply-To: <unknown@x>\r\nReferences: <gbk-1@example.cn> <unknown@x>\r\n"), token: f.intake.token)
            #expect(reply.string("outcome") == "appended")
            #expect(reply.string("ticketId") == ticketId)
            let reason = try await f.app.store.read { db in
                try await db.raw("SELECT reason FROM inbound_mail WHERE message_id = 'r2@example.cn'").first()!.decode(column: "reason", as: String?.self)
            }
            #expect(reason == "references")
            // Unknown references: a new ticket.
            let fresh = try await f.post(Self.message(from: "c@x.cn", subject: "Re: ?", id: "r3@x.cn", extra: "In-Reply-To: <nobody@x>\r\n"),
                                         token: f.intake.token)
            #expect(fresh.string("outcome") == "created")
        }
    }

    @Test func autoRepliesAndBouncesNeverCreateTickets() async throws {
        try await Self.withFixture { f in
            for (name, reason) in [("autoreply", "auto_submitted"), ("bounce", "null_sender")] {
                let reply = try await f.post(try Self.eml(name), token: f.intake.token)
                #expect(reply.status == .ok, "\(name): \(reply.text)")
                #expect(reply.string("outcome") == "ignored_autoreply")
                #expect(reply.string("reason") == reason)
                #expect(reply["ticketId"] == nil || reply["ticketId"] is NSNull)
            }
            let precedence = try await f.post(Self.message(from: "list@x.cn", subject: "newsletter", id: "p1@x.cn", extra: "Precedence: bulk\r\n"),
                                              token: f.intake.token)
            #expect(precedence.string("outcome") == "ignored_autoreply")
            #expect(try await f.count("SELECT COUNT(*) AS n FROM tickets") == 0)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM inbound_mail WHERE outcome = 'ignored_autoreply' AND ticket_id IS NULL") == 3)
        }
    }

    @Test func attachmentsAreStoredWithChecksumSizeAndBytes() async throws {
        try await Self.withFixture { f in
            let reply = try await f.post(try Self.eml("nested_related"), token: f.intake.token)
            #expect(reply.string("outcome") == "created")
            let expected = try #require(try MimeCorpusTests.expected()["nested_related"]?.attachments)
            let rows = try await f.app.store.read { db in
                try await db.raw("SELECT file_name, content_type, size_bytes, sha256, is_inline, content_id, bytes, ticket_id FROM inbound_mail_attachments ORDER BY seq").all()
            }
            #expect(rows.count == expected.count)
            for (row, exp) in zip(rows, expected) {
                #expect(try row.decode(column: "file_name", as: String.self) == exp.fileName)
                #expect(try row.decode(column: "content_type", as: String.self) == exp.contentType)
                #expect(try row.decode(column: "size_bytes", as: Int64.self) == Int64(exp.size))
                #expect(try row.decode(column: "sha256", as: String.self) == exp.sha256)
                #expect(try row.decode(column: "is_inline", as: Int.self) == (exp.inline ? 1 : 0))
                let bytes = [UInt8](try row.decode(column: "bytes", as: Data.self))
                #expect(IconvMailCodecs().sha256Hex(bytes) == exp.sha256)
                #expect(try row.decode(column: "ticket_id", as: String?.self) == reply.string("ticketId"))
            }
            let ticket = try await f.app.call(.get, "/api/v1/tickets/\(reply.string("ticketId")!)", token: f.admin)
            #expect((ticket.string("description") ?? "").contains("list.txt"))
        }
    }

    @Test func aMessageOverTheLimitIsRefusedWith413() async throws {
        try await Self.withFixture { f in
            // 25 MB of attachment plus headers: over the default limit of 25 MB.
            var raw = Array("From: big@x.cn\r\nSubject: big\r\nMessage-ID: <big@x.cn>\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
            raw += [UInt8](repeating: UInt8(ascii: "A"), count: 25 * 1024 * 1024)
            let reply = try await f.post(raw, token: f.intake.token)
            #expect(reply.status == .contentTooLarge)
            #expect(reply.errorCode == "message_too_large")
            #expect(try await f.count("SELECT COUNT(*) AS n FROM inbound_mail") == 0)
            let small = f.service(limits: MailLimits(maxMessageBytes: 50))
            let intake = try await f.app.principal(f.intake.id)
            await #expect(throws: AppError.self) { try await small.ingest(Self.message(from: "a@x.cn", subject: "s", id: "s@x"), recipient: nil, by: intake) }
        }
    }

    @Test func onlyTheMailIntakeAccountDelivers() async throws {
        try await Self.withFixture { f in
            let raw = Self.message(from: "a@x.cn", subject: "s", id: "deny@x.cn")
            let anonymous = try await f.post(raw, token: nil)
            #expect(anonymous.status == .unauthorized)
            let agent = try await f.app.createUser(f.admin, "agent1", roles: ["cs_agent"], unitId: f.rootId)
            let byAgent = try await f.post(raw, token: agent.token)
            #expect(byAgent.status == .forbidden)
            #expect(byAgent.errorCode == "forbidden")
            #expect(try await f.post(raw, token: f.admin).status == .forbidden)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM inbound_mail") == 0)
            // The intake account works no ticket.
            let made = try await f.post(raw, token: f.intake.token)
            let take = try await f.app.call(.post, "/api/v1/tickets/\(made.string("ticketId")!)/take", token: f.intake.token)
            #expect(take.status == .forbidden || take.status == .notFound)
        }
    }

    @Test func aSenderOverTheRateIsQuarantined() async throws {
        try await Self.withFixture { f in
            let service = f.service(rateLimit: MailRateLimit(max: 3, windowMinutes: 10))
            let intake = try await f.app.principal(f.intake.id)
            let now = Date()
            var outcomes: [String] = []
            for i in 1...4 {
                let r = try await service.ingest(Self.message(from: "flood@x.cn", subject: "m\(i)", id: "flood-\(i)@x.cn"), recipient: nil, by: intake,
                                                 now: now.addingTimeInterval(Double(i)))
                outcomes.append(r.outcome.rawValue + (r.reason.map { ":\($0)" } ?? ""))
            }
            #expect(outcomes == ["created", "created", "created", "quarantined:rate_limited"])
            // Another sender is not limited; the window passes.
            #expect(try await service.ingest(Self.message(from: "calm@x.cn", subject: "x", id: "calm@x.cn"), recipient: nil, by: intake, now: now).outcome == .created)
            let later = try await service.ingest(Self.message(from: "flood@x.cn", subject: "m5", id: "flood-5@x.cn"), recipient: nil, by: intake,
                                                 now: now.addingTimeInterval(11 * 60))
            #expect(later.outcome == .created)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM mail_quarantine WHERE reason = 'rate_limited' AND status = 'held'") == 1)
        }
    }

    @Test func theReceivingAddressChoosesTheUnit() async throws {
        try await Self.withFixture { f in
            let site = try await f.app.createUnit(f.admin, code: "REPAIR", name: "维修中心", parentId: f.rootId)
            let service = f.service(routes: MailRoutes.parse("repair@kefu.example=REPAIR, service@kefu.example=NO-SUCH-UNIT"))
            let intake = try await f.app.principal(f.intake.id)
            let routed = try await service.ingest(Self.message(from: "a@x.cn", subject: "s", id: "u1@x"), recipient: "Repair@Kefu.Example", by: intake)
            let byHeader = try await service.ingest(Array("From: b@x.cn\r\nTo: x@y.cn, repair@kefu.example\r\nSubject: s\r\nMessage-ID: <u2@x>\r\n\r\nb".utf8),
                                                    recipient: nil, by: intake)
            let unknownUnit = try await service.ingest(Self.message(from: "c@x.cn", subject: "s", id: "u3@x"), recipient: "service@kefu.example", by: intake)
            for (result, unit) in [(routed, site), (byHeader, site), (unknownUnit, f.rootId)] {
                let ticket = try await f.app.call(.get, "/api/v1/tickets/\(result.ticketId!)", token: f.admin)
                #expect(ticket.string("orgUnitId") == unit)
            }
        }
    }

    @Test func theQuarantineListsShowsDownloadsReingestsAndDiscards() async throws {
        try await Self.withFixture { f in
            let empty = try await f.app.call(.get, "/api/v1/mail-quarantine", token: f.admin)
            #expect(empty.status == .ok)
            #expect(empty.items.isEmpty)
            #expect(empty["total"] as? Int == 0)
            let broken = try Self.eml("no_boundary")
            let reply = try await f.post(broken, token: f.intake.token)
            #expect(reply.status == .ok)
            #expect(reply.string("outcome") == "quarantined")
            #expect(reply.string("reason") == "malformed_multipart")
            let qid = try #require(reply.string("quarantineId"))
            let list = try await f.app.call(.get, "/api/v1/mail-quarantine", token: f.admin)
            #expect(list.items.count == 1)
            #expect(list.items.first?["reason"] as? String == "malformed_multipart")
            let detail = try await f.app.call(.get, "/api/v1/mail-quarantine/\(qid)", token: f.admin)
            let headers = (detail["headers"] as? [[String]]) ?? []
            #expect(headers.contains(["Subject", "bad multipart"]))
            let raw = try await f.app.http.execute(.init("/api/v1/mail-quarantine/\(qid)/raw", method: .get, authority: "localhost",
                                                        headers: [.authorization: "Bearer \(f.admin)"]))
            #expect(raw.status == .ok)
            #expect(raw.head.headerFields[.contentType] == "message/rfc822")
            #expect(raw.body.map { Array($0.readableBytesView) } == broken)
            // Re-ingested while the parser still refuses it: quarantined again, this entry closed.
            let again = try await f.app.call(.post, "/api/v1/mail-quarantine/\(qid)/reingest", token: f.admin)
            #expect(again.status == .ok, "\(again.text)")
            #expect(again.string("outcome") == "quarantined")
            let second = try #require(again.string("quarantineId"))
            #expect(try await f.app.call(.post, "/api/v1/mail-quarantine/\(qid)/reingest", token: f.admin).status == .conflict)
            let discarded = try await f.app.call(.post, "/api/v1/mail-quarantine/\(second)/discard", token: f.admin)
            #expect(discarded.string("status") == "discarded")
            #expect(try await f.app.call(.post, "/api/v1/mail-quarantine/\(second)/discard", token: f.admin).status == .conflict)
            #expect(try await f.app.call(.get, "/api/v1/mail-quarantine", token: f.admin).items.isEmpty)
            #expect(try await f.app.call(.get, "/api/v1/mail-quarantine?status=all", token: f.admin).items.count == 2)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('mail.quarantined', 'mail.quarantine.reingested', 'mail.quarantine.discarded')") == 4)

            // A rate-limited message re-ingested by an administrator becomes its ticket, and the entry points at it.
            let service = f.service(rateLimit: MailRateLimit(max: 0))
            let intake = try await f.app.principal(f.intake.id)
            let limited = try await service.ingest(Self.message(from: "q@x.cn", subject: "later", id: "q1@x.cn"), recipient: nil, by: intake)
            #expect(limited.outcome == .quarantined)
            let taken = try await f.app.call(.post, "/api/v1/mail-quarantine/\(limited.quarantineId!)/reingest", token: f.admin)
            #expect(taken.string("outcome") == "created")
            let entry = try await f.app.call(.get, "/api/v1/mail-quarantine/\(limited.quarantineId!)", token: f.admin)
            #expect(entry.string("status") == "reingested")
            #expect(entry.string("resultMailId") == taken.string("mailId"))
        }
    }

    @Test func theQuarantineIsTheHeadOfficeAdministratorsOnly() async throws {
        try await Self.withFixture { f in
            let reply = try await f.post(try Self.eml("no_boundary"), token: f.intake.token)
            let qid = try #require(reply.string("quarantineId"))
            let unit = try await f.app.createUnit(f.admin, code: "SUB", name: "分部", parentId: f.rootId)
            let unitAdmin = try await f.app.createUser(f.admin, "subadmin", roles: ["admin"], unitId: unit)
            let agent = try await f.app.createUser(f.admin, "agent2", roles: ["cs_agent", "cs_manager"], unitId: f.rootId)
            for token in [unitAdmin.token, agent.token, f.intake.token] {
                #expect(try await f.app.call(.get, "/api/v1/mail-quarantine", token: token).status == .forbidden)
                #expect(try await f.app.call(.get, "/api/v1/mail-quarantine/\(qid)", token: token).status == .forbidden)
                #expect(try await f.app.call(.get, "/api/v1/mail-quarantine/\(qid)/raw", token: token).status == .forbidden)
                #expect(try await f.app.call(.post, "/api/v1/mail-quarantine/\(qid)/reingest", token: token).status == .forbidden)
                #expect(try await f.app.call(.post, "/api/v1/mail-quarantine/\(qid)/discard", token: token).status == .forbidden)
            }
            #expect(try await f.app.call(.get, "/api/v1/mail-quarantine", token: nil).status == .unauthorized)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM mail_quarantine WHERE status = 'held'") == 1)
        }
    }
}
