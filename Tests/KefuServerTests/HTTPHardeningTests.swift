import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KefuApp
import KefuDomain
import KefuPlatform
import Prometheus
import Testing

/// Issue #10: the HTTP layer's findings (10.7, 10.11, 10.12, 10.16, 10.17, 10.18, 10.22).
@Suite("HTTP hardening (#10)")
struct HTTPHardeningTests {
    /// A live app built with options TestApp does not set (metrics, the trusted proxies).
    static func withApp(metricsToken: String? = nil, origin: RequestOrigin = RequestOrigin(),
                        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.withStore { store in
            _ = try await KefuServer.prepare(store, adminPassword: TestApp.adminPassword)
            let built = KefuServer.buildRouter(store: store, metrics: PrometheusCollectorRegistry(), metricsToken: metricsToken, origin: origin)
            let app = Application(router: built.router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestDatabase.logger)
            try await app.test(.live) { client in try await body(client) }
        }
    }

    // #10.1: the limits `kefu serve` reads (the behaviour on sockets is e2e/test_slow_clients.py).
    @Test func connectionLimitsComeFromTheEnvironmentAndFitTheDescriptors() throws {
        #expect(try ConnectionLimits.fromEnvironment([:]) == .defaults)
        let custom = try ConnectionLimits.fromEnvironment(["KEFU_MAX_CONNECTIONS": "200", "KEFU_HEADER_TIMEOUT_SECONDS": "5",
                                                           "KEFU_BODY_TIMEOUT_SECONDS": "20", "KEFU_IDLE_TIMEOUT_SECONDS": "15"])
        #expect(custom.maxConnections == 200 && custom.headerTimeout == .seconds(5) && custom.bodyTimeout == .seconds(20) && custom.idleTimeout == .seconds(15))
        for bad in ["0", "-1", "many", "1.5"] {
            #expect(throws: AppError.self) { try ConnectionLimits.fromEnvironment(["KEFU_HEADER_TIMEOUT_SECONDS": bad]) }
        }
        #expect(ConnectionLimits.defaults.fitting(descriptorLimit: 1024).maxConnections == 896)
        #expect(ConnectionLimits.defaults.fitting(descriptorLimit: 1_048_576).maxConnections == 4096)
    }

    // #10.17
    @Test func oversizedFormAndJsonAre413NotServerErrors() async throws {
        try await TestApp.run { app in
            let big = "_csrf=x&note=" + String(repeating: "a", count: 1_100_000)
            for path in ["/login", "/tickets/new", "/s/some-token", "/admin/units"] {
                let r = try await app.call(.post, path, raw: big, headers: [.contentType: "application/x-www-form-urlencoded"])
                #expect(r.status == .contentTooLarge, "\(path): \(r.status)")
                #expect(r.text.contains("<html") || r.text.contains("<!doctype"), "a readable page for \(path)")
            }
            let admin = try await app.adminToken()
            let json = "{\"subject\":\"" + String(repeating: "a", count: 1_100_000) + "\"}"
            for path in ["/api/v1/tickets", "/api/v1/repair-orders"] {
                let r = try await app.call(.post, path, token: admin, raw: json)
                #expect(r.status == .contentTooLarge, "\(path): \(r.status)")
                #expect(r.errorCode == "body_too_large")
            }
        }
    }

