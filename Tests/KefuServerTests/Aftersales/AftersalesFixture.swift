import Foundation
import Hummingbird
import KefuPlatform
import Testing

/// OrgFixture plus the after-sales actors: repair group, production (a responsible department), the management
/// representative, sales and finance.
struct AftersalesFixture: Sendable {
    let org: OrgFixture
    let production: String
    let engineer: (id: String, token: String)
    let producer: (id: String, token: String)
    let manager: (id: String, token: String)
    let sales: (id: String, token: String)
    let salesManager: (id: String, token: String)
    let finance: (id: String, token: String)

    static func make(_ app: TestApp) async throws -> AftersalesFixture {
        let org = try await OrgFixture.make(app)
        let production = try await app.createUnit(org.admin, code: "PROD", name: "生产管理部", parentId: org.root)
        let salesUnit = try await app.createUnit(org.admin, code: "SALES", name: "销售部", parentId: org.root)
        return AftersalesFixture(
            org: org, production: production,
            engineer: try await app.createUser(org.admin, "repairer", roles: ["engineer"], unitId: org.cs),
            producer: try await app.createUser(org.admin, "producer", roles: ["production"], unitId: production),
            manager: try await app.createUser(org.admin, "csmanager", roles: ["cs_manager"], unitId: org.cs),
            sales: try await app.createUser(org.admin, "salesrep", roles: ["sales"], unitId: salesUnit),
            salesManager: try await app.createUser(org.admin, "salesmgr", roles: ["sales_manager"], unitId: salesUnit),
            finance: try await app.createUser(org.admin, "finance1", roles: ["finance"], unitId: org.root)
        )
    }
}

extension TestApp {
    /// POST and expect a status; returns the reply.
    @discardableResult
    func expect(_ status: HTTPResponse.Status, _ method: HTTPRequest.Method = .post, _ path: String, _ token: String?, _ body: Any? = nil,
                code: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        let r = try await call(method, path, token: token, json: body ?? (method == .get ? nil : [String: Any]()))
        #expect(r.status == status, "\(method) \(path): \(r.text.prefix(300))", sourceLocation: sourceLocation)
        if let code { #expect(r.errorCode == code, "\(path): \(r.text.prefix(300))", sourceLocation: sourceLocation) }
        return r
    }
}
