import Foundation
import Hummingbird
import KefuChannels
import KefuDomain
import KefuPlatform
import Logging
import Testing

/// #16 item 2: public replies on e-mail tickets and acknowledgements go out through a real SMTP exchange (STARTTLS,
/// AUTH) to a test smarthost, threaded so that the customer's answer finds its ticket; failures are retried, shown on
/// the ticket and sent again by an administrator; two senders never send one message twice. SQLite and PostgreSQL.
@Suite struct OutboundMailTests {
    struct Fixture: Sendable {
        let mail: MailIntakeTests.Fixture
        let sink: SmtpSink
        let settings: SmtpSettings
        var app: TestApp { mail.app }

        func sender() -> MailOutboxSender { MailOutboxSender(store: app.store, settings: settings) }

        func outbox(_ query: String = "") async throws -> [[String: Any]] {
            try await app.call(.get, "/api/v1/mail-outbox?per=100\(query)", token: mail.admin).items
        }

        func timelineKinds(_ ticketId: String) async throws -> [String] {
            let ticket = try await app.call(.get, "/api/v1/tickets/\(ticketId)/events", token: mail.admin)
            return ticket.items.compactMap { $0["kind"] as? String }
        }
    }

    /// `baseURL`: `KEFU_BASE_URL` (the portal mails sign-in links only with one).
    static func withFixture(offerTLS: Bool = true, baseURL: PublicBaseURL? = nil, _ body: @escaping @Sendable (Fixture) async throws -> Void) async throws {
        let sink = SmtpSink(offerTLS: offerTLS, requireAuth: ("kefu", "relay-pass"))
        let port = try await sink.start()
        let settings = try SmtpSettings.parse(url: "smtp://kefu:relay-pass@localhost:\(port)?ca=\(try SmtpSink.caFile())",
                                              from: "客服中心 <service@kefu.example>")
        do {
            try await TestApp.run(baseURL: baseURL, smtp: settings) { app in
                let admin = try await app.adminToken()
                let root = try await app.rootUnitId(admin)
                let intake = try await app.createUser(admin, "mailin", roles: ["mail_intake"], unitId: root)
                try await body(Fixture(mail: MailIntakeTests.Fixture(app: app, admin: admin, rootId: root, intake: intake), sink: sink, settings: settings))
            }
        } catch {
            await sink.stop()
            throw error
        }
        await sink.stop()
    }

    @Test func aCustomersMailIsAcknowledgedAndTheAgentsReplyThreadsBackToTheTicket() async throws {
        try await Self.withFixture { f in
            let created = try await f.mail.post(MailIntakeTests.message(from: "王先生 <wang@customer.example>", subject: "空调不制冷", id: "c1@customer.example",
                                                                        body: "三楼会议室空调不制冷"), token: f.mail.intake.token)
            #expect(created.status == .created, "\(created.text)")
            let ticketId = try #require(created.string("ticketId")), number = try #require(created.string("ticketNumber"))

            // The acknowledgement is queued with the ticket and sent by the server's own background round (wiring).
            let round = try await f.app.jobs.runRound(now: Date(), logger: Logger(label: "test"))
            #expect(round.passes.contains { $0.name == "mail_outbox" && $0.count == 1 }, "\(round.passes)")
            let ack = try #require(f.sink.messages.first)
            #expect(ack.tls, "STARTTLS was used")
            #expect(ack.user == "kefu", "signed in to the relay")
            #expect(ack.from == "service@kefu.example" && ack.to == ["wang@customer.example"])
            #expect(ack.header("Auto-Submitted") == "auto-replied")
            #expect(ack.header("In-Reply-To") == "<c1@customer.example>")
            #expect(ack.bodyText.contains(number), "the customer learns the ticket number")
            #expect(ack.bodyText.contains("您的来信已收到"), "Chinese mail, Chinese acknowledgement: \(ack.bodyText)")
            let ackId = try #require(ack.header("Message-ID"))

            // An internal note sends nothing; a public reply goes out, threaded on the customer's message and the acknowledgement.
            let note = try await f.app.call(.post, "/api/v1/tickets/\(ticketId)/comments", token: f.mail.admin, json: ["body": "内部：查一下备件", "visibility": "internal"])
            #expect(note.status == .created, "\(note.text)")
            let reply = try await f.app.call(.post, "/api/v1/tickets/\(ticketId)/comments", token: f.mail.admin,
                                             json: ["body": "王先生您好，维修人员下午两点到场。", "visibility": "public"])
            #expect(reply.status == .created, "\(reply.text)")
            #expect(try await f.sender().deliverDue() == 1)
            let answer = try #require(f.sink.messages.last)
            #expect(f.sink.messages.count == 2)
            #expect(answer.header("Auto-Submitted") == nil)
            #expect(answer.header("In-Reply-To") == "<c1@customer.example>")
            #expect(answer.header("References")?.contains("<c1@customer.example>") == true)
            #expect(answer.header("References")?.contains(ackId) == true, "the thread carries Kefu's own acknowledgement")
            #expect(answer.bodyText.contains("下午两点到场"))
            #expect(!answer.bodyText.contains("查一下备件"), "the internal note never leaves")
            let sent = try await f.outbox("&ticketId=\(ticketId)")
            #expect(sent.count == 2 && sent.allSatisfy { $0["status"] as? String == "sent" }, "\(sent)")
            #expect(try await f.timelineKinds(ticketId).filter { $0 == "mail_sent" }.count == 2)

            // The customer answers Kefu's reply from a client that drops the ticket number: References finds the ticket.
            let answerId = try #require(answer.header("Message-ID"))
            let back = try await f.mail.post(MailIntakeTests.message(from: "wang@customer.example", subject: "谢谢", id: "c2@customer.example",
                                                                     body: "好的，等你们", extra: "In-Reply-To: \(answerId)\r\n"), token: f.mail.intake.token)
            #expect(back.string("outcome") == "appended", "\(back.text)")
            #expect(back.string("ticketId") == ticketId)
        }
    }

