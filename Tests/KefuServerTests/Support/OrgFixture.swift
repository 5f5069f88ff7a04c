/// A small organisation most tests start from:
/// root(admin) ─┬─ 客服部 CS (agent, colleague, supervisor)
///              └─ 品管部 QA (qa)
struct OrgFixture: Sendable {
    let admin: String
    let root: String
    let cs: String
    let qa: String
    let agent: (id: String, token: String)
    let colleague: (id: String, token: String)
    let supervisor: (id: String, token: String)
    let qaUser: (id: String, token: String)

    static func make(_ app: TestApp) async throws -> OrgFixture {
        let admin = try await app.adminToken()
        let root = try await app.rootUnitId(admin)
        let cs = try await app.createUnit(admin, code: "CS", name: "客服部", parentId: root)
        let qa = try await app.createUnit(admin, code: "QA", name: "品管部", parentId: root)
        return OrgFixture(
            admin: admin, root: root, cs: cs, qa: qa,
            agent: try await app.createUser(admin, "agent", roles: ["cs_agent"], unitId: cs),
            colleague: try await app.createUser(admin, "colleague", roles: ["cs_agent"], unitId: cs),
            supervisor: try await app.createUser(admin, "supervisor", roles: ["cs_supervisor"], unitId: cs),
            qaUser: try await app.createUser(admin, "qauser", roles: ["qa"], unitId: qa)
        )
    }
}
