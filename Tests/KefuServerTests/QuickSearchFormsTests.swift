import Foundation
import Testing

/// #11.1 (pgperf): a provider that looks a query up in several forms (an item's code and name, a user's username and
/// display name, a serial number on repairs and on returns) asks them in one statement; the hits keep the order the
/// separate statements gave: the first form's hits first, each form in its own order, repairs before returns.
@Suite("Quick search: several forms in one statement keep their order (#11.1, pgperf)")
struct QuickSearchFormsTests {
    @Test func itemsByCodeFirstThenByName() async throws {
        try await TestApp.run { app in
            let m = try await MaterialsFixture.make(app)
            func item(_ code: String, _ name: String) async throws -> String {
                let r = try await app.call(.post, "/api/v1/items", token: m.hqMaterials, json: ["code": code, "name": name, "unit": "个", "category": "consumable", "repairClass": "I"])
                #expect(r.status == .created, "item \(code): \(r.text)")
                return r.string("id")!
            }
            let washer = try await item("WASH-01", "BOLT垫圈")
            let bolt12 = try await item("BOLT-M12", "螺栓M12")
            let items = try await QuickSearchTests.search(app, m.accA, "BOLT", kinds: "item")
            #expect(QuickSearchTests.found(items, "item") == [m.bolt, bolt12, washer])
            #expect(items.map { $0["number"] as? String } == ["BOLT-M10", "BOLT-M12", "WASH-01"])
            // A name alone (not code-shaped) and a code alone still find theirs.
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, m.accA, "螺栓", kinds: "item"), "item") == [m.bolt, bolt12])
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, m.accA, "wash", kinds: "item"), "item") == [washer])
        }
    }

    @Test func usersByUsernameFirstThenByDisplayName() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let first = try await app.createUser(org.admin, "ab1", roles: ["cs_agent"], unitId: org.root)
            let named = try await app.call(.post, "/api/v1/users", token: org.admin, json: [
                "username": "zz9", "password": "password-zz9", "displayName": "ab 组长", "orgUnitId": org.root, "roles": ["cs_agent"], "locale": "zh-CN"])
            #expect(named.status == .created, "\(named.text)")
            let items = try await QuickSearchTests.search(app, org.agent.token, "ab", kinds: "user")
            #expect(QuickSearchTests.found(items, "user") == [first.id, named.string("id")!])
            #expect(items.map { $0["number"] as? String } == ["ab1", "zz9"])
        }
    }

    @Test func aSerialNumberFindsRepairsAndReturnsInOneAnswer() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let repair = try await app.expect(.created, .post, "/api/v1/repair-orders", o.agent.token, [
                "customer": ["name": "金风某风电场"], "model": "变桨控制器 PC-300", "units": [["serialNumber": "SN-4242", "defect": "上电无显示"]]])
            let ret = try await app.expect(.created, .post, "/api/v1/returns", o.agent.token, [
                "kind": "return", "model": "SL1500 变频器", "serialNumber": "SN-4242", "shippedAt": "2026-10-01", "reason": "过热停机", "qualityIssue": true])
            let items = try await QuickSearchTests.search(app, o.agent.token, "sn-4242")
            #expect(QuickSearchTests.found(items, "repair") == [repair.string("id")!])
            #expect(QuickSearchTests.found(items, "return") == [ret.string("id")!])
            let kinds = items.compactMap { $0["kind"] as? String }.filter { ["repair", "return"].contains($0) }
            #expect(kinds == ["repair", "return"])
            // The number form and the serial form of returns in the same statement: the number finds it too.
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, o.agent.token, ret.string("number")!), "return") == [ret.string("id")!])
        }
    }
}
