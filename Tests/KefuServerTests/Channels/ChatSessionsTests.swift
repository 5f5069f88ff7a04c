import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KefuChannels
import KefuPlatform
import KefuServiceDesk
import SQLKit
import Testing

/// #16.4 (CH-01, CH-03, TKT-03): live chat over a real WebSocket against the app on a real port, on SQLite and (with
/// KEFU_TEST_POSTGRES_URL) PostgreSQL: a visitor and an agent exchange messages; a visitor who reconnects with the last
/// seq it saw gets what it missed; a resent client id is stored once; two agents race to take a chat; ending a chat
/// makes the transcript a ticket (or joins an open one); other units' agents and bad tokens are refused; limits.
@Suite struct ChatSessionsTests {
    struct Fixture: Sendable {
        let app: TestApp
        let admin: String
        let agent: (id: String, token: String)
        let agent2: (id: String, token: String)
        let other: (id: String, token: String)

        func start(name: String = "王先生", contact: String = "13812345678", message: String = "你好，空调不制冷") async throws -> (id: String, token: String) {
            let r = try await app.call(.post, "/api/v1/chat/sessions", json: ["orgUnitCode": "CS", "name": name, "contact": contact, "message": message])
            #expect(r.status == .created, "\(r.text)")
            #expect(r["offline"] as? Bool == false)
            return (try #require(r.string("sessionId")), try #require(r.string("visitorToken")))
        }

        func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

        func count(_ sql: String) async throws -> Int {
            try await app.store.read { db in try await db.raw("\(unsafeRaw: sql)").first()!.decode(column: "n", as: Int.self) }
        }
    }

    static func withFixture(chatHours: ChatHours = .always, signInRecheck: Duration? = nil,
                            _ body: @escaping @Sendable (Fixture) async throws -> Void) async throws {
        try await TestApp.run(chatHours: chatHours, webSocket: true, chatSignInRecheck: signInRecheck) { app in
            let admin = try await app.adminToken()
            let root = try await app.rootUnitId(admin)
            let cs = try await app.createUnit(admin, code: "CS", name: "客服部", kind: "business", parentId: root)
            let east = try await app.createUnit(admin, code: "EAST", name: "华东分公司", kind: "business", parentId: root)
            let agent = try await app.createUser(admin, "chatagent", roles: ["cs_agent"], unitId: cs)
            let agent2 = try await app.createUser(admin, "chatagent2", roles: ["cs_agent"], unitId: cs)
            let other = try await app.createUser(admin, "chatother", roles: ["cs_agent"], unitId: east)
            try await body(Fixture(app: app, admin: admin, agent: agent, agent2: agent2, other: other))
        }
    }

    static func isMessage(_ seq: Int) -> ([String: Any]) -> Bool { { $0["type"] as? String == "message" && $0["seq"] as? Int == seq } }

    @Test func aVisitorAndAnAgentExchangeMessages() async throws {
        try await Self.withFixture { f in
            let chat = try await f.start()
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": chat.token, "after": 0])
                #expect(try await visitor.next(type: "hello")["sessionId"] as? String == chat.id)
                let first = try await visitor.next("seq 1", Self.isMessage(1))
                #expect(first["body"] as? String == "你好，空调不制冷" && first["author"] as? String == "visitor")
                #expect(try await visitor.next(type: "state")["state"] as? String == "waiting")

                try await ChatWire.connect(f.app, headers: f.bearer(f.agent.token)) { agent in
                    try await agent.send(["type": "hello"])
                    #expect(try await agent.next(type: "hello")["role"] as? String == "agent")
                    try await agent.send(["type": "watch", "sessionId": chat.id, "after": 0])
                    _ = try await agent.next("seq 1", Self.isMessage(1))
                    try await agent.send(["type": "take"])
                    #expect(try await agent.next(type: "taken")["state"] as? String == "active")
                    // The visitor sees the agent join.
                    // (Each poll sends the new messages, then the chat's state.)
                    #expect(try await visitor.next("seq 2", Self.isMessage(2))["author"] as? String == "system")
                    let joined = try await visitor.next("active") { $0["type"] as? String == "state" && $0["state"] as? String == "active" }
                    #expect(joined["agentName"] as? String == "用户chatagent")

                    try await visitor.send(["type": "send", "clientId": "v-1", "body": "型号 KFR-35"])
                    let ack = try await visitor.next(type: "ack")
                    #expect(ack["clientId"] as? String == "v-1" && ack["seq"] as? Int == 3 && ack["duplicate"] as? Bool == false)
                    #expect(try await agent.next("seq 3", Self.isMessage(3))["body"] as? String == "型号 KFR-35")

                    try await agent.send(["type": "send", "clientId": "a-1", "body": "您好，我们安排师傅上门"])
                    #expect(try await agent.next(type: "ack")["seq"] as? Int == 4)
                    let reply = try await visitor.next("seq 4", Self.isMessage(4))
                    #expect(reply["author"] as? String == "agent" && reply["body"] as? String == "您好，我们安排师傅上门")
                    #expect(reply["agentName"] as? String == "用户chatagent")
                }
            }
            // The same messages through the API, for an agent of the unit.
            let messages = try await f.app.call(.get, "/api/v1/chat/sessions/\(chat.id)/messages?after=2", token: f.agent.token)
            #expect(messages.items.map { $0["seq"] as? Int } == [3, 4])
        }
    }