    @Test func repliesOnTicketsOfOtherChannelsSendNoMail() async throws {
        try await Self.withFixture { f in
            let phone = try await f.app.createTicket(f.mail.admin, subject: "电话报修", extra: ["channel": "phone", "customer": ["name": "李", "email": "li@customer.example"]])
            let id = try #require(phone.string("id"), "\(phone.text)")
            _ = try await f.app.call(.post, "/api/v1/tickets/\(id)/comments", token: f.mail.admin, json: ["body": "已安排", "visibility": "public"])
            #expect(try await f.outbox().isEmpty)
            #expect(try await f.sender().deliverDue() == 0)
        }
    }

    @Test func aRefusedMessageIsRetriedThenFailsOnTheTicketAndAnAdministratorSendsItAgain() async throws {
        try await Self.withFixture { f in
            let created = try await f.mail.post(MailIntakeTests.message(from: "zhao@customer.example", subject: "Pump leaking", id: "c3@customer.example",
                                                                        body: "The pump leaks."), token: f.mail.intake.token)
            let ticketId = try #require(created.string("ticketId"))
            f.sink.dataReply.withLockedValue { $0 = "451 4.3.0 mailbox busy" }
            let now = Date()
            #expect(try await f.sender().deliverDue(now: now) == 0)
            var entry = try #require(try await f.outbox().first)
            #expect(entry["status"] as? String == "pending" && entry["attempts"] as? Int == 1)
            #expect((entry["lastError"] as? String)?.contains("451") == true)
            // Not due again before its minute is up.
            #expect(try await f.sender().deliverDue(now: now.addingTimeInterval(30)) == 0)
            #expect(try await f.outbox().first?["attempts"] as? Int == 1)

            // A permanent refusal gives up at once and says so on the ticket.
            f.sink.dataReply.withLockedValue { $0 = "550 5.1.1 no such user" }
            #expect(try await f.sender().deliverDue(now: now.addingTimeInterval(120)) == 0)
            entry = try #require(try await f.outbox().first)
            #expect(entry["status"] as? String == "failed", "\(entry)")
            #expect(try await f.timelineKinds(ticketId).contains("mail_failed"))
            let page = try await f.app.call(.get, "/tickets/\(ticketId)", token: f.mail.admin)
            #expect(page.text.contains("邮件发送失败") && page.text.contains("550"), "the failure is visible on the ticket's page")

            // Only a head-office administrator sends it again; then it goes.
            let agent = try await f.app.createUser(f.mail.admin, "outboxagent", roles: ["cs_agent"], unitId: f.mail.rootId)
            let id = try #require(entry["id"] as? String)
            let denied = try await f.app.call(.post, "/api/v1/mail-outbox/\(id)/retry", token: agent.token)
            #expect(denied.status == .forbidden, "\(denied.text)")
            #expect(try await f.app.call(.get, "/api/v1/mail-outbox", token: agent.token).status == .forbidden)
            let retried = try await f.app.call(.post, "/api/v1/mail-outbox/\(id)/retry", token: f.mail.admin)
            #expect(retried.status == .ok && retried.string("status") == "pending", "\(retried.text)")
            let again = try await f.app.call(.post, "/api/v1/mail-outbox/\(id)/retry", token: f.mail.admin)
            #expect(again.status == .conflict && again.errorCode == "not_failed")
            f.sink.dataReply.withLockedValue { $0 = "250 2.0.0 ok" }
            #expect(try await f.sender().deliverDue() == 1)
            let delivered = try #require(f.sink.messages.first)
            #expect(delivered.bodyText.contains("We have received your message"), "English mail, English acknowledgement: \(delivered.bodyText)")
            #expect(try await f.outbox().first?["status"] as? String == "sent")
        }
    }

