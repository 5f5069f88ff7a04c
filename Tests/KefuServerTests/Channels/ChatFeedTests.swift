import Foundation
import KefuChannels
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import Testing

/// #16 item 8: a chat connection hears of a change made by another node sharing the database (its own `ChatService`
/// and feed), through the feed's one query over the chats followed here — not only of changes made on its own node.
@Suite("Chat feed across nodes (#16 item 8)")
struct ChatFeedTests {
    @Test func aMessagePostedByAnotherNodeReachesTheVisitor() async throws {
        try await ChatSessionsTests.withFixture { f in
            let chat = try await f.start()
            let otherNode = ChatService(store: f.app.store, tickets: TicketService(store: f.app.store), hours: .always)
            let agent = try #require(try await AuthService(store: f.app.store).principal(userId: f.agent.id))
            try await ChatWire.connect(f.app) { visitor in
                try await visitor.send(["type": "hello", "token": chat.token, "after": 0])
                _ = try await visitor.next("seq 1", ChatSessionsTests.isMessage(1))
                _ = try await otherNode.take(id: chat.id, by: agent)
                let posted = try await otherNode.post(sessionId: chat.id, author: .agent, agent: agent, clientId: "node-b-1", body: "另一台服务器上的客服回复")
                let started = ContinuousClock.now
                let frame = try await visitor.next("the other node's message", ChatSessionsTests.isMessage(posted.seq))
                #expect(frame["body"] as? String == "另一台服务器上的客服回复")
                #expect(ContinuousClock.now - started < .seconds(5), "found by the feed's poll, not by chance")
            }
        }
    }
}