    // #10.18
    @Test func doubleSlashApiWriteWithCookieAloneIsRefused() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let ticket = try await app.createTicket(admin, subject: "原主题")
            let id = ticket.string("id")!
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            for path in ["//api/v1/tickets/\(id)", "/api//v1/tickets/\(id)", "/api/v1/tickets/\(id)"] {
                let r = try await app.call(.patch, path, raw: "{\"subject\":\"改掉\"}", headers: [.cookie: session.cookieHeader])
                #expect(r.status == .unauthorized, "\(path): \(r.status) \(r.text)")
                #expect(r.errorCode == "unauthenticated")
            }
            let after = try await app.call(.get, "/api/v1/tickets/\(id)", token: admin)
            #expect(after.string("subject") == "原主题")
            // The cookie still reads (the pages' look-ups), and a bearer token still writes through a doubled slash.
            #expect(try await app.call(.get, "//api/v1/tickets/\(id)", headers: [.cookie: session.cookieHeader]).status == .ok)
            #expect(try await app.call(.patch, "//api/v1/tickets/\(id)", token: admin, json: ["subject": "新主题"]).status == .ok)
        }
    }

    @Test func pathsAreCanonical() {
        #expect(CanonicalPathMiddleware.canonical("/api/v1/tickets") == .canonical)
        #expect(CanonicalPathMiddleware.canonical("//api//v1/tickets") == .rewritten("/api/v1/tickets"))
        #expect(CanonicalPathMiddleware.canonical("/api/v1/../v1/tickets") == .refused)
        #expect(CanonicalPathMiddleware.canonical("/api/v1/%2e%2e/tickets") == .refused)
        #expect(CanonicalPathMiddleware.canonical("/api/./v1") == .refused)
        #expect(CanonicalPathMiddleware.canonical("/api/v1%2Ftickets") == .refused)
    }

    // #10.7
    @Test func nextIsOnlyALocalPath() async throws {
        for evil in ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example", "%2F%2Fevil.example", "/%2F/evil.example",
                     "/%09/evil.example", "https://evil.example/", "http:/evil.example", "javascript:alert(1)", " //evil.example", "/%5Cevil.example"] {
            #expect(LocalRedirect.path(evil) == nil, "\(evil.debugDescription)")
        }
        #expect(LocalRedirect.path("/tickets?status=open&q=a%20b") == "/tickets?status=open&q=a%20b")
        #expect(LocalRedirect.path("/tickets/abc") == "/tickets/abc")
        try await TestApp.run { app in
            let session = PageSession(app)
            let page = try await session.get("/login")
            let token = PageSession.csrf(in: page.text) ?? ""
            let r = try await session.post("/login", form: ["username": "admin", "password": TestApp.adminPassword, "_csrf": token, "next": "/\t/evil.example"])
            #expect(r.status == .seeOther || r.status == .found)
            #expect(r.headers[.location] == "/")
        }
    }

    // #10.11
    @Test func everyAnswerCarriesSecurityHeadersAndHttpsMarksCookiesSecure() async throws {
        try await TestApp.run { app in
            for path in ["/login", "/healthz", "/api/v1/tickets", "/no-such-page", "/assets/app.js"] {
                let r = try await app.call(.get, path)
                let csp = r.headers[.contentSecurityPolicy] ?? ""
                #expect(csp == SecurityHeadersMiddleware.contentSecurityPolicy, "\(path)")
                #expect(csp.contains("script-src 'self';") && csp.contains("frame-ancestors 'none'"))
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
                #expect(r.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                #expect(r.headers[.strictTransportSecurity] == nil, "no HSTS over plain HTTP")
            }
            // Over HTTPS (a loopback proxy says so): HSTS, and every cookie Secure.
            let proxied: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https"]
            let login = try await app.call(.get, "/login", headers: proxied)
            #expect(login.headers[.strictTransportSecurity] == SecurityHeadersMiddleware.hsts)
            #expect(login.headers[values: .setCookie].allSatisfy { $0.contains("Secure") })
            let session = PageSession(app)
            var headers = proxied
            let page = try await session.get("/login")
            headers[.cookie] = session.cookieHeader
            headers[.contentType] = "application/x-www-form-urlencoded"
            let token = PageSession.csrf(in: page.text) ?? ""
            let signIn = try await app.call(.post, "/login", raw: "username=admin&password=\(TestApp.adminPassword)&_csrf=\(token)", headers: headers)
            let sessionCookie = signIn.headers[values: .setCookie].first { $0.hasPrefix("kefu_session=") } ?? ""
            #expect(sessionCookie.contains("Secure"), "\(sessionCookie)")
            let plain = PageSession(app)
            let plainSignIn = try await plain.signIn("admin", TestApp.adminPassword)
            #expect(plainSignIn.headers[values: .setCookie].first { $0.hasPrefix("kefu_session=") }?.contains("Secure") == false)
        }
        // The header from a peer that is no trusted proxy counts for nothing.
        try await Self.withApp(origin: RequestOrigin(trustedProxies: ["10.0.0.1"])) { client in
            let r = try await client.executeRequest(uri: "/login", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"], body: nil)
            #expect(r.headers[.strictTransportSecurity] == nil)
        }
    }

    @Test func pagesCarryNoInlineScript() async throws {
        try await TestApp.run { app in
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            for path in ["/tickets", "/tickets/new", "/materials/stock", "/admin/users", "/no-such-page"] {
                let html = try await session.get(path).text
                #expect(!html.contains("onclick="), "\(path)")
                #expect(!html.contains("onsubmit="), "\(path)")
                #expect(!html.contains("javascript:"), "\(path)")
                #expect(!html.contains("<script>"), "\(path)")
            }
        }
    }

    // #10.16
    @Test func metricsNeedTheirToken() async throws {
        try await Self.withApp(metricsToken: "scrape-secret") { client in
            #expect(try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil).status == .unauthorized)
            #expect(try await client.executeRequest(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong"], body: nil).status == .unauthorized)
            let ok = try await client.executeRequest(uri: "/metrics", method: .get, headers: [.authorization: "Bearer scrape-secret"], body: nil)
            #expect(ok.status == .ok)
            #expect(ok.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
        try await Self.withApp(metricsToken: nil) { client in
            let closed = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
            #expect(closed.status == .forbidden)
        }
    }

    // #10.22
    @Test func loginTokenIsBoundToAServerSidePresession() async throws {
        try await TestApp.run { app in
            // A pair the server never issued: the old double-submit cookie, and a made-up pre-session cookie.
            for cookie in ["kefu_login_csrf=forged-token", "kefu_prelogin=forged-token"] {
                let r = try await app.call(.post, "/login", raw: "username=admin&password=\(TestApp.adminPassword)&_csrf=forged-token",
                                           headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"])
                #expect(r.status == .forbidden, "\(cookie): \(r.status)")
                #expect(r.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("kefu_session=") })
            }
            // Another browser's token with this browser's pre-session is refused too.
            let mine = PageSession(app), theirs = PageSession(app)
            _ = try await mine.get("/login")
            let theirToken = PageSession.csrf(in: try await theirs.get("/login").text) ?? ""
            #expect(try await mine.post("/login", form: ["username": "admin", "password": TestApp.adminPassword, "_csrf": theirToken]).status == .forbidden)
            // The issued pair signs in, and the pre-session is spent.
            let page = try await mine.get("/login")
            let token = PageSession.csrf(in: page.text) ?? ""
            let presession = mine.cookies["kefu_prelogin"] ?? ""
            #expect(!presession.isEmpty)
            let ok = try await mine.post("/login", form: ["username": "admin", "password": TestApp.adminPassword, "_csrf": token])
            #expect(ok.headers[values: .setCookie].contains { $0.hasPrefix("kefu_session=") })
            let replay = try await app.call(.post, "/login", raw: "username=admin&password=\(TestApp.adminPassword)&_csrf=\(token)",
                                            headers: [.cookie: "kefu_prelogin=\(presession)", .contentType: "application/x-www-form-urlencoded"])
            #expect(replay.status == .forbidden)
        }
    }

    // #10.12
    @Test func kpiCsvNeutralisesFormulas() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            _ = try await app.emailTicket(org.agent.token, subject: "KPI", minutesAgo: 70)
            let formula = "=HYPERLINK(\"http://x\",\"y\")"
            #expect(try await app.call(.patch, "/api/v1/users/\(org.agent.id)", token: org.admin, json: ["displayName": formula]).status == .ok)
            let session = PageSession(app)
            _ = try await session.signIn("supervisor", "password-supervisor")
            let today = ServiceKpiTests.today(), from = ServiceKpiTests.reportFrom()
            let csv = try await session.get("/reports/service-kpis.csv?from=\(from)&to=\(today)&groupBy=agent")
            #expect(csv.status == .ok)
            #expect(csv.text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), "\(csv.text)")
            #expect(!csv.text.contains(",\"=HYPERLINK"))
        }
    }
}

