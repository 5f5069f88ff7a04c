import Foundation
import Testing

@Suite("Organisation and users")
struct OrgTests {
    @Test func adminBuildsTheTreeAndUsers() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let units = try await app.call(.get, "/api/v1/org-units", token: org.admin)
            #expect(units.status == .ok)
            #expect(units["total"] as? Int == 3)
            let site = try await app.createUnit(org.admin, code: "SITE-1", name: "张北风电场", kind: "site", parentId: org.cs)
            let siteUnit = try await app.call(.get, "/api/v1/org-units/\(site)", token: org.admin)
            #expect(siteUnit.string("kind") == "site")
            #expect(siteUnit.string("parentId") == org.cs)
            let me = try await app.call(.get, "/api/v1/auth/me", token: org.agent.token)
            #expect(me["roles"] as? [String] == ["cs_agent"])
            // The audit trail records who made the user, and only head-office administrators read it.
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=user&entityId=\(org.agent.id)", token: org.admin)
            let create = audit.items.first { $0["action"] as? String == "user.create" }
            #expect(create?["actorId"] as? String != nil)
            #expect((create?["detail"] as? [String: Any])?["username"] as? String == "agent")
            #expect(try await app.call(.get, "/api/v1/audit-log?entity=user&entityId=\(org.agent.id)", token: org.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/audit-log", token: org.admin).status == .unprocessableContent)
        }
    }

    @Test func onlyAdminsManageUsersAndOnlyInTheirScope() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let byAgent = try await app.call(.post, "/api/v1/users", token: org.agent.token,
                                             json: ["username": "x1", "password": "password-1", "displayName": "X", "orgUnitId": org.cs, "roles": ["cs_agent"]])
            #expect(byAgent.status == .forbidden)
            #expect(byAgent.errorCode == "forbidden")
            // A customer cannot create users either.
            let customerUser = try await app.createUser(org.admin, "cust", roles: ["customer"], unitId: org.root)
            let byCustomer = try await app.call(.post, "/api/v1/users", token: customerUser.token,
                                                json: ["username": "x2", "password": "password-1", "displayName": "X", "orgUnitId": org.cs, "roles": ["admin"]])
            #expect(byCustomer.status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/org-units", token: customerUser.token).status == .forbidden)
            // An administrator of 客服部 cannot act in 品管部, a sibling unit.
            let csAdmin = try await app.createUser(org.admin, "csadmin", roles: ["admin"], unitId: org.cs)
            let outside = try await app.call(.post, "/api/v1/users", token: csAdmin.token,
                                             json: ["username": "x3", "password": "password-1", "displayName": "X", "orgUnitId": org.qa, "roles": ["qa"]])
            #expect(outside.status == .forbidden)
            let inside = try await app.call(.post, "/api/v1/users", token: csAdmin.token,
                                            json: ["username": "x4", "password": "password-1", "displayName": "X", "orgUnitId": org.cs, "roles": ["cs_agent"]])
            #expect(inside.status == .created)
            #expect(try await app.call(.post, "/api/v1/org-units", token: csAdmin.token,
                                       json: ["code": "NEW", "name": "新部门", "kind": "department", "parentId": org.qa]).status == .forbidden)
        }
    }

    @Test func validationAndConflicts() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let dup = try await app.call(.post, "/api/v1/users", token: org.admin,
                                         json: ["username": "agent", "password": "password-1", "displayName": "X", "orgUnitId": org.cs, "roles": ["cs_agent"]])
            #expect(dup.status == .conflict)
            #expect(dup.errorCode == "username_taken")
            let weak = try await app.call(.post, "/api/v1/users", token: org.admin,
                                          json: ["username": "new1", "password": "short", "displayName": "X", "orgUnitId": org.cs, "roles": ["cs_agent"]])
            #expect(weak.status == .unprocessableContent)
            #expect((weak["error"] as? [String: Any])?["field"] as? String == "password")
            let badRole = try await app.call(.post, "/api/v1/users", token: org.admin,
                                             json: ["username": "new2", "password": "password-1", "displayName": "X", "orgUnitId": org.cs, "roles": ["boss"]])
            #expect(badRole.status == .unprocessableContent)
            let badKind = try await app.call(.post, "/api/v1/org-units", token: org.admin,
                                             json: ["code": "K1", "name": "名", "kind": "team", "parentId": org.root])
            #expect(badKind.status == .unprocessableContent)
            let dupCode = try await app.call(.post, "/api/v1/org-units", token: org.admin,
                                             json: ["code": "CS", "name": "名", "kind": "department", "parentId": org.root])
            #expect(dupCode.status == .conflict)
            let notJSON = try await app.call(.post, "/api/v1/users", token: org.admin, raw: "{not json")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.errorCode == "invalid_json")
            let wrongType = try await app.call(.post, "/api/v1/users", token: org.admin, raw: "{\"username\": 5}")
            #expect(wrongType.status == .unprocessableContent)
        }
    }

    @Test func usersChangeTheirOwnLanguageButNothingElse() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let lang = try await app.call(.patch, "/api/v1/users/\(org.agent.id)", token: org.agent.token, json: ["locale": "en"])
            #expect(lang.status == .ok)
            #expect(lang.string("locale") == "en")
            let roles = try await app.call(.patch, "/api/v1/users/\(org.agent.id)", token: org.agent.token, json: ["roles": ["admin"]])
            #expect(roles.status == .forbidden)
            // Errors now come in English for this user.
            let err = try await app.call(.post, "/api/v1/tickets", token: org.agent.token, json: ["subject": ""])
            #expect(err.errorMessage == "The subject is required")
        }
    }
}
