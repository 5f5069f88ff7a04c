import Foundation
import Hummingbird
import Testing

/// #10.8 password change and revocation, token list and names; #10.14 deactivated units; #10.15 password policy.
@Suite("Account security")
struct AccountSecurityTests {
    @Test func ownPasswordChangeNeedsTheCurrentOneAndRevokesTheRest() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.token("agent", "password-agent")
            let browser = PageSession(app)
            #expect(try await browser.signIn("agent", "password-agent").status == .seeOther)
            let path = "/api/v1/users/\(org.agent.id)"
            let missing = try await app.call(.patch, path, token: org.agent.token, json: ["password": "a new passphrase 2026"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorMessage == "当前密码不正确")
            let wrong = try await app.call(.patch, path, token: org.agent.token,
                                           json: ["password": "a new passphrase 2026", "currentPassword": "not-my-password"])
            #expect(wrong.status == .unprocessableContent)
            let changed = try await app.call(.patch, path, token: org.agent.token,
                                             json: ["password": "a new passphrase 2026", "currentPassword": "password-agent"])
            #expect(changed.status == .ok, "\(changed.text)")
            // The token the change was made with still works; every other token and session is gone.
            #expect(try await app.call(.get, "/api/v1/auth/me", token: org.agent.token).status == .ok)
            #expect(try await app.call(.get, "/api/v1/auth/me", token: other).status == .unauthorized)
            #expect(try await browser.get("/tickets").status == .seeOther)
            #expect(try await app.call(.post, "/api/v1/auth/token", json: ["username": "agent", "password": "a new passphrase 2026"]).status == .ok)
        }
    }

    @Test func adminResetRevokesTokensUnlessKeptByChoice() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let reset = try await app.call(.patch, "/api/v1/users/\(org.agent.id)", token: org.admin, json: ["password": "reset by the admin 1"])
            #expect(reset.status == .ok)
            #expect(try await app.call(.get, "/api/v1/auth/me", token: org.agent.token).status == .unauthorized)
            let kept = try await app.call(.patch, "/api/v1/users/\(org.colleague.id)", token: org.admin,
                                          json: ["password": "reset by the admin 2", "keepTokens": true])
            #expect(kept.status == .ok)
            #expect(try await app.call(.get, "/api/v1/auth/me", token: org.colleague.token).status == .ok)
        }
    }

    @Test func tokenListPagesAndTokenNamesAreLimited() async throws {
        try await TestApp.run { app in
            for i in 0..<3 {
                _ = try await app.call(.post, "/api/v1/auth/token", json: ["username": "admin", "password": TestApp.adminPassword, "name": "t\(i)"])
            }
            let admin = try await app.adminToken()
            let first = try await app.call(.get, "/api/v1/auth/tokens?per=2", token: admin)
            #expect(first.status == .ok)
            #expect(first.items.count == 2)
            #expect(first["total"] as? Int == 4)
            let second = try await app.call(.get, "/api/v1/auth/tokens?per=2&page=2", token: admin)
            #expect(second.items.count == 2)
            let long = try await app.call(.post, "/api/v1/auth/token",
                                          json: ["username": "admin", "password": TestApp.adminPassword, "name": String(repeating: "n", count: 101)])
            #expect(long.status == .unprocessableContent)
        }
    }

    @Test func usersOfADeactivatedUnitAreLockedOut() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let sub = try await app.createUnit(org.admin, code: "CS-N", name: "客服北区", parentId: org.cs)
            let north = try await app.createUser(org.admin, "north", roles: ["cs_agent"], unitId: sub)
            let browser = PageSession(app)
            #expect(try await browser.signIn("north", "password-north").status == .seeOther)
            #expect(try await browser.get("/tickets").status == .ok)
            // Deactivating the parent unit locks out the users of every unit below it.
            #expect(try await app.call(.patch, "/api/v1/org-units/\(org.cs)", token: org.admin, json: ["active": false]).status == .ok)
            #expect(try await app.call(.get, "/api/v1/tickets", token: north.token).status == .unauthorized)
            #expect(try await app.call(.get, "/api/v1/tickets", token: org.agent.token).status == .unauthorized)
            #expect(try await browser.get("/tickets").status == .seeOther)
            #expect(try await app.call(.post, "/api/v1/auth/token", json: ["username": "north", "password": "password-north"]).status == .unauthorized)
            // Active again: back to work.
            #expect(try await app.call(.patch, "/api/v1/org-units/\(org.cs)", token: org.admin, json: ["active": true]).status == .ok)
            #expect(try await app.call(.get, "/api/v1/tickets", token: north.token).status == .ok)
            #expect(try await app.call(.get, "/api/v1/tickets", token: org.qaUser.token).status == .ok)
        }
    }

    @Test func trivialPasswordsAreRefusedAndPassphrasesAccepted() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            func create(_ username: String, _ password: String) async throws -> TestApp.Reply {
                try await app.call(.post, "/api/v1/users", token: org.admin,
                                   json: ["username": username, "password": password, "displayName": "X", "orgUnitId": org.cs, "roles": ["cs_agent"]])
            }
            for weak in ["12345678", "password", "qwertyui", "aaaaaaaa", "P@ssw0rd"] {
                let r = try await create("weak1", weak)
                #expect(r.status == .unprocessableContent, "\(weak) accepted")
            }
            #expect(try await create("weak1", "12345678").errorMessage?.contains("过于简单") == true)
            #expect(try await create("weak1", "password").errorMessage == "这是最常见的密码之一，请换一个")
            #expect(try await create("zhaoliu", "zhaoliu1").status == .unprocessableContent)
            let passphrase = "the quick brown fox jumps over 13 lazy dogs at dawn " + String(repeating: "again ", count: 30)
            #expect(try await create("fox", passphrase).status == .created)
            #expect(try await app.call(.post, "/api/v1/auth/token", json: ["username": "fox", "password": passphrase]).status == .ok)
            // Beyond bcrypt's 72 bytes every character counts.
            #expect(try await app.call(.post, "/api/v1/auth/token", json: ["username": "fox", "password": passphrase + "x"]).status == .unauthorized)
            // The same rules on a reset.
            #expect(try await app.call(.patch, "/api/v1/users/\(org.agent.id)", token: org.admin, json: ["password": "11111111"]).status == .unprocessableContent)
        }
    }
}
