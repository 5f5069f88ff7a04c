import Foundation
import Testing

/// CH-02: a letter (信函) is recorded as a ticket with channel `other`, offered on the new-ticket page and shown by name.
@Suite("Letters as a channel (CH-02)")
struct LetterChannelTests {
    @Test func aLetterIsATicketOfChannelOther() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let t = try await app.createTicket(org.agent.token, subject: "业主来信反映噪音", extra: ["channel": "other", "customer": ["name": "吴先生", "phone": "13500001111"]])
            #expect(t.status == .created, "\(t.text)")
            #expect(t.string("channel") == "other")
            let bad = try await app.createTicket(org.agent.token, subject: "x", extra: ["channel": "fax"])
            #expect(bad.status == .unprocessableContent)

            let session = PageSession(app)
            #expect(try await session.signIn("agent", "password-agent").status == .seeOther)
            #expect(try await session.get("/tickets/new").text.contains("<option value=\"other\""))
            #expect(try await session.get("/tickets/\(t.string("id")!)").text.contains("信函/其他"))
        }
    }
}
