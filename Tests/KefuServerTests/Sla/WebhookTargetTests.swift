import Foundation
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import NIOConcurrencyHelpers
import SQLKit
import Testing

/// #10.10: webhooks reach only public addresses unless a host is allowed; the check runs when the webhook is saved
/// and again at each send, which connects to the checked address; a redirect is never followed.
@Suite("Webhook targets (#10.10)", .serialized)
struct WebhookTargetTests {
    /// A DNS stand-in: names in `answers` resolve to the given addresses, others through the system resolver.
    final class FakeDNS: Sendable {
        let answers = NIOLockedValueBox<[String: [IPAddress]]>([:])
        func set(_ host: String, _ literals: String...) { answers.withLockedValue { $0[host] = literals.map { IPAddress($0)! } } }
        var targets: WebhookTargets { targets(allow: []) }
        func targets(allow: [String]) -> WebhookTargets {
            WebhookTargets(allowHosts: allow.map { WebhookTargetRule.AllowedHost(entry: $0)! }) { [self] host in
                if let answer = answers.withLockedValue({ $0[host] }) { return answer }
                return try await HostResolver.addresses(of: host)
            }
        }
    }

    /// A breach alert for CS queued now; returns nothing, the delivery is the only one due.
    func queueAlert(_ app: TestApp, _ org: OrgFixture, _ subject: String) async throws {
        _ = try await app.emailTicket(org.agent.token, subject: subject, minutesAgo: 10)
        _ = try await app.jobs.scanner.scan()
    }

    /// Points CS's stored webhook at `url` as a row saved before this check existed would, and makes its delivery due.
    func storeURL(_ app: TestApp, _ org: OrgFixture, _ url: String) async throws {
        try await app.store.write { db in
            try await db.raw("UPDATE org_unit_webhooks SET url = \(bind: url) WHERE org_unit_id = \(bind: org.cs)").run()
            try await db.raw("UPDATE webhook_deliveries SET next_attempt_at = 0, attempts = 0, status = 'pending'").run()
        }
    }

    func lastError(_ app: TestApp) async throws -> String {
        try await app.store.read { db in
            try await db.raw("SELECT last_error FROM webhook_deliveries ORDER BY created_at DESC").first()!.decode(column: "last_error", as: String?.self) ?? ""
        }
    }

    func expectRefused(_ app: TestApp, _ what: String, prefix: String = "refused:") async throws {
        let error = try await lastError(app)
        #expect(error.hasPrefix(prefix), "\(what): \(error)")
    }

