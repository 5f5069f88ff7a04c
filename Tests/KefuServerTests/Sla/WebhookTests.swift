import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import NIOConcurrencyHelpers
import Testing

/// A real HTTP endpoint on loopback that records what it receives and answers with `status`.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        let body: String
        let timestamp: String?
        let signature: String?
        var host: String? = nil
    }
    let received = NIOLockedValueBox<[Received]>([])
    let status = NIOLockedValueBox<HTTPResponse.Status>(.ok)
    /// Set: `/hook` answers `status` with this Location (#10.10 redirect test).
    let location = NIOLockedValueBox<String?>(nil)
    /// Requests that reached `/elsewhere`, where a redirect would lead.
    let elsewhere = NIOLockedValueBox<Int>(0)

    func run(_ body: @escaping @Sendable (_ url: String) async throws -> Void) async throws {
        let router = Router()
        router.post("/hook") { [self] request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            received.withLockedValue {
                $0.append(Received(body: String(buffer: buffer), timestamp: request.headers[HTTPField.Name("X-Kefu-Timestamp")!],
                                   signature: request.headers[HTTPField.Name("X-Kefu-Signature")!], host: request.head.authority))
            }
            var headers = HTTPFields()
            if let location = location.withLockedValue({ $0 }) { headers[.location] = location }
            return Response(status: status.withLockedValue { $0 }, headers: headers)
        }
        router.get("/elsewhere") { [self] _, _ -> Response in elsewhere.withLockedValue { $0 += 1 }; return Response(status: .ok) }
        router.post("/elsewhere") { [self] _, _ -> Response in elsewhere.withLockedValue { $0 += 1 }; return Response(status: .ok) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)/hook")
        }
    }
}

@Suite("Unit webhooks", .serialized)
struct WebhookTests {
    /// #10.10: the loopback receiver is allowed explicitly, as an operator would with KEFU_WEBHOOK_ALLOW_HOSTS.
    static let loopbackAllowed = WebhookTargets(allowHosts: [WebhookTargetRule.AllowedHost(entry: "127.0.0.1")!])

    @Test func alertsArePostedSignedAndRetried() async throws {
        try await TestApp.run(webhookTargets: Self.loopbackAllowed) { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                // Only an administrator or the unit's own supervisor sets it up.
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.agent.token, json: ["url": url]).status == .forbidden)
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.qa)/webhook", token: org.supervisor.token, json: ["url": url]).status == .forbidden)
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.supervisor.token, json: ["url": "ftp://x"]).status == .unprocessableContent)
                let set = try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.supervisor.token, json: ["url": url])
                #expect(set.status == .ok, "\(set.text)")
                let secret = try #require(set.string("secret"), "a generated secret is shown once")
                #expect(try await app.call(.get, "/api/v1/org-units/\(org.cs)/webhook", token: org.supervisor.token)["secret"] is NSNull)

                let ticket = try await app.emailTicket(org.agent.token, subject: "风机停机", minutesAgo: 10)
                _ = try await app.jobs.scanner.scan()
                #expect(try await app.jobs.webhooks.deliverDue() == 1)
                let got = try #require(receiver.received.withLockedValue { $0 }.first)
                let event = try #require(try JSONSerialization.jsonObject(with: Data(got.body.utf8)) as? [String: Any])
                #expect(event["event"] as? String == "sla_breach")
                #expect((event["ticket"] as? [String: Any])?["number"] as? String == ticket["number"] as? String)
                #expect(((event["text"] as? [String: Any])?["zh-CN"] as? String)?.contains("超时") == true)
                let timestamp = try #require(got.timestamp)
                #expect(got.signature == "sha256=" + Secrets.hmacSHA256Hex(key: secret, message: timestamp + "." + got.body))
                #expect(try await app.jobs.webhooks.deliverDue() == 0, "delivered once")

                // A receiver that fails: the delivery waits and is tried again, then marked failed.
                receiver.status.withLockedValue { $0 = .internalServerError }
                _ = try await app.emailTicket(org.agent.token, subject: "第二台风机停机", minutesAgo: 10)
                _ = try await app.jobs.scanner.scan()
                #expect(try await app.jobs.webhooks.deliverDue() == 0)
                #expect(try await app.count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending' AND attempts = 1 AND last_error = 'HTTP 500'") == 1)
                var later = Date()
                for delay in Webhooks.retryDelays {
                    later = later.addingTimeInterval(TimeInterval(delay / 1000) + 1)
                    _ = try await app.jobs.webhooks.deliverDue(now: later)
                }
                #expect(try await app.count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'failed' AND attempts = 6") == 1)
                #expect(receiver.received.withLockedValue { $0.count } == 7)

                // Bot format for WeCom / DingTalk.
                receiver.status.withLockedValue { $0 = .ok }
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": url, "format": "wecom"]).status == .ok)
                _ = try await app.emailTicket(org.agent.token, subject: "第三台", minutesAgo: 10)
                _ = try await app.jobs.scanner.scan()
                #expect(try await app.jobs.webhooks.deliverDue() == 1)
                let bot = try JSONSerialization.jsonObject(with: Data(receiver.received.withLockedValue { $0 }.last!.body.utf8)) as? [String: Any]
                #expect(bot?["msgtype"] as? String == "text")
                #expect(((bot?["text"] as? [String: Any])?["content"] as? String)?.contains("第三台") == true)

                #expect(try await app.call(.delete, "/api/v1/org-units/\(org.cs)/webhook", token: org.supervisor.token).status == .noContent)
                #expect(try await app.call(.get, "/api/v1/org-units/\(org.cs)/webhook", token: org.supervisor.token).status == .notFound)

                // Without a webhook of its own, the unit's alerts go to the nearest unit above that has one.
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.root)/webhook", token: org.supervisor.token, json: ["url": url]).status == .forbidden)
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.root)/webhook", token: org.admin, json: ["url": url]).status == .ok)
                _ = try await app.emailTicket(org.agent.token, subject: "第四台", minutesAgo: 10)
                _ = try await app.jobs.scanner.scan()
                #expect(try await app.jobs.webhooks.deliverDue() == 1)
                let up = try JSONSerialization.jsonObject(with: Data(receiver.received.withLockedValue { $0 }.last!.body.utf8)) as? [String: Any]
                #expect(up?["orgUnitId"] as? String == org.root)
            }
        }
    }
}