    @Test func twoSendersAtOnceSendEachMessageOnce() async throws {
        try await Self.withFixture { f in
            for i in 1...6 {
                let r = try await f.mail.post(MailIntakeTests.message(from: "c\(i)@customer.example", subject: "问题 \(i)", id: "m\(i)@customer.example"),
                                              token: f.mail.intake.token)
                #expect(r.status == .created, "\(r.text)")
            }
            async let a = f.sender().deliverDue()
            async let b = f.sender().deliverDue()
            let total = try await a + b
            #expect(total == 6)
            #expect(f.sink.messages.count == 6)
            #expect(Set(f.sink.messages.map { $0.to.first ?? "" }).count == 6, "each customer once")
        }
    }

    /// #16 item 8: a batch goes over at most `OutboundMailRules.connections` connections, several messages each; a
    /// recipient the relay refuses fails alone (RSET) and the rest of its connection's messages still go.
    @Test func aBatchSharesFewConnectionsAndARefusedRecipientFailsAlone() async throws {
        try await Self.withFixture { f in
            for i in 1...24 {
                let r = try await f.mail.post(MailIntakeTests.message(from: "b\(i)@customer.example", subject: "批量 \(i)", id: "batch\(i)@customer.example"),
                                              token: f.mail.intake.token)
                #expect(r.status == .created, "\(r.text)")
            }
            f.sink.refusedRecipients.withLockedValue { $0 = ["b5@customer.example"] }
            #expect(try await f.sender().deliverDue() == 23)
            #expect(f.sink.messages.count == 23)
            #expect(!f.sink.messages.contains { $0.to == ["b5@customer.example"] })
            let connections = f.sink.connections.withLockedValue { $0 }
            #expect(connections >= 1 && connections <= OutboundMailRules.connections, "\(connections) connections for 24 messages")
            let entries = try await f.outbox()
            #expect(entries.filter { $0["status"] as? String == "sent" }.count == 23)
            let refused = try #require(entries.first { $0["status"] as? String == "failed" })
            #expect((refused["lastError"] as? String)?.contains("550") == true, "\(refused)")
            // Nothing is due any more: a second pass sends nothing twice.
            #expect(try await f.sender().deliverDue() == 0)
            #expect(f.sink.messages.count == 23)
        }
    }

    @Test func aRelayWithoutStarttlsIsRefusedWhenAPasswordWouldGoInTheClear() async throws {
        let sink = SmtpSink(offerTLS: false, requireAuth: ("kefu", "relay-pass"))
        let port = try await sink.start()
        defer { Task { await sink.stop() } }
        let settings = try SmtpSettings.parse(url: "smtp://kefu:relay-pass@localhost:\(port)", from: "service@kefu.example")
        #expect(settings.security == .startTLSRequired)
        let message = Array("Subject: x\r\n\r\nbody\r\n".utf8)
        await #expect(throws: SmtpClient.Failure.self) {
            _ = try await SmtpClient(settings: settings).send(message, envelopeFrom: "service@kefu.example", recipients: ["a@b.example"])
        }
        #expect(sink.messages.isEmpty)
        // A certificate the client does not trust is refused as well.
        let tlsSink = SmtpSink(offerTLS: true)
        let tlsPort = try await tlsSink.start()
        defer { Task { await tlsSink.stop() } }
        let untrusted = try SmtpSettings.parse(url: "smtp://localhost:\(tlsPort)?tls=required", from: "service@kefu.example")
        await #expect(throws: SmtpClient.Failure.self) {
            _ = try await SmtpClient(settings: untrusted).send(message, envelopeFrom: "service@kefu.example", recipients: ["a@b.example"])
        }
        #expect(tlsSink.messages.isEmpty)
    }

    @Test func theSmtpUrlIsReadWithItsOptions() throws {
        let s = try SmtpSettings.parse(url: "smtps://user%40corp:p%26ss@mail.corp.example?verify=none&helo=kefu.corp.example", from: "客服 <kf@corp.example>")
        #expect(s.security == .implicitTLS && s.port == 465 && s.username == "user@corp" && s.password == "p&ss")
        #expect(!s.verifyCertificate && s.helo == "kefu.corp.example" && s.messageIdDomain == "corp.example")
        #expect(try SmtpSettings.parse(url: "smtp://relay.example", from: "kf@corp.example").security == .startTLSOpportunistic)
        #expect(throws: SmtpSettings.Invalid.self) { try SmtpSettings.parse(url: "http://relay.example", from: "kf@corp.example") }
        #expect(throws: SmtpSettings.Invalid.self) { try SmtpSettings.parse(url: "smtp://relay.example", from: nil) }
        #expect(try SmtpSettings.fromEnvironment([:]) == nil)
    }
}
