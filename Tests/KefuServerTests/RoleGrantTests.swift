import Foundation
import Testing

/// #10.3: a unit administrator cannot escape its unit through a user it creates or manages — roles that act beyond a
/// unit (`RoleGrants.companyWide`: the head-office materials roles, QA, sales, finance) are given, and their holders'
/// accounts managed, by head-office administrators only.
@Suite("Role grants of unit administrators (#10.3)")
struct RoleGrantTests {
    @Test func aUnitAdministratorGivesNoCompanyWideRoleNorManagesItsHolders() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let csAdmin = try await app.createUser(org.admin, "csadmin", roles: ["admin"], unitId: org.cs)
            func create(_ token: String, _ username: String, _ roles: [String]) async throws -> TestApp.Reply {
                try await app.call(.post, "/api/v1/users", token: token, json: ["username": username, "password": "a long passphrase 2026",
                                                                                 "displayName": "X", "orgUnitId": org.cs, "roles": roles])
            }
            for role in ["mgmt_materials", "mgmt_planner", "qa", "sales", "sales_manager", "finance"] {
                let r = try await create(csAdmin.token, "x" + role.replacingOccurrences(of: "_", with: ""), [role])
                #expect(r.status == .forbidden, "unit admin gives \(role): \(r.text)")
            }
            #expect(try await create(csAdmin.token, "xagent", ["cs_agent", "site_keeper"]).status == .created)
            // A head-office administrator places a QA inspector in 客服部; the unit's administrator cannot take the account over.
            let inspector = try await create(org.admin, "xqa", ["qa"])
            #expect(inspector.status == .created)
            let qaId = inspector.string("id")!
            let reset = try await app.call(.patch, "/api/v1/users/\(qaId)", token: csAdmin.token, json: ["password": "another passphrase 2026"])
            #expect(reset.status == .forbidden, "\(reset.text)")
            #expect(try await app.token("xqa", "a long passphrase 2026").isEmpty == false)
            let promote = try await app.call(.patch, "/api/v1/users/\(org.agent.id)", token: csAdmin.token, json: ["roles": ["cs_agent", "finance"]])
            #expect(promote.status == .forbidden, "\(promote.text)")
            let selfPromote = try await app.call(.patch, "/api/v1/users/\(csAdmin.id)", token: csAdmin.token, json: ["roles": ["admin", "mgmt_materials"]])
            #expect(selfPromote.status == .forbidden, "\(selfPromote.text)")
            // Inside its unit the administrator still manages ordinary staff.
            #expect(try await app.call(.patch, "/api/v1/users/\(org.agent.id)", token: csAdmin.token, json: ["displayName": "张三"]).status == .ok)
            #expect(try await app.call(.patch, "/api/v1/users/\(org.agent.id)", token: csAdmin.token, json: ["roles": ["cs_supervisor"]]).status == .ok)
            #expect(try await app.call(.patch, "/api/v1/users/\(qaId)", token: org.admin, json: ["displayName": "质检员"]).status == .ok)
        }
    }
}
