import Foundation
import Testing

/// #10.3: an administrator of one unit acts inside its subtree only; #10.20: warehouse history stays in scope.
@Suite("Unit administrators stay in their unit (#10.3, #10.20)")
struct UnitAdminScopeTests {
    @Test func materialsOfOtherUnitsAreOutOfReach() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let adminB = try await app.createUser(f.admin, "adminb", roles: ["admin"], unitId: f.deptB).token
            let line = [f.line(f.bolt, 5)]
            // Another unit's warehouse: no receipt, no audit, no history.
            let receipt = try await f.document(app, adminB, direction: "in", reason: "purchase", warehouse: f.AG, lines: line, extra: ["supplierId": f.supplier])
            #expect(receipt.status == .forbidden, "\(receipt.text)")
            let own = try await f.document(app, f.accA, direction: "in", reason: "purchase", warehouse: f.AG, lines: line, extra: ["supplierId": f.supplier])
            let ownId = own.string("id") ?? ""
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(ownId)/audit", token: adminB).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/warehouses/\(f.AG)/history", token: adminB).status == .notFound)
            #expect(try await app.call(.get, "/api/v1/warehouses/\(f.AG)/history", token: f.keeperA2).status == .notFound)
            #expect(try await app.call(.get, "/api/v1/warehouses/\(f.AG)/history", token: f.accA).status == .ok)
            // Warehouses are the head office's master data: a unit administrator adds none, in any unit.
            for unit in [f.deptA, f.deptB] {
                let w = try await app.call(.post, "/api/v1/warehouses", token: adminB, json: ["code": "X" + unit.prefix(4), "name": "越权仓库", "orgUnitId": unit, "condition": "good"])
                #expect(w.status == .forbidden, "\(w.text)")
            }
            // Inside its own unit the administrator still works.
            let inside = try await f.document(app, adminB, direction: "in", reason: "purchase", warehouse: f.B1G, lines: line, extra: ["supplierId": f.supplier])
            #expect(inside.status == .created, "\(inside.text)")
            #expect(try await app.call(.post, "/api/v1/stock-documents/\(inside.string("id") ?? "")/audit", token: adminB).status == .ok)
        }
    }

    @Test func customersAndCustomerAccountsOfOtherUnitsAreOutOfReach() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "U2", name: "华东分公司", parentId: org.root)
            let admin2 = try await app.createUser(org.admin, "admin2", roles: ["admin"], unitId: other)
            let ticket = try await app.createTicket(org.agent.token, subject: "报修", extra: ["customer": ["name": "陈先生", "phone": "13612345678"]])
            let customerId = (ticket["customer"] as? [String: Any])?["id"] as? String ?? ""
            let account = try await app.call(.post, "/api/v1/users", token: admin2.token, json: [
                "username": "chen2", "password": "password-chen2", "displayName": "陈", "orgUnitId": other, "roles": ["customer"], "customerId": customerId])
            #expect(account.status == .notFound, "\(account.text)")
            #expect(try await app.call(.patch, "/api/v1/customers/\(customerId)", token: admin2.token, json: ["name": "改名"]).status == .notFound)
            // Webhooks: only for its own unit and below.
            #expect(try await app.call(.put, "/api/v1/org-units/\(org.cs)/webhook", token: admin2.token, json: ["url": "https://hooks.example.com/x"]).status == .forbidden)
            // The head office's administrator links the account.
            let linked = try await app.call(.post, "/api/v1/users", token: org.admin, json: [
                "username": "chen", "password": "password-chen", "displayName": "陈", "orgUnitId": org.cs, "roles": ["customer"], "customerId": customerId])
            #expect(linked.status == .created, "\(linked.text)")
        }
    }
}
