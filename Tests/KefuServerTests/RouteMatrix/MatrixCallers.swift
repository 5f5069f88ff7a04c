import Foundation
import KefuDomain
import Testing

/// The callers of the route matrix (#10 "Also"): every staff role in the head office, in the record unit 客服部 and in
/// a sibling unit outside it, the customer the matrix's tickets are about, and an anonymous caller.
struct MatrixCaller: Sendable {
    enum Place: String, Sendable { case headOffice = "root", recordUnit = "cs", outside = "other" }
    let name: String
    let roles: Set<Role>
    let path: String
    let place: Place?
    let username: String?
    let token: String?

    var isCustomer: Bool { Role.isCustomerOnly(roles) }
    var password: String? { username.map { "password-\($0)" } }

    static func roster(_ app: TestApp, _ org: MatrixOrg) async throws -> [MatrixCaller] {
        var callers = [MatrixCaller(name: "anonymous", roles: [], path: org.rootPath, place: nil, username: nil, token: nil)]
        for (place, unit, path) in [(Place.headOffice, org.root, org.rootPath), (.recordUnit, org.cs, org.csPath), (.outside, org.other, org.otherPath)] {
            for role in Role.allCases where role != .customer {
                let username = "mx\(place.rawValue)" + role.rawValue.replacingOccurrences(of: "_", with: "")
                let user = try await app.createUser(org.admin, username, roles: [role.rawValue], unitId: unit)
                callers.append(MatrixCaller(name: "\(role.rawValue)@\(place.rawValue)", roles: [role], path: path, place: place, username: username, token: user.token))
            }
        }
        let customer = try await app.createUser(org.admin, "mxcustomer", roles: ["customer"], unitId: org.cs, customerId: org.customerId)
        callers.append(MatrixCaller(name: "customer", roles: [.customer], path: org.csPath, place: .recordUnit, username: "mxcustomer", token: customer.token))
        return callers
    }
}

/// The organisation of the matrix: the head office, the record unit 客服部 and a sibling 华东分公司 (both business
/// departments, so that a transfer between two warehouses of 客服部 stays inside one department), the fixture's own
/// actors (never callers, so that no caller owns or is assigned a probed record) and the customer the records are about.
struct MatrixOrg: Sendable {
    let admin: String
    let root: String, cs: String, other: String
    let rootPath: String, csPath: String, otherPath: String
    /// 客服部's agent: owns the matrix's tickets and registers its after-sales records.
    let agent: (id: String, token: String)
    /// 客服部's agent whose token, notification and user record are probed ("someone else's").
    let colleague: (id: String, token: String)
    /// 客服部's supervisor: receives the escalation notification.
    let supervisor: (id: String, token: String)
    /// 品管部 (company-wide): analyses the matrix's complaints.
    let quality: (id: String, token: String)
    /// 业务管理部 materials office: keeps the master data and the matrix's documents.
    let materials: (id: String, token: String)
    let customerId: String

    static func make(_ app: TestApp) async throws -> MatrixOrg {
        let admin = try await app.adminToken()
        let root = try await app.rootUnitId(admin)
        let cs = try await app.createUnit(admin, code: "CS", name: "客服部", kind: "business", parentId: root)
        let other = try await app.createUnit(admin, code: "EAST", name: "华东分公司", kind: "business", parentId: root)
        let agent = try await app.createUser(admin, "fxagent", roles: ["cs_agent"], unitId: cs)
        let customer = try await app.call(.post, "/api/v1/customers", token: agent.token, json: ["name": "陈", "phone": "13911112222"])
        #expect(customer.status == .created, "customer: \(customer.text)")
        return MatrixOrg(
            admin: admin, root: root, cs: cs, other: other,
            rootPath: "/\(root)/", csPath: "/\(root)/\(cs)/", otherPath: "/\(root)/\(other)/",
            agent: agent,
            colleague: try await app.createUser(admin, "fxcolleague", roles: ["cs_agent"], unitId: cs),
            supervisor: try await app.createUser(admin, "fxsupervisor", roles: ["cs_supervisor"], unitId: cs),
            quality: try await app.createUser(admin, "fxquality", roles: ["qa"], unitId: root),
            materials: try await app.createUser(admin, "fxmaterials", roles: ["mgmt_materials"], unitId: root),
            customerId: customer.string("id")!)
    }
}