/// #17.4: the year of a ticket's number and a path's canonical form, each found without Foundation's slow paths, give
/// what Foundation gives.
@Suite("Year and path without Foundation")
struct YearAndPathFastPathTests {
    @Test func theYearIsTheOrganisationsCalendarYear() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Times.zone
        let instants: [Int64] = [0, -1, -86_400_000 * 366, 1_798_732_799_999, 1_798_732_800_000, 1_798_761_599_999, 1_798_761_600_000,
                                 1_767_196_799_999, 1_767_196_800_000, 4_102_444_800_000]
        for millis in instants + (0..<200).map({ Int64($0) * 7_919_999_999 - 400_000_000_000 }) {
            let date = Clock.date(millis: millis)
            #expect(Times.year(date) == calendar.component(.year, from: date), "\(millis)")
        }
    }

    @Test func pathsWithoutDotsPercentsOrBackslashesAreCheckedOnlyForSlashes() {
        #expect(CanonicalPathMiddleware.canonical("/") == .canonical)
        #expect(CanonicalPathMiddleware.canonical("") == .canonical)
        #expect(CanonicalPathMiddleware.canonical("/api/v1/tickets//x") == .rewritten("/api/v1/tickets/x"))
        #expect(CanonicalPathMiddleware.canonical("/api/v1/tickets/") == .canonical)
        #expect(CanonicalPathMiddleware.canonical("/static/app.css") == .canonical)
        #expect(CanonicalPathMiddleware.canonical("/api/v1/a\\b") == .refused)
        #expect(CanonicalPathMiddleware.canonical("/api/v1/%5C") == .refused)
        #expect(CanonicalPathMiddleware.canonical("/api/v1/..") == .refused)
        #expect(CanonicalPathMiddleware.canonical("/工单/%E5%B7%A5") == .canonical)
    }
}
