import Foundation
import Hummingbird
import KefuApp
import KefuDomain
import KefuPlatform
import Testing

/// #14 item 6: features switched on per org unit over HTTP — set and read (`GET/PUT /api/v1/org-units/{id}/features`),
/// inheritance, administrators only in their scope, the menu hiding a switched-off feature's pages, and the register
/// features refusing a new record in a unit where they are off (403 `feature_off`).
@Suite("Feature switches per org unit (#14 item 6)")
struct FeatureSwitchTests {
    static func features(_ app: TestApp, _ token: String, _ unit: String) async throws -> TestApp.Reply {
        try await app.call(.get, "/api/v1/org-units/\(unit)/features", token: token)
    }

    static func put(_ app: TestApp, _ token: String, _ unit: String, _ body: [String: Any]) async throws -> TestApp.Reply {
        try await app.call(.put, "/api/v1/org-units/\(unit)/features", token: token, json: body)
    }

    /// feature id → (on, source)
    static func switches(_ r: TestApp.Reply) -> [String: (on: Bool, source: String)] {
        var out: [String: (on: Bool, source: String)] = [:]
        for f in (r["features"] as? [[String: Any]]) ?? [] {
            out[f["id"] as? String ?? ""] = (f["on"] as? Bool ?? false, f["source"] as? String ?? "")
        }
        return out
    }

