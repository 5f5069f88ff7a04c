/// The units a queue's scope is tested over, beside `OrgFixture`'s: a site under 客服部 (CS) and a second service unit
/// beside it under the root, each with an agent.
struct QueueUnits: Sendable {
    let site: String
    let other: String
    let siteAgent: (id: String, token: String)
    let otherAgent: (id: String, token: String)

    static func make(_ app: TestApp, _ org: OrgFixture) async throws -> QueueUnits {
        let site = try await app.createUnit(org.admin, code: "CS-S", name: "客服部现场组", parentId: org.cs)
        let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
        return QueueUnits(site: site, other: other,
                          siteAgent: try await app.createUser(org.admin, "siteagent", roles: ["cs_agent"], unitId: site),
                          otherAgent: try await app.createUser(org.admin, "otheragent", roles: ["cs_agent"], unitId: other))
    }
}
