import Foundation
import KefuDomain
import Testing

/// #10.2, #10.20: the unit-scoped lists never show another unit's records to a user outside it (the list side of the
/// route matrix, RouteMatrixTests).
@Suite("Unit-scoped lists (#10)")
struct UnitListScopeTests {
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
