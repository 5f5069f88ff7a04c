import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import Testing

/// #11.4: every webhook event names the record's page in `link` — absolute when `KEFU_BASE_URL` is configured, the path
/// otherwise — and the served OpenAPI document describes it. Delivered to a real HTTP receiver on loopback.
@Suite("Webhook links (#11.4)", .serialized)
struct WebhookLinkTests {
    static let base = PublicBaseURL("https://kefu.example.com/")!

    static func events(_ receiver: WebhookReceiver) -> [[String: Any]] {
        receiver.received.withLockedValue { $0 }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] }
    }

    @Test func anSlaBreachEventLinksTheTicketAbsolutelyWithABaseURLAndSignsThatBody() async throws {
        try await TestApp.run(webhookTargets: WebhookTests.loopbackAllowed, baseURL: Self.base) { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                let set = try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": url])
                let secret = try #require(set.string("secret"))
                let ticket = try await app.emailTicket(org.agent.token, subject: "风机停机", minutesAgo: 10)
                let id = try #require(ticket["id"] as? String)
                _ = try await app.jobs.scanner.scan()
                #expect(try await app.jobs.webhooks.deliverDue() == 1)
                let event = try #require(Self.events(receiver).first)
                #expect(event["event"] as? String == "sla_breach")
                #expect(event["link"] as? String == "https://kefu.example.com/tickets/\(id)")
                // The signature covers the body as sent (with the absolute link).
                let got = try #require(receiver.received.withLockedValue { $0 }.first)
                #expect(got.signature == "sha256=" + Secrets.hmacSHA256Hex(key: secret, message: (got.timestamp ?? "") + "." + got.body))
                // The stored payload keeps the path: a changed base applies to what is still pending.
                #expect(try await app.count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE payload LIKE '%\"link\":\"/tickets/\(id)\"%'") == 1)

                // A group bot's message ends with the absolute link.
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": url, "format": "wecom"]).status == .ok)
                let second = try #require(try await app.emailTicket(org.agent.token, subject: "第二台", minutesAgo: 10)["id"] as? String)
                _ = try await app.jobs.scanner.scan()
                #expect(try await app.jobs.webhooks.deliverDue() == 1)
                let bot = try #require(Self.events(receiver).last)
                let content = try #require((bot["text"] as? [String: Any])?["content"] as? String)
                #expect(content.hasSuffix("\nhttps://kefu.example.com/tickets/\(second)"), "\(content)")
            }
        }
    }

    @Test func withoutABaseURLTheLinkIsThePath() async throws {
        try await TestApp.run(webhookTargets: WebhookTests.loopbackAllowed) { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": url]).status == .ok)
                let id = try #require(try await app.emailTicket(org.agent.token, subject: "无人处理", minutesAgo: 10)["id"] as? String)
                _ = try await app.jobs.scanner.scan()
                #expect(try await app.jobs.webhooks.deliverDue() == 1)
                #expect(Self.events(receiver).first?["link"] as? String == "/tickets/\(id)")
            }
        }
    }

    @Test func aHandOffEventLinksItsRecord() async throws {
        try await TestApp.run(webhookTargets: WebhookTests.loopbackAllowed, baseURL: Self.base) { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                #expect(try await app.call(.put, "/api/v1/org-units/\(o.qa)/webhook", token: o.admin, json: ["url": url]).status == .ok)
                let r = try await app.expect(.created, .post, "/api/v1/returns", o.agent.token,
                                             ["kind": "return", "model": "SL1500", "shippedAt": ReturnLoopTests.daysAgo(20), "reason": "过热", "qualityIssue": true])
                let id = try #require(r.string("id"))
                try await app.expect(.ok, .post, "/api/v1/returns/\(id)/receive", o.agent.token)
                #expect(try await app.jobs.webhooks.deliverDue() == 1)
                let event = try #require(Self.events(receiver).first)
                #expect(event["event"] as? String == "return_quality")
                #expect(event["link"] as? String == "https://kefu.example.com/returns/\(id)")
            }
        }
    }

    @Test func theServedOpenAPIDocumentDescribesTheEventAndItsLink() async throws {
        try await TestApp.run { app in
            let doc = try await app.call(.get, "/api/v1/openapi.json")
            let webhooks = try #require(doc["webhooks"] as? [String: Any])
            let post = try #require((webhooks["unitWebhookEvent"] as? [String: Any])?["post"] as? [String: Any])
            let body = (((post["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
            #expect(body?["$ref"] as? String == "#/components/schemas/WebhookEvent")
            let schema = ((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])?["WebhookEvent"] as? [String: Any]
            let link = (schema?["properties"] as? [String: Any])?["link"] as? [String: Any]
            #expect(link?["type"] as? String == "string")
            #expect((link?["description"] as? String)?.contains("KEFU_BASE_URL") == true)
            #expect((schema?["required"] as? [String])?.contains("link") == true)
        }
    }

    @Test(arguments: [("https://kefu.example.com/", "https://kefu.example.com/tickets/1"), ("http://10.0.0.5:8080/kefu", "http://10.0.0.5:8080/kefu/tickets/1")])
    func aBaseURLJoinsThePath(raw: String, expected: String) {
        #expect(PublicBaseURL(raw)?.absolute("/tickets/1") == expected)
    }

    @Test func aBaseURLThatIsNoWebAddressIsRefusedByName() throws {
        for bad in ["ftp://x", "kefu.example.com", "https://kefu.example.com/?a=1", "https://user:pw@kefu.example.com"] {
            #expect(PublicBaseURL(bad) == nil, "\(bad)")
        }
        #expect(throws: PublicBaseURL.Invalid.self) { try PublicBaseURL.fromEnvironment(["KEFU_BASE_URL": "ftp://x"]) }
        #expect(try PublicBaseURL.fromEnvironment([:]) == nil)
    }
}