    @Test func internalTargetsAreRefusedWhenSaved() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            for url in ["http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/hook",
                        "http://10.1.2.3/hook", "http://localhost:8080/hook", "http://[::ffff:127.0.0.1]/hook", "http://0.0.0.0/",
                        "https://100.64.1.1/x", "http://[fd00::1]/x", "http://[fe80::1]/x", "http://224.0.0.1/", "http://192.168.0.10/"] {
                let reply = try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": url])
                #expect(reply.status == .unprocessableContent, "\(url): \(reply.status) \(reply.text)")
                #expect(reply.errorCode == "webhook_target_forbidden", "\(url): \(reply.text)")
            }
            let zh = try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": "http://127.0.0.1/x"],
                                        headers: [.acceptLanguage: "zh-CN"])
            #expect(zh.errorMessage?.contains("内部地址") == true, "\(zh.text)")
            let en = try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": "http://127.0.0.1/x"],
                                        headers: [.acceptLanguage: "en"])
            #expect(en.errorMessage?.contains("KEFU_WEBHOOK_ALLOW_HOSTS") == true, "\(en.text)")
            #expect(try await app.call(.get, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin).status == .notFound, "nothing was saved")
            // A public address is accepted.
            #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": "https://8.8.8.8/hook"]).status == .ok)
        }
    }

    @Test func theWebhooksPageShowsTheRefusal() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            let page = try await session.get("/admin/webhooks")
            let csrf = try #require(PageSession.csrf(in: page.text))
            let refused = try await session.post("/admin/webhooks/\(org.cs)", form: [
                "url": "http://169.254.169.254/latest/meta-data/", "format": "kefu", "active": "true", "_csrf": csrf,
            ], from: "/admin/webhooks")
            // #11.2 PRG: the refusal returns to the page, which says why.
            #expect(refused.status == .seeOther, "\(refused.status)")
            #expect(refused.headers[.location] == "/admin/webhooks")
            let reply = try await session.get("/admin/webhooks")
            #expect(reply.text.contains("169.254.169.254") && reply.text.contains("KEFU_WEBHOOK_ALLOW_HOSTS"), "\(reply.text)")
            #expect(try await app.call(.get, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin).status == .notFound)
        }
    }

    @Test func anAllowedHostIsAcceptedEvenWhenInternal() async throws {
        let dns = FakeDNS()
        try await TestApp.run(webhookTargets: dns.targets(allow: ["localhost:8080", "[::1]"])) { app in
            let org = try await OrgFixture.make(app)
            #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": "http://localhost:8080/hook"]).status == .ok)
            #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": "http://[::1]:9000/hook"]).status == .ok)
            let otherPort = try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin, json: ["url": "http://localhost:8081/hook"])
            #expect(otherPort.errorCode == "webhook_target_forbidden", "the port is part of the entry")
        }
    }

    @Test func internalTargetsAreRefusedAtSendAndNothingIsSent() async throws {
        let dns = FakeDNS()
        dns.set("hooks.example.test", "93.184.216.34")
        try await TestApp.run(webhookTargets: dns.targets) { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                let port = URL(string: url)!.port!
                // Saved while the name pointed to a public address.
                let saved = try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin,
                                               json: ["url": "http://hooks.example.test:\(port)/hook"])
                #expect(saved.status == .ok, "\(saved.text)")
                try await queueAlert(app, org, "风机停机")

                // DNS rebinding: at send time the same name answers loopback (where the receiver listens).
                dns.set("hooks.example.test", "127.0.0.1")
                #expect(try await app.jobs.webhooks.deliverDue() == 0)
                try await expectRefused(app, "rebound", prefix: "refused: hooks.example.test is 127.0.0.1")
                // One internal address among public ones is enough to refuse.
                dns.set("hooks.example.test", "93.184.216.34", "::1")
                try await storeURL(app, org, "http://hooks.example.test:\(port)/hook")
                #expect(try await app.jobs.webhooks.deliverDue() == 0)
                try await expectRefused(app, "one of two")

                // Rows stored before the check: loopback literals and a name that resolves to loopback.
                for stored in [url, "http://localhost:\(port)/hook", "http://[::1]:\(port)/hook", "http://[::ffff:127.0.0.1]:\(port)/hook"] {
                    try await storeURL(app, org, stored)
                    #expect(try await app.jobs.webhooks.deliverDue() == 0, "\(stored)")
                    try await expectRefused(app, stored)
                }
                #expect(receiver.received.withLockedValue { $0.count } == 0, "the loopback receiver saw no request")

                // Other internal ranges, with a transport that records instead of connecting: it is never called.
                let attempts = NIOLockedValueBox<[String]>([])
                let recording = WebhookSender(store: app.store, targets: dns.targets, transport: { request in
                    attempts.withLockedValue { $0.append(request.address.description) }
                    return 200
                })
                for stored in ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/hook", "http://192.168.1.1/", "http://[fe80::1]/"] {
                    try await storeURL(app, org, stored)
                    #expect(try await recording.deliverDue() == 0, "\(stored)")
                    try await expectRefused(app, stored)
                }
                #expect(attempts.withLockedValue { $0 }.isEmpty)
            }
        }
    }

    @Test func theConnectionGoesToTheCheckedAddressAndRedirectsAreNotFollowed() async throws {
        let dns = FakeDNS()
        try await TestApp.run(webhookTargets: dns.targets(allow: ["hooks.internal.test"])) { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                let port = URL(string: url)!.port!
                // The name is allowed and resolves (in this test only) to the receiver's loopback address: the system
                // resolver does not know it, so reaching the receiver proves the connection used the checked address.
                dns.set("hooks.internal.test", "127.0.0.1")
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin,
                                           json: ["url": "http://hooks.internal.test:\(port)/hook"]).status == .ok)
                try await queueAlert(app, org, "风机停机")
                #expect(try await app.jobs.webhooks.deliverDue() == 1)
                #expect(receiver.received.withLockedValue { $0.first?.host } == "hooks.internal.test:\(port)")

                // A 302 to another URL of the same receiver: a failed delivery, and nothing reaches the other URL.
                receiver.status.withLockedValue { $0 = .found }
                receiver.location.withLockedValue { $0 = "http://127.0.0.1:\(port)/elsewhere" }
                try await queueAlert(app, org, "第二台风机停机")
                #expect(try await app.jobs.webhooks.deliverDue() == 0)
                #expect(try await lastError(app) == "HTTP 302 (redirects are not followed)")
                #expect(receiver.elsewhere.withLockedValue { $0 } == 0)
                #expect(receiver.received.withLockedValue { $0.count } == 2)
            }
        }
    }

    @Test func httpsGoesToTheCheckedAddressWithTheURLsNameInSNIAndTheCertificateCheck() async throws {
        let dns = FakeDNS()
        dns.set("hooks.internal.test", "127.0.0.1")
        dns.set("other.internal.test", "127.0.0.1")
        let targets = dns.targets(allow: ["hooks.internal.test", "other.internal.test"])
        try await TestApp.run(webhookTargets: targets) { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let receiver = TLSWebhookReceiver()
            try await receiver.run { port, authority in
                // The real client, trusting the receiver's test authority instead of the system's roots.
                let sender = WebhookSender(store: app.store, targets: targets, transport: { request in
                    var request = request
                    request.trustRoots = .certificates([authority])
                    return try await PinnedHTTPClient.post(request)
                })
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin,
                                           json: ["url": "https://hooks.internal.test:\(port)/hook"]).status == .ok)
                try await queueAlert(app, org, "风机停机")
                let delivered = try await sender.deliverDue()
                let firstError = try await lastError(app)
                #expect(delivered == 1, "\(firstError)")
                #expect(receiver.hosts.withLockedValue { $0 } == ["hooks.internal.test:\(port)"])

                // Same address, another name: the certificate does not name it, so nothing is delivered.
                #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: org.admin,
                                           json: ["url": "https://other.internal.test:\(port)/hook"]).status == .ok)
                try await queueAlert(app, org, "第二台风机停机")
                #expect(try await sender.deliverDue() == 0)
                let error = try await lastError(app)
                #expect(error.contains("other.internal.test") && !error.hasPrefix("refused"), "\(error)")
                #expect(receiver.hosts.withLockedValue { $0.count } == 1)
            }
        }
    }
}