    @Test func anAdministratorSetsAUnitsFeaturesAndUnitsBelowInheritThem() async throws {
        try await TestApp.run { app in
            let f = try await OrgFixture.make(app)
            let estate = try await app.createUnit(f.admin, code: "CS-E", name: "小区服务中心", kind: "site", parentId: f.cs)
            let fresh = try await Self.features(app, f.admin, f.cs)
            #expect(fresh.status == .ok && fresh["ownSetting"] as? Bool == false, "\(fresh.text)")
            #expect(Self.switches(fresh).values.allSatisfy { $0.on && $0.source == "default" } && Self.switches(fresh).count == KefuFeature.allCases.count)

            let set = try await Self.put(app, f.admin, f.cs, ["enabled": ["property", "service_desk"]])
            #expect(set.status == .ok && set["ownSetting"] as? Bool == true, "\(set.text)")
            let cs = Self.switches(set)
            #expect(cs["property"]?.on == true && cs["property"]?.source == "own")
            #expect(cs["materials"]?.on == false && cs["materials"]?.source == "own")

            let below = Self.switches(try await Self.features(app, f.admin, estate))
            #expect(below["property"]?.on == true && below["property"]?.source == "inherited")
            #expect(below["scenic"]?.on == false && below["scenic"]?.source == "inherited")
            let sibling = Self.switches(try await Self.features(app, f.admin, f.qa))
            #expect(sibling["scenic"]?.on == true && sibling["scenic"]?.source == "default", "a sibling is not affected")

            // The unit below sets its own; then goes back to following the unit above.
            let own = Self.switches(try await Self.put(app, f.admin, estate, ["enabled": ["scenic"]]))
            #expect(own["scenic"]?.on == true && own["property"]?.on == false && own["scenic"]?.source == "own")
            let back = try await Self.put(app, f.admin, estate, ["inherit": true])
            #expect(back["ownSetting"] as? Bool == false && Self.switches(back)["property"]?.source == "inherited", "\(back.text)")

            // Refusals: an unknown feature, no choice at all, an unknown unit.
            let unknown = try await Self.put(app, f.admin, f.cs, ["enabled": ["teleport"]])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("teleport"), "\(unknown.text)")
            #expect(try await Self.put(app, f.admin, f.cs, [:]).status == .unprocessableContent)
            #expect(try await Self.put(app, f.admin, "no-such-unit", ["inherit": true]).status == .notFound)

            // Every change is in the audit trail.
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=org_unit&entityId=\(f.cs)", token: f.admin)
            #expect(audit.items.contains { $0["action"] as? String == "org_unit.features" }, "\(audit.text)")
        }
    }

    @Test func onlyAnAdministratorInScopeReadsOrSwitchesFeatures() async throws {
        try await TestApp.run { app in
            let f = try await OrgFixture.make(app)
            let qaAdmin = try await app.createUser(f.admin, "qaadmin", roles: ["admin"], unitId: f.qa)
            for token in [f.agent.token, f.supervisor.token, f.qaUser.token] {
                let put = try await Self.put(app, token, f.cs, ["enabled": ["people"]])
                #expect(put.status == .forbidden, "\(put.text)")
                #expect(try await Self.features(app, token, f.cs).status == .forbidden)
            }
            let outside = try await Self.put(app, qaAdmin.token, f.cs, ["enabled": ["people"]])
            #expect(outside.status == .forbidden, "an administrator of another unit: \(outside.text)")
            #expect(try await Self.put(app, qaAdmin.token, f.qa, ["enabled": ["people"]]).status == .ok, "in their own unit")
            #expect(Self.switches(try await Self.features(app, f.admin, f.cs))["materials"]?.on == true, "nothing changed by the refusals")
        }
    }

    @Test func aRegisterFeatureSwitchedOffRefusesNewRecordsInTheUnitAndBelow() async throws {
        try await TestApp.run { app in
            let f = try await OrgFixture.make(app)
            let office = try await app.createUnit(f.admin, code: "CS-B", name: "一号楼服务点", kind: "site", parentId: f.cs)
            let propertyAdmin = try await app.createUser(f.admin, "wyadmin", roles: ["property_admin"], unitId: f.cs)
            let desk = try await app.createUser(f.admin, "desk", roles: ["front_desk"], unitId: f.cs)
            let scenicStaff = try await app.createUser(f.admin, "jqstaff", roles: ["scenic_ops"], unitId: f.cs)
            func creates(_ unit: String, _ n: Int) async throws -> [(String, TestApp.Reply)] {
                [("property", try await app.call(.post, "/api/v1/property/estates", token: propertyAdmin.token, json: ["name": "翠湖花园\(n)", "orgUnitId": unit])),
                 ("scenic", try await app.call(.post, "/api/v1/scenic/items", token: scenicStaff.token, json: ["code": "LY-\(n)", "kind": "wheelchair", "orgUnitId": unit])),
                 ("front desk", try await app.call(.post, "/api/v1/front-desk/records", token: desk.token, json: [
                     "register": "lost_property", "orgUnitId": unit, "personName": "保洁 张", "personPhone": "13800001111", "summary": "黑色钱包",
                     "foundOn": Times.day(Date()).iso, "foundAt": "一楼中庭", "storagePlace": "服务台保险柜", "noticeDepartment": "保安部"])),
                 ("work order", try await app.call(.post, "/api/v1/work-orders", token: f.agent.token, json: [
                     "kind": "household", "location": "3 栋 201", "description": "厨房水管漏水", "requesterName": "王芳", "requesterPhone": "13900001111", "orgUnitId": unit]))]
            }
            for (what, r) in try await creates(f.cs, 1) { #expect(r.status == .created, "\(what) while on: \(r.text)") }

            #expect(try await Self.put(app, f.admin, f.cs, ["enabled": ["service_desk"]]).status == .ok)
            for unit in [f.cs, office] {
                for (what, r) in try await creates(unit, 2) {
                    #expect(r.status == .forbidden && r.errorCode == "feature_off", "\(what) while off: \(r.text)")
                    #expect(r.errorMessage?.contains("未开通") == true, "\(what): a zh-CN message: \(r.text)")
                }
            }
            // The unit below switches them on for itself.
            #expect(try await Self.put(app, f.admin, office, ["enabled": KefuFeature.allCases.map(\.rawValue)]).status == .ok)
            for (what, r) in try await creates(office, 3) { #expect(r.status == .created, "\(what) on below: \(r.text)") }
        }
    }

    static func navIds(_ html: String) -> [String] {
        html.components(separatedBy: "id=\"nav-").dropFirst().map { "nav-" + $0.prefix { $0 != "\"" } }.filter { !$0.hasPrefix("nav-area") && $0 != "nav-toggle" }
    }

    @Test func theMenuShowsOnlyTheFeaturesOnInTheUsersUnitsButAdministratorsSeeAll() async throws {
        try await TestApp.run { app in
            let f = try await OrgFixture.make(app)
            let offIds = ["nav-complaints", "nav-work-orders", "nav-people-my-shifts"]
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            let before = try await agent.get("/").text
            #expect(before.contains("id=\"nav-tickets\""))
            let shown = offIds.filter { before.contains("id=\"\($0)\"") }
            #expect(!shown.isEmpty, "the agent sees some of \(offIds) while every feature is on")

            #expect(try await Self.put(app, f.admin, f.cs, ["enabled": ["service_desk"]]).status == .ok)
            let after = try await agent.get("/tickets").text
            #expect(after.contains("id=\"nav-tickets\""), "the service desk stays")
            for id in shown { #expect(!after.contains("id=\"\(id)\""), "\(id) is hidden when its feature is off") }

            // A unit below with a feature on brings it back to the menu of the unit's users above it.
            let below = try await app.createUnit(f.admin, code: "CS-W", name: "维修组", parentId: f.cs)
            #expect(try await Self.put(app, f.admin, below, ["enabled": ["work_orders"]]).status == .ok)
            let reach = try await agent.get("/tickets").text
            if shown.contains("nav-work-orders") { #expect(reach.contains("id=\"nav-work-orders\""), "on in a unit below the agent's") }
            #expect(!reach.contains("id=\"nav-complaints\""))

            // The administrator sees every page even with everything off at the head office.
            let admin = PageSession(app)
            _ = try await admin.signIn("admin", TestApp.adminPassword)
            let adminBefore = Self.navIds(try await admin.get("/admin/units").text)
            #expect(try await Self.put(app, f.admin, f.root, ["enabled": [String]()]).status == .ok)
            #expect(Self.navIds(try await admin.get("/admin/units").text) == adminBefore)
            #expect(adminBefore.contains("nav-tickets") && adminBefore.contains("nav-admin-units"))
        }
    }

    @Test func theUnitPageSwitchesFeaturesWithCheckboxes() async throws {
        try await TestApp.run { app in
            let f = try await OrgFixture.make(app)
            let admin = PageSession(app)
            _ = try await admin.signIn("admin", TestApp.adminPassword)
            let page = try await admin.get("/admin/units/\(f.cs)")
            #expect(page.status == .ok && page.text.contains("id=\"unit-features-form\""), "\(page.status)")
            #expect(page.text.contains("功能开关") && page.text.contains("id=\"feature-property\""))
            let csrf = try #require(PageSession.csrf(in: page.text))
            let saved = try await admin.post("/admin/units/\(f.cs)/features", form: ["_csrf": csrf, "feature_property": "1", "feature_service_desk": "1"],
                                             from: "/admin/units/\(f.cs)")
            #expect(saved.status == .seeOther, "\(saved.status) \(saved.text)")
            let cs = Self.switches(try await Self.features(app, f.admin, f.cs))
            #expect(cs["property"]?.on == true && cs["service_desk"]?.on == true && cs["materials"]?.on == false)
            let again = try await admin.get("/admin/units/\(f.cs)").text
            #expect(again.contains("id=\"feature-property\" checked") && !again.contains("id=\"feature-materials\" checked"))
            #expect(again.contains("本单位设置"))
            let english = try await admin.get("/admin/units/\(f.cs)", language: "en").text
            #expect(english.contains("Features") || english.contains("功能开关"))

            let inherit = try await admin.post("/admin/units/\(f.cs)/features", form: ["_csrf": csrf, "inherit": "1"], from: "/admin/units/\(f.cs)")
            #expect(inherit.status == .seeOther)
            #expect(try await Self.features(app, f.admin, f.cs)["ownSetting"] as? Bool == false)
        }
    }

    @Test func theDemoSwitchesTheEstateScenicAndDeskUnitsOnce() async throws {
        try await TestApp.run { app in
            _ = try await DemoData.load(store: app.store, password: "demo-pass-1")
            let admin = try await app.adminToken()
            let units = try await app.call(.get, "/api/v1/org-units?per=200", token: admin).items
            func unit(_ code: String) throws -> String { try #require(units.first { $0["code"] as? String == code }?["id"] as? String) }
            let expected: [(String, Set<String>)] = [("WY", ["property", "service_desk"]), ("JQ", ["scenic", "service_desk"]), ("FD", ["front_desk"])]
            for (code, on) in expected {
                let s = Self.switches(try await Self.features(app, admin, try unit(code)))
                #expect(Set(s.filter { $0.value.on }.keys) == on, "\(code): \(s)")
            }
            #expect(try await DemoData.load(store: app.store, password: "demo-pass-1") == "Demo data already loaded.")
        }
    }
}
