import Foundation
import SQLKit
import Testing

@Suite("Sign-in and API tokens")
struct AuthTests {
    @Test func tokenForGoodPasswordAndRefusalForBad() async throws {
        try await TestApp.run { app in
            let ok = try await app.call(.post, "/api/v1/auth/token", json: ["username": "admin", "password": TestApp.adminPassword])
            #expect(ok.status == .ok)
            #expect((ok["user"] as? [String: Any])?["username"] as? String == "admin")
            let bad = try await app.call(.post, "/api/v1/auth/token", json: ["username": "admin", "password": "wrong-password"])
            #expect(bad.status == .unauthorized)
            #expect(bad.errorCode == "invalid_credentials")
            #expect(bad.errorMessage == "用户名或密码错误")
            let english = try await app.call(.post, "/api/v1/auth/token", json: ["username": "nobody", "password": "x"], headers: [.acceptLanguage: "en-US"])
            #expect(english.errorMessage == "Wrong username or password")
        }
    }

    @Test func repeatedFailuresAreThrottled() async throws {
        try await TestApp.run { app in
            for _ in 0..<5 {
                let r = try await app.call(.post, "/api/v1/auth/token", json: ["username": "admin", "password": "guess"])
                #expect(r.status == .unauthorized)
            }
            // Under load the five attempts (and the next call) may outlast the first wait: date the counters 30 s ahead.
            let now = Int64(Date().timeIntervalSince1970 * 1000) + 30_000
            try await app.store.write { db in try await db.raw("UPDATE login_throttle SET last_at = \(bind: now)").run() }
            let locked = try await app.call(.post, "/api/v1/auth/token", json: ["username": "admin", "password": TestApp.adminPassword])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.errorCode == "too_many_attempts")
        }
    }

    @Test func revokedAndUnknownTokensAreRefused() async throws {
        try await TestApp.run { app in
            let token = try await app.adminToken()
            #expect(try await app.call(.get, "/api/v1/auth/me", token: token).status == .ok)
            #expect(try await app.call(.delete, "/api/v1/auth/token", token: token).status == .noContent)
            let after = try await app.call(.get, "/api/v1/auth/me", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "unauthenticated")
            #expect(try await app.call(.get, "/api/v1/tickets", token: "made-up").status == .unauthorized)
            #expect(try await app.call(.get, "/api/v1/tickets").status == .unauthorized)
        }
    }

    @Test func deactivatedUserLosesAccess() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            #expect(try await app.call(.get, "/api/v1/tickets", token: org.agent.token).status == .ok)
            let off = try await app.call(.patch, "/api/v1/users/\(org.agent.id)", token: org.admin, json: ["active": false])
            #expect(off.status == .ok)
            #expect(off["active"] as? Bool == false)
            #expect(try await app.call(.get, "/api/v1/tickets", token: org.agent.token).status == .unauthorized)
            let signIn = try await app.call(.post, "/api/v1/auth/token", json: ["username": "agent", "password": "password-agent"])
            #expect(signIn.status == .unauthorized)
            // Never deleted: the user is still there with its history.
            #expect(try await app.call(.get, "/api/v1/users/\(org.agent.id)", token: org.admin).status == .ok)
            #expect(try await app.call(.delete, "/api/v1/users/\(org.agent.id)", token: org.admin).status.code >= 400)
        }
    }

    @Test func tokensAreStoredHashed() async throws {
        try await TestApp.run { app in
            let token = try await app.adminToken()
            let stored = try await app.store.read { db in
                try await db.raw("SELECT token_hash FROM api_tokens").all().map { try $0.decode(column: "token_hash", as: String.self) }
            }
            #expect(!stored.isEmpty)
            #expect(!stored.contains(token))
        }
    }
}