    @Test func aVisitorWhoReconnectsWithItsLastSeqMissesNothing() async throws {
        try await Self.withFixture { f in
            let chat = try await f.start()
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": chat.token, "after": 0])
                _ = try await visitor.next("seq 1", Self.isMessage(1))
            }
            // While the visitor is away: the agent takes the chat and writes twice.
            try await ChatWire.connect(f.app, headers: f.bearer(f.agent.token)) { agent in
                try await agent.send(["type": "hello"])
                _ = try await agent.next(type: "hello")
                try await agent.send(["type": "take", "sessionId": chat.id])
                _ = try await agent.next(type: "taken")
                try await agent.send(["type": "watch", "sessionId": chat.id, "after": 1])
                _ = try await agent.next(type: "watching")
                for (n, text) in ["第一条", "第二条"].enumerated() {
                    try await agent.send(["type": "send", "clientId": "a-\(n)", "body": text])
                    _ = try await agent.next("ack a-\(n)") { $0["type"] as? String == "ack" && $0["clientId"] as? String == "a-\(n)" }
                }
            }
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": chat.token, "after": 1])
                let missed = try await visitor.messages(through: 4)
                #expect(missed.map { $0["seq"] as? Int } == [2, 3, 4], "everything after seq 1, once, in order")
                #expect(missed.dropFirst().map { $0["body"] as? String } == ["第一条", "第二条"])
                try await Task.sleep(for: .milliseconds(800))
                #expect(visitor.all.filter { $0["type"] as? String == "message" }.count == 3, "nothing at or before seq 1 again")
            }
        }
    }

    @Test func aResentClientIdIsStoredOnce() async throws {
        try await Self.withFixture { f in
            let chat = try await f.start()
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": chat.token])
                _ = try await visitor.next(type: "hello")
                try await visitor.send(["type": "send", "clientId": "same-1", "body": "只存一次"])
                let first = try await visitor.next(type: "ack")
                try await visitor.send(["type": "send", "clientId": "same-1", "body": "只存一次"])
                let again = try await visitor.next(type: "ack")
                #expect(first["seq"] as? Int == 2 && first["duplicate"] as? Bool == false)
                #expect(again["seq"] as? Int == 2 && again["duplicate"] as? Bool == true)
            }
            // And after a reconnect (the page resends what was not acknowledged).
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": chat.token, "after": 2])
                _ = try await visitor.next(type: "hello")
                try await visitor.send(["type": "send", "clientId": "same-1", "body": "只存一次"])
                #expect(try await visitor.next(type: "ack")["duplicate"] as? Bool == true)
            }
            #expect(try await f.count("SELECT COUNT(*) AS n FROM chat_messages WHERE client_message_id = 'same-1'") == 1)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM chat_messages") == 2)
        }
    }

    @Test func whenTwoAgentsTakeAChatTheSecondIsRefused() async throws {
        try await Self.withFixture { f in
            let chat = try await f.start()
            async let a = f.app.call(.post, "/api/v1/chat/sessions/\(chat.id)/take", token: f.agent.token)
            async let b = f.app.call(.post, "/api/v1/chat/sessions/\(chat.id)/take", token: f.agent2.token)
            let (ra, rb) = try await (a, b)
            let statuses = [ra.status.code, rb.status.code].sorted()
            #expect(statuses == [200, 409], "\(ra.text) \(rb.text)")
            let loser = ra.status == .conflict ? ra : rb
            #expect(loser.errorCode == "chat_taken")
            let winner = ra.status == .ok ? f.agent.id : f.agent2.id
            let view = try await f.app.call(.get, "/api/v1/chat/sessions?state=active", token: f.agent.token)
            #expect(view.items.first?["agentId"] as? String == winner)
            // Over the WebSocket too: a clear refusal frame.
            try await ChatWire.connect(f.app, headers: f.bearer(f.agent.token)) { agent in
                try await agent.send(["type": "hello"])
                _ = try await agent.next(type: "hello")
                try await agent.send(["type": "take", "sessionId": chat.id])
                let refused = try await agent.next(type: "error")
                #expect(refused["code"] as? String == "chat_taken")
                #expect((refused["zh"] as? String)?.isEmpty == false && (refused["en"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func endingAChatMakesATicketWithTheTranscript() async throws {
        try await Self.withFixture { f in
            let chat = try await f.start(name: "李女士", contact: "li@customer.example", message: "发票什么时候寄出？")
            #expect(try await f.app.call(.post, "/api/v1/chat/sessions/\(chat.id)/close", token: f.agent.token, json: [String: Any]()).errorCode == "chat_not_taken")
            #expect(try await f.app.call(.post, "/api/v1/chat/sessions/\(chat.id)/take", token: f.agent.token).status == .ok)
            try await ChatWire.connect(f.app, headers: f.bearer(f.agent.token)) { agent in
                try await agent.send(["type": "hello"])
                _ = try await agent.next(type: "hello")
                try await agent.send(["type": "watch", "sessionId": chat.id, "after": 0])
                try await agent.send(["type": "send", "clientId": "a-1", "body": "今天下午寄出"])
                _ = try await agent.next(type: "ack")
            }
            // Only the agent who took it ends it.
            #expect(try await f.app.call(.post, "/api/v1/chat/sessions/\(chat.id)/close", token: f.agent2.token, json: [String: Any]()).status == .forbidden)
            let closed = try await f.app.call(.post, "/api/v1/chat/sessions/\(chat.id)/close", token: f.agent.token, json: [String: Any]())
            #expect(closed.status == .ok, "\(closed.text)")
            #expect(closed.string("state") == "closed")
            let ticketId = try #require(closed.string("ticketId"))
            let ticket = try await f.app.call(.get, "/api/v1/tickets/\(ticketId)", token: f.agent.token)
            #expect(ticket.string("channel") == "chat")
            #expect(ticket.string("ownerId") == f.agent.id, "TKT-03: the agent who took the chat owns its ticket")
            let description = ticket.string("description") ?? ""
            #expect(description.contains("李女士：发票什么时候寄出？") && description.contains("用户chatagent：今天下午寄出"), "\(description)")
            #expect((ticket["customer"] as? [String: Any])?["email"] as? String == "li@customer.example")
            // The ticket page shows the transcript.
            let page = PageSession(f.app)
            _ = try await page.signIn("chatagent", "password-chatagent")
            #expect(try await page.get("/tickets/\(ticketId)").text.contains("今天下午寄出"))
            // A closed chat takes no more messages.
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": chat.token])
                _ = try await visitor.next { $0["type"] as? String == "state" && $0["state"] as? String == "closed" }
                try await visitor.send(["type": "send", "clientId": "late", "body": "还在吗"])
                #expect(try await visitor.next(type: "error")["code"] as? String == "chat_closed")
            }

            // The next chat of the same visitor joins their open ticket when the agent picks it.
            let second = try await f.start(name: "李女士", contact: "li@customer.example", message: "补充一下地址")
            _ = try await f.app.call(.post, "/api/v1/chat/sessions/\(second.id)/take", token: f.agent.token)
            // Not someone else's ticket.
            let otherTicket = try await f.app.createTicket(f.agent.token, subject: "别人的工单", extra: ["customer": ["name": "周先生", "phone": "13700001111"]])
            #expect(otherTicket.status == .created, "\(otherTicket.text)")
            let wrong = try await f.app.call(.post, "/api/v1/chat/sessions/\(second.id)/close", token: f.agent.token,
                                             json: ["ticketId": otherTicket.string("id") ?? ""])
            #expect(wrong.errorCode == "ticket_not_visitors", "\(wrong.text)")
            let joined = try await f.app.call(.post, "/api/v1/chat/sessions/\(second.id)/close", token: f.agent.token, json: ["ticketId": ticketId])
            #expect(joined.string("ticketId") == ticketId, "\(joined.text)")
            #expect(try await f.count("SELECT COUNT(*) AS n FROM tickets WHERE channel = 'chat'") == 1)
            #expect(try await page.get("/tickets/\(ticketId)").text.contains("补充一下地址"))
        }
    }

    @Test func otherUnitsAgentsAndBadTokensAreRefused() async throws {
        try await Self.withFixture { f in
            let chat = try await f.start()
            let queue = try await f.app.call(.get, "/api/v1/chat/sessions?state=waiting", token: f.other.token)
            #expect(queue.status == .ok && queue.items.isEmpty, "another unit's queue is not theirs")
            #expect(try await f.app.call(.get, "/api/v1/chat/sessions?state=waiting", token: f.agent.token).items.count == 1)
            #expect(try await f.app.call(.post, "/api/v1/chat/sessions/\(chat.id)/take", token: f.other.token).status == .forbidden)
            #expect(try await f.app.call(.get, "/api/v1/chat/sessions/\(chat.id)/messages", token: f.other.token).status == .forbidden)
            #expect(try await f.app.call(.get, "/api/v1/chat/sessions?state=waiting").status == .unauthorized)
            try await ChatWire.connect(f.app, headers: f.bearer(f.other.token)) { other in
                try await other.send(["type": "hello"])
                _ = try await other.next(type: "hello")
                try await other.send(["type": "watch", "sessionId": chat.id])
                #expect(try await other.next(type: "error")["code"] as? String == "forbidden")
                try await other.send(["type": "take", "sessionId": chat.id])
                #expect(try await other.next(type: "error")["code"] as? String == "forbidden")
            }
            // A visitor with a wrong token, and nobody at all, are refused and disconnected.
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": "not-a-token"])
                #expect(try await visitor.next(type: "error")["code"] as? String == "bad_token")
            }
            try await ChatWire.connect(f.app) { nobody in
                try await nobody.send(["type": "hello"])
                #expect(try await nobody.next(type: "error")["code"] as? String == "bad_token")
            }
            // A visitor cannot take or end chats.
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": chat.token])
                _ = try await visitor.next(type: "hello")
                try await visitor.send(["type": "take", "sessionId": chat.id])
                #expect(try await visitor.next(type: "error")["code"] as? String == "forbidden")
            }
            #expect(try await f.count("SELECT COUNT(*) AS n FROM chat_sessions WHERE state = 'waiting'") == 1)
        }
    }

    /// A WebSocket outlives the page that opened it: an agent whose token is revoked is refused at its next frame.
    @Test func anAgentsRevokedTokenEndsItsConnectionAtTheNextFrame() async throws {
        try await Self.withFixture { f in
            let chat = try await f.start()
            let issued = try await f.app.call(.post, "/api/v1/auth/token", json: ["username": "chatagent", "password": "password-chatagent", "name": "ws"])
            let token = try #require(issued.string("token"), "\(issued.text)")
            try await ChatWire.connect(f.app, headers: f.bearer(token)) { agent in
                try await agent.send(["type": "hello"])
                _ = try await agent.next(type: "hello")
                try await agent.send(["type": "watch", "sessionId": chat.id])
                _ = try await agent.next(type: "watching")
                #expect(try await f.app.call(.delete, "/api/v1/auth/token", token: token).status == .noContent)
                try await agent.send(["type": "take", "sessionId": chat.id])
                let refused = try await agent.next(type: "error")
                #expect(refused["code"] as? String == "signed_out", "\(refused)")
            }
            #expect(try await f.count("SELECT COUNT(*) AS n FROM chat_sessions WHERE state = 'waiting'") == 1, "the take after sign-out did nothing")
        }
    }

    /// An agent who signs out of the console stops receiving the chats it watched, without sending anything.
    @Test func anAgentWhoSignsOutIsDisconnectedWhileIdle() async throws {
        try await Self.withFixture(signInRecheck: .milliseconds(200)) { f in
            let chat = try await f.start()
            let page = PageSession(f.app)
            #expect(try await page.signIn("chatagent", "password-chatagent").status == .seeOther)
            let cookie = page.cookieHeader
            let home = try await page.get("/")
            try await ChatWire.connect(f.app, headers: [.cookie: cookie]) { agent in
                try await agent.send(["type": "hello"])
                _ = try await agent.next(type: "hello")
                try await agent.send(["type": "watch", "sessionId": chat.id])
                _ = try await agent.next(type: "watching")
                _ = try await agent.next("the first message", Self.isMessage(1))
                let out = try await page.post("/logout", form: ["_csrf": PageSession.csrf(in: home.text) ?? ""], from: "/")
                #expect(out.status == .seeOther, "\(out.text)")
                let refused = try await agent.next(type: "error")
                #expect(refused["code"] as? String == "signed_out", "\(refused)")
                // Nothing the visitor writes afterwards reaches the closed connection.
                try await ChatWire.connect(f.app) { visitor in
                    try await visitor.send(["type": "hello", "token": chat.token])
                    _ = try await visitor.next(type: "hello")
                    try await visitor.send(["type": "send", "clientId": "after", "body": "还在吗"])
                    _ = try await visitor.next(type: "ack")
                }
                try await Task.sleep(for: .milliseconds(300))
                #expect(!agent.all.contains { $0["type"] as? String == "message" && $0["seq"] as? Int == 2 })
            }
        }
    }

    @Test func visitorMessagesAreLimitedInLengthAndRate() async throws {
        try await Self.withFixture { f in
            let long = try await f.app.call(.post, "/api/v1/chat/sessions", json: ["orgUnitCode": "CS", "name": "张", "contact": "13812345678",
                                                                                  "message": String(repeating: "长", count: 2001)])
            #expect(long.errorCode == "message_too_long")
            #expect(try await f.app.call(.post, "/api/v1/chat/sessions", json: ["orgUnitCode": "NOPE", "name": "张", "contact": "13812345678", "message": "在吗"])
                .status == .notFound)
            #expect(try await f.app.call(.post, "/api/v1/chat/sessions", json: ["orgUnitCode": "CS", "name": "张", "contact": "abc", "message": "在吗"])
                .status == .unprocessableContent)
            let chat = try await f.start()
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": chat.token])
                _ = try await visitor.next(type: "hello")
                try await visitor.send(["type": "send", "clientId": "long", "body": String(repeating: "长", count: 2001)])
                let tooLong = try await visitor.next(type: "error")
                #expect(tooLong["code"] as? String == "message_too_long" && tooLong["clientId"] as? String == "long")
            }
            // The first message counts: 7 more pass, the 9th within 10 s is refused. All at the first message's
            // instant, so that a slow machine can neither spread the burst over the window nor let the first message
            // leave it before the burst.
            let service = ChatService(store: f.app.store, tickets: TicketService(store: f.app.store), hours: .always)
            let firstAt = try await f.app.store.read { db in
                try await db.raw("SELECT MIN(created_at) AS at FROM chat_messages WHERE session_id = \(bind: chat.id) AND author = 'visitor'")
                    .first()?.decode(column: "at", as: Int64?.self)
            }
            let now = Clock.date(millis: try #require(firstAt))
            var codes: [String] = []
            for n in 0..<8 {
                do {
                    _ = try await service.post(sessionId: chat.id, author: .visitor, agent: nil, clientId: "r-\(n)", body: "第\(n)条", now: now)
                    codes.append("ack")
                } catch let e as AppError {
                    codes.append(e.code)
                }
            }
            #expect(codes == Array(repeating: "ack", count: 7) + ["rate_limited"], "\(codes)")
        }
    }

    /// The widget is public: one client address starts at most 5 chats in 10 minutes, in hours and out of hours alike
    /// (a script cannot fill the queue or the ticket list); another address is not held up by it.
    @Test func oneAddressStartsAtMostFiveChats() async throws {
        for hours in [ChatHours.always, .never] {
            try await Self.withFixture(chatHours: hours) { f in
                func start(from address: String) async throws -> TestApp.Reply {
                    try await f.app.call(.post, "/api/v1/chat/sessions", json: ["orgUnitCode": "CS", "name": "刷屏", "contact": "13812345678", "message": "在吗"],
                                         headers: [HTTPField.Name("X-Forwarded-For")!: address])
                }
                for _ in 0..<5 { #expect(try await start(from: "203.0.113.7").status == .created) }
                let refused = try await start(from: "203.0.113.7")
                #expect(refused.status == .tooManyRequests && refused.errorCode == "chat_start_throttled", "\(refused.text)")
                let retry = Int(refused.headers[.retryAfter] ?? "") ?? 0
                #expect((550...600).contains(retry), "\(retry)")
                #expect(refused.errorMessage?.contains("秒后再试") == true)
                #expect(try await start(from: "198.51.100.9").status == .created)
                // Nothing was half-written for the refused start: five chats (or tickets) from the first address, one from the other.
                let made = hours == .always ? "SELECT COUNT(*) AS n FROM chat_sessions" : "SELECT COUNT(*) AS n FROM tickets WHERE channel = 'chat'"
                #expect(try await f.count(made) == 6)
                #expect(try await f.count("SELECT COUNT(*) AS n FROM chat_starts") == 6)
            }
        }
    }

    @Test func outOfHoursTheMessageBecomesATicketAtOnce() async throws {
        try await Self.withFixture(chatHours: .never) { f in
            let r = try await f.app.call(.post, "/api/v1/chat/sessions", json: ["orgUnitCode": "CS", "name": "赵先生", "contact": "13900001111", "message": "晚上水管漏水"])
            #expect(r.status == .created, "\(r.text)")
            #expect(r["offline"] as? Bool == true && r.string("sessionId") == nil)
            let number = try #require(r.string("ticketNumber"))
            #expect(try await f.count("SELECT COUNT(*) AS n FROM tickets WHERE channel = 'chat' AND number = '\(number)' AND owner_id IS NULL") == 1)
            #expect(try await f.count("SELECT COUNT(*) AS n FROM chat_sessions") == 0)
            // The widget shows the message form.
            let page = try await f.app.call(.get, "/chat/CS")
            #expect(page.text.contains("id=\"chat-leave\"") && page.text.contains("data-open=\"0\""))
        }
    }

    @Test func theWidgetAndTheDeskPages() async throws {
        try await Self.withFixture { f in
            let widget = try await f.app.call(.get, "/chat/CS")
            #expect(widget.status == .ok && widget.text.contains("data-chat-widget") && widget.text.contains("id=\"chat-start\""))
            let unknown = try await f.app.call(.get, "/chat/NOPE")
            #expect(unknown.status == .notFound && unknown.text.contains("id=\"chat-unknown\""))
            let chat = try await f.start()
            let page = PageSession(f.app)
            _ = try await page.signIn("chatagent", "password-chatagent")
            let desk = try await page.get("/chats")
            #expect(desk.status == .ok && desk.text.contains("data-take=\"\(chat.id)\"") && desk.text.contains("id=\"nav-chats\""))
            let one = try await page.get("/chats?id=\(chat.id)")
            #expect(one.text.contains("你好，空调不制冷") && one.text.contains("id=\"chat-take\""))
            _ = try await f.app.call(.post, "/api/v1/chat/sessions/\(chat.id)/take", token: f.agent.token)
            // CH-03: the centre's approved phrases for chat, filled in with the visitor's name, in the reply box's picker.
            let unit = try #require(try await f.app.call(.get, "/api/v1/users/\(f.agent.id)", token: f.admin).string("orgUnitId"))
            let template = try await f.app.call(.post, "/api/v1/reply-templates", token: f.admin,
                                                json: ["orgUnitId": unit, "title": "在线问候", "body": "您好{客户}，很高兴为您服务", "channel": "chat", "code": "hi"])
            #expect(template.status == .created, "\(template.text)")
            let mine = try await page.get("/chats?id=\(chat.id)")
            #expect(mine.text.contains("id=\"comment-body\"") && mine.text.contains("id=\"chat-close\"") && mine.text.contains("data-ticket-shortcuts"))
            #expect(mine.text.contains("id=\"phrase-select\"") && mine.text.contains("您好王先生，很高兴为您服务"), "the phrase picker of the ticket page")
            // The WebSocket takes the session cookie from this site only (the client says Origin ws://127.0.0.1 itself).
            let cookie = page.cookieHeader
            try await ChatWire.connect(f.app, headers: [.cookie: cookie]) { agent in
                try await agent.send(["type": "hello"])
                #expect(try await agent.next(type: "hello")["role"] as? String == "agent")
            }
            try await ChatWire.connect(f.app, headers: [.cookie: cookie, .origin: "https://evil.example"]) { agent in
                try await agent.send(["type": "hello"])
                #expect(try await agent.next(type: "error")["code"] as? String == "bad_token")
            }
        }
    }
}
