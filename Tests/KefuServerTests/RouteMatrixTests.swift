import Foundation
import KefuApp
import KefuDomain
import Testing

/// #10 "Also": the route × role × unit matrix, generated from the route table. Every API route must be listed in
/// KefuDomain's `ApiAccess.routes`; every list route is called by every role in the head office and in a unit, and by
/// a customer and an anonymous caller, and must allow or refuse (403/401) as the table says; the unit-scoped lists
/// never show another unit's records to a user outside it.
@Suite("Route × role × unit matrix (#10)")
struct RouteMatrixTests {
    static let probeQuery: [String: String] = ["/api/v1/audit-log": "?entity=ticket&entityId=x"]

    @Test func everyRouteIsListedAndEveryListAnswersAsTheTableSays() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let built = KefuServer.buildRouter(store: app.store)
            let served = Set(built.routes.docs.map { "\($0.method.rawValue) \($0.path)" })
            for route in served.sorted() { #expect(ApiAccess.routes[route] != nil, "\(route) is not in ApiAccess.routes") }
            for route in ApiAccess.routes.keys.sorted() { #expect(served.contains(route), "\(route) is listed but not served") }

            let paths = ["/" + org.root + "/", "/" + org.root + "/" + org.cs + "/"]
            var callers: [(name: String, roles: Set<Role>, path: String, token: String?)] = [("anonymous", [], paths[0], nil)]
            for (u, unit) in [org.root, org.cs].enumerated() {
                for role in Role.allCases where role != .customer {
                    let user = try await app.createUser(org.admin, "m\(u)" + role.rawValue.replacingOccurrences(of: "_", with: ""), roles: [role.rawValue], unitId: unit)
                    callers.append(("\(role.rawValue)@\(u == 0 ? "root" : "cs")", [role], paths[u], user.token))
                }
            }
            let customerId = try await app.call(.post, "/api/v1/customers", token: org.agent.token, json: ["name": "陈", "phone": "13911112222"]).string("id")!
            let customer = try await app.createUser(org.admin, "mcustomer", roles: ["customer"], unitId: org.cs, customerId: customerId)
            callers.append(("customer", [.customer], paths[1], customer.token))

            for doc in built.routes.docs where doc.method == .get && !doc.path.contains("{") {
                guard let audience = ApiAccess.routes["GET \(doc.path)"] else { continue }
                for caller in callers {
                    let r = try await app.call(.get, doc.path + (Self.probeQuery[doc.path] ?? ""), token: caller.token)
                    let refused = r.status == .forbidden || r.status == .unauthorized
                    let allowed = audience.allows(caller.roles, userPath: caller.path)
                    #expect(refused != allowed, "GET \(doc.path) as \(caller.name): \(r.status.code), table says \(allowed ? "allow" : "deny")")
                    #expect(r.status.code < 500, "GET \(doc.path) as \(caller.name): \(r.status.code)")
                }
            }
        }
    }

    /// Records of 客服部 stay out of every list of a user of another unit, whatever the role — except where the domain
    /// says the role serves every unit (`AftersalesScope.companyWideRoles`).
    @Test func listsOfOneUnitNeverShowAnotherUnitsRecords() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "U2", name: "华东分公司", parentId: org.root)
            let ticket = try await app.createTicket(org.agent.token, subject: "风机偏航", extra: ["type": "complaint", "customer": ["name": "陈", "phone": "13911112222"]]).string("id")!
            let repair = try await app.call(.post, "/api/v1/repair-orders", token: org.agent.token, json: ["customer": ["name": "陈"], "model": "M1", "defect": "坏"]).string("id")!
            let ret = try await app.call(.post, "/api/v1/returns", token: org.agent.token,
                                         json: ["kind": "return", "model": "M2", "shippedAt": "2026-01-01", "reason": "过热", "qualityIssue": true]).string("id")!
            let complaint = try await app.call(.get, "/api/v1/complaints", token: org.agent.token).items.first?["id"] as? String ?? ""
            let otherPath = "/" + org.root + "/" + other + "/"
            for role in Role.allCases where role != .customer {
                let user = try await app.createUser(org.admin, "o" + role.rawValue.replacingOccurrences(of: "_", with: ""), roles: [role.rawValue], unitId: other)
                let everyUnit = AftersalesScope.coversEveryUnit(roles: [role], userPath: otherPath)
                for (path, id, afterSales) in [("/api/v1/tickets", ticket, false), ("/api/v1/repair-orders", repair, true),
                                               ("/api/v1/returns", ret, true), ("/api/v1/complaints", complaint, true)] {
                    let r = try await app.call(.get, path + "?per=100", token: user.token)
                    let ids = r.items.compactMap { $0["id"] as? String }
                    #expect(ids.contains(id) == (afterSales && everyUnit && r.status == .ok), "\(path) as \(role.rawValue) of another unit: \(ids)")
                }
                let direct = try await app.call(.get, "/api/v1/repair-orders/\(repair)", token: user.token)
                #expect(direct.status == (everyUnit ? .ok : (AftersalesPermission.granted(.view, to: [role]) ? .notFound : .forbidden)), "repair order as \(role.rawValue)")
            }
        }
    }
}
