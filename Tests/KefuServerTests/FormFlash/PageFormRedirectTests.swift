import Foundation
import Hummingbird
import KefuPlatform
import Testing

/// #11.2: POST-redirect-GET everywhere. No page form answers with a page at its POST address (a reload would send it
/// again): it answers 303, or the error page of a denial (403) or a missing record (404). A form sent after the session
/// expired keeps its text and sign-in returns to the page it was on, never to the POST address.
@Suite("Page forms: POST-redirect-GET, expired sessions (#11.2)")
struct PageFormRedirectTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Page forms with pages of their own outside this sweep: sign-in (its own test), sign-out, the public survey page.
    static let ownTests: Set<String> = ["/login", "/logout", "/s/:token"]
    /// The materials part of #11 moves its pages to FormFlash (they still draw a refused form at the POST address);
    /// remove the prefix here when it has.
    static let pendingPrefixes = [String]()

    /// Every `router.post("…")` page route in the sources.
    static func pageFormRoutes() throws -> [String] {
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        var routes: Set<String> = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            var rest = text[...]
            while let r = rest.range(of: "router.post(\"") {
                let path = String(rest[r.upperBound...].prefix { $0 != "\"" })
                rest = rest[r.upperBound...]
                if !path.hasPrefix("/api/"), !path.contains("\\("), !ownTests.contains(path) { routes.insert(path) }
            }
        }
        return routes.sorted()
    }

    @Test func everyPageFormAnswersARedirectNeverAPage() async throws {
        let routes = try Self.pageFormRoutes()
        #expect(routes.count >= 25, "found only \(routes.count) page form routes")
        try await TestApp.run { app in
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            let csrf = try #require(PageSession.csrf(in: try await session.get("/admin/units").text))
            let someId = UUID().uuidString.lowercased()
            for route in routes where !Self.pendingPrefixes.contains(where: { route.hasPrefix($0) }) {
                let path = route.split(separator: "/").map { $0 == ":step" ? "close" : $0.hasPrefix(":") ? someId : String($0) }.joined(separator: "/")
                let r = try await session.post("/" + path, form: ["_csrf": csrf], from: "/admin/units")
                #expect(r.status == .seeOther || r.status == .forbidden || r.status == .notFound, "POST \(route) answered \(r.status)")
            }
        }
    }

    @Test func aFormSentAfterTheSessionExpiredKeepsItsTextAndSignInReturnsToItsPage() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let ticket = try #require(try await app.createTicket(org.agent.token, subject: "打印机卡纸").string("id"))
            let session = PageSession(app)
            _ = try await session.signIn("agent", "password-agent")
            let page = try await session.get("/tickets/\(ticket)")
            let csrf = try #require(PageSession.csrf(in: page.text))
            // The session runs out while the agent types the reply.
            try await app.store.write { db in try await db.raw("UPDATE sessions SET expires_at = 0").run() }
            let reply = "您好，已安排工程师明天上午上门"
            let sent = try await session.post("/tickets/\(ticket)/comments", form: ["_csrf": csrf, "body": reply, "visibility": "public"], from: "/tickets/\(ticket)")
            #expect(sent.status == .seeOther)
            let login = try #require(sent.headers[.location])
            #expect(login == "/login?next=" + urlQueryValue("/tickets/\(ticket)"))
            #expect(!login.contains("comments"))

            let form = try await session.get(login)
            let token = try #require(PageSession.csrf(in: form.text))
            #expect(form.text.contains("value=\"/tickets/\(ticket)\""))
            let signedIn = try await session.post("/login", form: ["_csrf": token, "username": "agent", "password": "password-agent", "next": "/tickets/\(ticket)"])
            #expect(signedIn.headers[.location] == "/tickets/\(ticket)")
            let back = try await session.get("/tickets/\(ticket)")
            #expect(back.status == .ok)
            #expect(back.text.contains(reply))
            #expect(back.text.contains("登录已过期"))
            #expect(back.text.contains("data-action=\"/tickets/\(ticket)/comments\""))
            // Nothing was posted while signed out; the text is offered once.
            let comments = try await app.call(.get, "/api/v1/tickets/\(ticket)/comments", token: org.agent.token)
            #expect(!comments.text.contains(reply))
            #expect(!(try await session.get("/tickets/\(ticket)")).text.contains(reply))
        }
    }

    @Test func aFormFromAnotherSiteIsNotKept() async throws {
        try await TestApp.run { app in
            let session = PageSession(app)
            let r = try await app.call(.post, "/tickets", raw: "subject=planted&_csrf=x",
                                       headers: [.contentType: "application/x-www-form-urlencoded", .origin: "http://evil.example", .referer: "http://evil.example/x"])
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/login?next=%2F")
            #expect(r.headers[values: .setCookie].allSatisfy { !$0.hasPrefix(FormFlashes.cookieName) })
            _ = session
        }
    }
}
