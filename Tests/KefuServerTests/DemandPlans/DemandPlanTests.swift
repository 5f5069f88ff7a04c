import Foundation
import Testing

/// #13.1 item 2, REQ-10: 业务管理部 writes and publishes each department's annual demand plan; the department reads its
/// published plan, production and procurement every published one, others none; each line shows what the department's
/// requests of the year asked for and got shipped; the request page shows the plan beside its lines.
@Suite("Annual demand plans (#13.1 item 2, REQ-10)")
struct DemandPlanTests {
    typealias Signers = MaterialRequestFlowTests.Signers

    static var thisYear: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar.component(.year, from: Date())
    }

    static func line(_ r: TestApp.Reply, _ itemId: String) -> [String: Any]? {
        (r.json["lines"] as? [[String: Any]])?.first { $0["itemId"] as? String == itemId }
    }

    static func number(_ v: Any?) -> Double? { (v as? NSNumber)?.doubleValue }

    @Test func hqWritesAndPublishesTheDepartmentReadsItWithRequestedAndShipped() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            let f = s.f
            let year = Self.thisYear
            let body: [String: Any] = ["year": year, "orgUnitId": f.deptA, "note": "风场检修", "lines": [f.line(f.bolt, 100), f.line(f.gear, 5)]]
            // Only HQ's planners write it.
            #expect(try await app.call(.post, "/api/v1/demand-plans", token: s.plannerA, json: body).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/demand-plans", token: s.managerA, json: body).status == .forbidden)
            let bad = try await app.call(.post, "/api/v1/demand-plans", token: f.hqPlanner, json: ["year": year, "orgUnitId": f.deptA, "lines": [f.line(f.bolt, 0)]])
            #expect((bad.json["error"] as? [String: Any])?["field"] as? String == "lines[0].quantity", "\(bad.text)")
            let twice = try await app.call(.post, "/api/v1/demand-plans", token: f.hqPlanner, json: ["year": year, "orgUnitId": f.deptA, "lines": [f.line(f.bolt, 1), f.line(f.bolt, 2)]])
            #expect((twice.json["error"] as? [String: Any])?["field"] as? String == "lines[1].itemId", "\(twice.text)")
            let created = try await app.call(.post, "/api/v1/demand-plans", token: f.hqPlanner, json: body)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.string("number") == "XQ-\(year)-0001")
            #expect(created.string("state") == "draft")
            #expect(try await app.call(.post, "/api/v1/demand-plans", token: f.hqMaterials, json: body).errorCode == "plan_exists")
            // A draft is HQ's own.
            #expect(try await app.call(.get, "/api/v1/demand-plans/\(id)", token: s.managerA).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/demand-plans", token: s.managerA).json["total"] as? Int == 0)
            #expect(try await app.call(.post, "/api/v1/demand-plans/\(id)/publish", token: s.plannerA).status == .forbidden)
            let published = try await app.call(.post, "/api/v1/demand-plans/\(id)/publish", token: f.hqPlanner)
            #expect(published.string("state") == "published", "\(published.text)")
            #expect(try await app.call(.post, "/api/v1/demand-plans/\(id)/publish", token: f.hqPlanner).errorCode == "invalid_state")
            // Published: its department and production read it; another department and a site keeper do not.
            #expect(try await app.call(.get, "/api/v1/demand-plans/\(id)", token: s.managerA).status == .ok)
            #expect(try await app.call(.get, "/api/v1/demand-plans/\(id)", token: s.production).status == .ok)
            #expect(try await app.call(.get, "/api/v1/demand-plans/\(id)", token: s.plannerB).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/demand-plans/\(id)", token: f.keeperA1).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/demand-plans", token: s.managerA).json["total"] as? Int == 1)
            #expect(try await app.call(.get, "/api/v1/demand-plans", token: s.plannerB).json["total"] as? Int == 0)
            #expect(try await app.call(.get, "/api/v1/demand-plans", token: f.keeperA1).status == .forbidden)
            // Found by its number where it is read (#11.1 quick search).
            let number = try #require(created.string("number"))
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, s.managerA, number), "demand_plan") == [id])
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, s.plannerB, number), "demand_plan").isEmpty)

            // A draft request counts for nothing; submitted, it is requested; ordered from the supplier, shipped.
            let draft = try await s.draft(app)
            var plan = try await app.call(.get, "/api/v1/demand-plans/\(id)", token: s.managerA)
            #expect(Self.number(Self.line(plan, f.bolt)?["requested"]) == 0)
            _ = try await MaterialRequestFlowTests.step(app, draft, "submit", f.keeperA1)
            let urgent = try await app.call(.post, "/api/v1/material-requests", token: s.plannerA, json: [
                "orgUnitId": s.siteA1, "kind": "consumable", "reason": "停机抢修", "urgentRelease": true, "lines": [f.line(f.bolt, 2)]])
            let urgentId = try #require(urgent.string("id"))
            _ = try await MaterialRequestFlowTests.step(app, urgentId, "decide", s.production, ["source": "procurement"])
            _ = try await MaterialRequestFlowTests.step(app, urgentId, "order", s.procurement, ["orderRef": "PO-1", "supplierId": f.supplier])
            plan = try await app.call(.get, "/api/v1/demand-plans/\(id)", token: s.managerA)
            #expect(Self.number(Self.line(plan, f.bolt)?["requested"]) == 22, "\(plan.text)")
            #expect(Self.number(Self.line(plan, f.bolt)?["shipped"]) == 2)
            #expect(Self.number(Self.line(plan, f.bolt)?["remaining"]) == 78)
            #expect(Self.line(plan, f.bolt)?["overPlan"] as? Bool == false)
            #expect(Self.number(Self.line(plan, f.gear)?["requested"]) == 0)
            // Another department's requests do not count.
            #expect(Self.number(Self.line(plan, f.bolt)?["requested"]) != 0)

            // A revision: version 2, still published, now over plan.
            #expect(try await app.call(.put, "/api/v1/demand-plans/\(id)", token: s.managerA, json: ["lines": [f.line(f.bolt, 10)]]).status == .forbidden)
            let revised = try await app.call(.put, "/api/v1/demand-plans/\(id)", token: f.hqPlanner, json: ["lines": [f.line(f.bolt, 10)]])
            #expect(revised.json["version"] as? Int == 2, "\(revised.text)")
            #expect(revised.string("state") == "published")
            #expect(Self.line(revised, f.bolt)?["overPlan"] as? Bool == true)
            #expect(Self.number(Self.line(revised, f.bolt)?["remaining"]) == 0)
            #expect(try await app.call(.put, "/api/v1/demand-plans/\(id)", token: f.hqPlanner, json: ["year": year + 1, "lines": [f.line(f.bolt, 10)]]).status == .unprocessableContent)
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=demand_plan&entityId=\(id)", token: f.admin)
            let actions = audit.items.compactMap { $0["action"] as? String }
            #expect(Set(actions).isSuperset(of: ["create", "publish", "revise"]), "\(audit.text.prefix(300))")
        }
    }

    @Test func pagesListThePlanAndTheRequestShowsItBesideItsLines() async throws {
        try await TestApp.run { app in
            let s = try await Signers.make(app)
            let f = s.f
            let hq = PageSession(app)
            _ = try await hq.signIn("hqplan", "password-hqplan")
            let empty = try await hq.get("/materials/demand-plans")
            #expect(empty.text.contains("id=\"empty-state\""))
            #expect(empty.text.contains("id=\"new-demand-plan\""))
            let form = try await hq.get("/materials/demand-plans/new")
            #expect(form.status == .ok)
            let saved = try await hq.post("/materials/demand-plans", form: ["_csrf": PageSession.csrf(in: form.text)!, "year": String(Self.thisYear), "orgUnitId": f.deptA, "note": "",
                                                                            "item_0": f.bolt, "itemText_0": "BOLT-M10", "qty_0": "1,000"], from: "/materials/demand-plans/new")
            #expect(saved.status == .seeOther || saved.status == .found, "\(saved.status) \(saved.text.prefix(300))")
            let list = try await app.call(.get, "/api/v1/demand-plans", token: f.hqPlanner)
            let id = try #require(list.items.first?["id"] as? String)
            let typed = try await app.call(.get, "/api/v1/demand-plans/\(id)", token: f.hqPlanner)
            #expect(Self.number(Self.line(typed, f.bolt)?["quantity"]) == 1000, "\(typed.text)")
            let draftPage = try await hq.get("/materials/demand-plans/\(id)")
            #expect(draftPage.text.contains("id=\"demand-plan-publish\""))
            let published = try await hq.post("/materials/demand-plans/\(id)/publish", form: ["_csrf": PageSession.csrf(in: draftPage.text)!], from: "/materials/demand-plans/\(id)")
            #expect(published.status == .seeOther || published.status == .found, "\(published.status)")
            let manager = PageSession(app)
            _ = try await manager.signIn("mgra", "password-mgra")
            let seen = try await manager.get("/materials/demand-plans")
            #expect(seen.text.contains("href=\"/materials/demand-plans/\(id)\""))
            #expect(!seen.text.contains("id=\"new-demand-plan\""))
            let page = try await manager.get("/materials/demand-plans/\(id)")
            #expect(page.text.contains("data-state=\"published\""))
            #expect(!page.text.contains("id=\"demand-plan-publish\""))
            // The request page of the department shows the plan beside the lines (the manager reads the plan).
            let request = try await s.draft(app)
            _ = try await MaterialRequestFlowTests.step(app, request, "submit", f.keeperA1)
            let requestPage = try await manager.get("/materials/requests/\(request)")
            #expect(requestPage.text.contains("id=\"material-request-plan\""), "\(requestPage.text.prefix(200))")
            #expect(requestPage.text.contains("<span class=\"num demand-planned\">1000</span>"))
            // A site keeper does not read the plan: no plan columns.
            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            #expect(!(try await keeper.get("/materials/requests/\(request)")).text.contains("id=\"material-request-plan\""))
            #expect(try await keeper.get("/materials/demand-plans/\(id)").status == .forbidden)
        }
    }
}
