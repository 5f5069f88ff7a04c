import Foundation
import KefuApp
import KefuPlatform
import Testing

@Suite("API contract")
struct ApiContractTests {
    @Test func everyRouteIsDescribedAndEveryDescriptionAnswers() async throws {
        try await TestApp.run { app in
            let reply = try await app.call(.get, "/api/v1/openapi.json")
            #expect(reply.status == .ok)
            #expect(reply.string("openapi") == "3.1.0")
            let paths = reply["paths"] as? [String: [String: Any]] ?? [:]
            let described = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
            let built = KefuServer.buildRouter(store: app.store)
            let registered = Set(built.routes.docs.map { "\($0.method.rawValue) \($0.path)" })
            #expect(described == registered)
            // API.md's public names are there.
            for name in ["POST /api/v1/auth/token", "GET /api/v1/org-units", "POST /api/v1/users", "POST /api/v1/tickets", "GET /api/v1/tickets",
                         "GET /api/v1/tickets/{id}", "PATCH /api/v1/tickets/{id}", "GET /api/v1/tickets/{id}/events",
                         "POST /api/v1/tickets/{id}/comments", "POST /api/v1/tickets/{id}/status", "POST /api/v1/tickets/{id}/escalate"] {
                #expect(described.contains(name), "\(name) missing")
            }
            // Each described route exists on the server: calling it never gives the router's "no such address".
            let token = try await app.adminToken()
            for doc in built.routes.docs {
                let path = doc.path.replacingOccurrences(of: "{id}", with: "00000000-0000-0000-0000-000000000000")
                    .replacingOccurrences(of: "{year}", with: "2027").replacingOccurrences(of: "{token}", with: "no-such-token")
                    .replacingOccurrences(of: "{orgUnitId}", with: "00000000-0000-0000-0000-000000000000").replacingOccurrences(of: "{month}", with: "2026-11")
                    .replacingOccurrences(of: "{lineId}", with: "00000000-0000-0000-0000-000000000000") // #15 KPI-07
                    .replacingOccurrences(of: "{extension}", with: "8001") // #16.3
                    .replacingOccurrences(of: "{kind}", with: "work_order") // #17.6
                let r = try await app.call(doc.method, path, token: token, raw: doc.method == .get || doc.method == .delete ? nil : "{}")
                #expect(!(r.status == .notFound && r.errorMessage == "请求的地址不存在"), "\(doc.method) \(doc.path) is described but not served")
                #expect(r.status.code < 500, "\(doc.method) \(doc.path) answered \(r.status)")
            }
            // Every $ref points at a schema that exists.
            let schemas = ((reply["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
            let refs = reply.text.components(separatedBy: "\"$ref\":\"#/components/schemas/").dropFirst().map { $0.prefix { $0 != "\"" } }
            for ref in refs { #expect(schemas[String(ref)] != nil, "schema \(ref) missing") }
        }
    }

    @Test func errorsAreJSONWithACode() async throws {
        try await TestApp.run { app in
            let missing = try await app.call(.get, "/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
            let token = try await app.adminToken()
            let noTicket = try await app.call(.get, "/api/v1/tickets/does-not-exist", token: token)
            #expect(noTicket.status == .notFound)
            #expect(noTicket.errorMessage == "未找到工单")
            let health = try await app.call(.get, "/healthz")
            #expect(health.string("status") == "ok")
        }
    }

    /// No input makes the server answer 500: every route gets malformed, mistyped and oversized input.
    @Test func badInputNeverBreaksTheServer() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let ticketId = try await app.createTicket(org.agent.token, subject: "存在的工单").string("id")!
            let built = KefuServer.buildRouter(store: app.store)
            let bodies = ["[]", "null", "\"text\"", "{\"subject\": {\"a\": 1}, \"status\": [1], \"body\": 7}", "\u{0}\u{1}garbage",
                          "{\"subject\": \"" + String(repeating: "字", count: 20_000) + "\"}", "{\"roles\": \"admin\", \"active\": \"yes\"}",
                          "{\"subject\": \"风机\\u0000漏油\", \"body\": \"x\\u0000\", \"name\": \"\\u0000\", \"code\": \"A\\u0000\", \"status\": \"open\\u0000\"}"]
            // Revoking the caller's own token would leave the rest of the loop unauthenticated.
            for doc in built.routes.docs where !(doc.method == .delete && doc.path == "/api/v1/auth/token") {
                let path = doc.path.replacingOccurrences(of: "{id}", with: ticketId).replacingOccurrences(of: "{year}", with: "2027")
                    .replacingOccurrences(of: "{token}", with: "no-such-token").replacingOccurrences(of: "{orgUnitId}", with: org.cs)
                    .replacingOccurrences(of: "{month}", with: "2026-11").replacingOccurrences(of: "{lineId}", with: ticketId) // #15 KPI-07
                    .replacingOccurrences(of: "{extension}", with: "8001") // #16.3
                    .replacingOccurrences(of: "{kind}", with: "work_order") // #17.6
                #expect(!path.contains("{"), "\(path): a path parameter this test does not fill in")
                for token in [org.admin, org.agent.token] {
                    if doc.method == .get || doc.method == .delete {
                        for query in ["?page=abc&per=-1", "?q=%00%FF&status=open,,x&sort=up", "?per=100000&page=999999999999"] {
                            let r = try await app.call(doc.method, path + query, token: token)
                            #expect(r.status.code < 500, "\(doc.method) \(path)\(query) answered \(r.status): \(r.text.prefix(200))")
                        }
                    } else {
                        for body in bodies {
                            let r = try await app.call(doc.method, path, token: token, raw: body)
                            #expect(r.status.code < 500, "\(doc.method) \(path) with \(body.prefix(40)) answered \(r.status): \(r.text.prefix(200))")
                            if r.status.code >= 400 { #expect(r.errorCode != nil, "\(doc.method) \(path): error without a code") }
                        }
                    }
                }
            }
        }
    }
}
