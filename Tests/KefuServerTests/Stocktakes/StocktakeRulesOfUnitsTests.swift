import Foundation
import Hummingbird
import KefuDomain
import Testing

/// #12 remainder: STK-04 (the supervising unit is another active site), STK-01/02 (the count schedule in the API) and
/// D5 (the stocktake approver: the department manager by default, or the role or person an administrator names).
@Suite("Stocktake supervision, schedule and approver (#12: STK-04, STK-01/02, D5)")
struct StocktakeRulesOfUnitsTests {
    @Test func theSupervisingUnitMustBeAnotherActiveSite() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let siteA1 = try await WarehouseCheckTests.unit(app, f, f.A1G), siteA2 = try await WarehouseCheckTests.unit(app, f, f.A2G)
            func create(_ supervisedBy: String) async throws -> TestApp.Reply {
                try await app.call(.post, "/api/v1/stocktakes", token: f.accA, json: ["warehouseIds": [f.A1G], "kind": "monthly", "supervisedBy": supervisedBy])
            }
            for (unit, code) in [(f.deptA, "supervisor_not_site"), ("no-such-unit", "supervisor_not_site"), (siteA1, "supervisor_is_counted_site")] {
                let r = try await create(unit)
                #expect(r.status == .unprocessableContent && r.errorCode == code, "\(unit): \(r.text)")
                #expect((r["error"] as? [String: Any])?["field"] as? String == "supervisedBy", "\(r.text)")
            }
            let ok = try await create(siteA2)
            #expect(ok.status == .created && ok.string("supervisedBy") == siteA2, "\(ok.text)")
            // A deactivated site supervises no more.
            let closed = try await app.createUnit(f.admin, code: "SA9", name: "现场A9", kind: "site", parentId: f.deptA)
            #expect(try await app.call(.patch, "/api/v1/org-units/\(closed)", token: f.admin, json: ["active": false]).status == .ok)
            #expect(try await create(closed).errorCode == "supervisor_not_site")
            // The form offers sites only and shows the refusal under the field.
            let page = PageSession(app)
            let signIn = try await page.signIn("acca", "password-acca")
            let form = try await page.get("/materials/stocktakes/new")
            #expect(form.text.contains("value=\"\(siteA1)\"") && !form.text.contains("<option value=\"\(f.deptA)\""), "\(form.text.prefix(200))")
            let csrf = PageSession.csrf(in: form.text) ?? PageSession.csrf(in: signIn.text) ?? ""
            let refused = try await page.post("/materials/stocktakes", form: ["_csrf": csrf, "wh_\(f.A1G)": "1", "kind": "monthly", "supervisedBy": siteA1],
                                              from: "/materials/stocktakes/new")
            #expect(refused.status == .seeOther)
            let again = try await page.get("/materials/stocktakes/new")
            #expect(again.text.contains("STK-04") && again.text.contains("field-error"), "\(again.text.prefix(300))")
        }
    }

    @Test func theScheduleIsInTheAPIAsOnThePage() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let list = try await app.call(.get, "/api/v1/stocktakes", token: f.accA)
            #expect(list.status == .ok)
            let schedule = try #require(list["schedule"] as? [[String: Any]], "\(list.text)")
            let a1 = try #require(schedule.first { $0["warehouseCode"] as? String == "A1G" })
            #expect(a1["cadence"] as? String == "monthly" && a1["due"] as? String == "overdue", "\(a1)")
            #expect(a1["lastCount"] == nil || a1["lastCount"] is NSNull)
            #expect((a1["dueBy"] as? String)?.count == 10)
            #expect(schedule.first { $0["warehouseCode"] as? String == "AG" }?["cadence"] as? String == "quarterly")
            let alone = try await app.call(.get, "/api/v1/stocktakes/schedule", token: f.accA)
            #expect(((alone["items"] as? [[String: Any]]) ?? []).count == schedule.count)
            // A site keeper's schedule is its own warehouses'; a customer-service agent is refused.
            let keeper = try await app.call(.get, "/api/v1/stocktakes/schedule", token: f.keeperA2)
            #expect(((keeper["items"] as? [[String: Any]]) ?? []).compactMap { $0["warehouseCode"] as? String } == ["A2G"], "\(keeper.text)")
            #expect(try await app.call(.get, "/api/v1/stocktakes/schedule", token: f.agent).status == .forbidden)
        }
    }

    /// A stocktake of A1G counted and submitted, ready for the approval step.
    static func submitted(_ app: TestApp, _ f: MaterialsFixture) async throws -> String {
        let created = try await app.call(.post, "/api/v1/stocktakes", token: f.accA, json: ["warehouseIds": [f.A1G], "kind": "monthly"])
        let id = try #require(created.string("id"), "\(created.text)")
        #expect(try await app.call(.post, "/api/v1/stocktakes/\(id)/distribute", token: f.accA).status == .ok)
        #expect(try await app.call(.put, "/api/v1/stocktakes/\(id)/counts", token: f.keeperA1, json: ["lines": [["itemId": f.bolt, "countedQuantity": 4]]]).status == .ok)
        let submitted = try await app.call(.post, "/api/v1/stocktakes/\(id)/submit", token: f.keeperA1)
        #expect(submitted.string("status") == "submitted", "\(submitted.text)")
        return id
    }

    @Test func theApproverIsTheManagerByDefaultOrWhomTheAdministratorNames() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 4)])
            let manager = try await app.createUser(f.admin, "mgra", roles: ["dept_manager"], unitId: f.deptA)
            let supervisor = try await app.createUser(f.admin, "supa", roles: ["dept_supervisor"], unitId: f.deptA)
            let adminB = try await app.createUser(f.admin, "admb", roles: ["admin"], unitId: f.deptB)

            // Default: the department manager approves; the supervisor cannot.
            let first = try await Self.submitted(app, f)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(first)/approve", token: supervisor.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(first)/approve", token: manager.token).string("status") == "approved")
            let defaults = try await app.call(.get, "/api/v1/stocktake-approvers", token: f.accA)
            #expect(((defaults["items"] as? [[String: Any]]) ?? []).first { $0["departmentId"] as? String == f.deptA }?["isDefault"] as? Bool == true, "\(defaults.text)")

            // Only an administrator of the department or above names the approver.
            #expect(try await app.call(.put, "/api/v1/stocktake-approvers/\(f.deptA)", token: f.accA, json: ["role": "dept_supervisor"]).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/stocktake-approvers/\(f.deptA)", token: adminB.token, json: ["role": "dept_supervisor"]).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/stocktake-approvers/\(f.deptA)", token: f.admin, json: ["role": "customer"]).errorCode == "validation_failed")
            #expect(try await app.call(.put, "/api/v1/stocktake-approvers/\(f.deptA)", token: f.admin, json: ["username": "agent"]).errorCode == "validation_failed")

            // A named role: the supervisor approves, the manager no longer does.
            let named = try await app.call(.put, "/api/v1/stocktake-approvers/\(f.deptA)", token: f.admin, json: ["role": "dept_supervisor"])
            #expect(named.status == .ok && named.string("role") == "dept_supervisor", "\(named.text)")
            let second = try await Self.submitted(app, f)
            let denied = try await app.call(.post, "/api/v1/stocktakes/\(second)/approve", token: manager.token)
            #expect(denied.status == .forbidden && denied.errorMessage?.contains("D5") == true, "\(denied.text)")
            let view = try await app.call(.get, "/api/v1/stocktakes/\(second)", token: supervisor.token)
            #expect((view["actions"] as? [String])?.contains("approve") == true, "\(view.text)")
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(second)/approve", token: supervisor.token).string("status") == "approved")

            // A named person: only that user (here the HQ materials office's) approves or sends back.
            #expect(try await app.call(.put, "/api/v1/stocktake-approvers/\(f.deptA)", token: f.admin, json: ["username": "hqmat"]).string("userId") != nil)
            let third = try await Self.submitted(app, f)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(third)/return", token: supervisor.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(third)/approve", token: f.hqMaterials).string("status") == "approved")
            // 业务部B keeps its default; back to the default for 业务部A with neither named.
            #expect(try await app.call(.put, "/api/v1/stocktake-approvers/\(f.deptA)", token: f.admin, json: [String: Any]())["isDefault"] as? Bool == true)
            let reset = try await app.call(.get, "/api/v1/stocktake-approvers", token: f.admin)
            #expect(((reset["items"] as? [[String: Any]]) ?? []).allSatisfy { $0["isDefault"] as? Bool == true }, "\(reset.text)")
            let fourth = try await Self.submitted(app, f)
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(fourth)/approve", token: manager.token).string("status") == "approved")
        }
    }

    @Test func theApprovalRuleIsWrittenOnce() {
        #expect(StocktakeApproval.mayDecide(actorId: "u", roles: [.deptManager], covers: true, configured: nil))
        #expect(!StocktakeApproval.mayDecide(actorId: "u", roles: [.deptManager], covers: false, configured: nil))
        let supervisorNamed = StocktakeApprover(role: .deptSupervisor, userId: nil), personNamed = StocktakeApprover(role: nil, userId: "p")
        let managerWhenSupervisorNamed = StocktakeApproval.mayDecide(actorId: "u", roles: [.deptManager], covers: true, configured: supervisorNamed)
        #expect(managerWhenSupervisorNamed == false)
        #expect(StocktakeApproval.mayDecide(actorId: "u", roles: [.deptSupervisor], covers: true, configured: supervisorNamed))
        #expect(StocktakeApproval.mayDecide(actorId: "p", roles: [.mgmtMaterials], covers: false, configured: personNamed))
        #expect(StocktakeApproval.mayDecide(actorId: "a", roles: [.admin], covers: true, configured: personNamed))
        #expect(StocktakeSupervision.problem(unitId: "s", unitKind: "site", unitActive: true, countedUnitIds: ["s"]) == .countedSite)
        #expect(StocktakeSupervision.problem(unitId: "s", unitKind: "business", unitActive: true, countedUnitIds: []) == .notAnActiveSite)
        #expect(StocktakeCadence.quarterly.periodEnd("2026-11-20") == "2026-12-31" && StocktakeCadence.monthly.periodEnd("2028-02-03") == "2028-02-29")
        #expect(WarehousePairing.refusesDeactivation(of: .damaged, remaining: [.good]) && !WarehousePairing.refusesDeactivation(of: .damaged, remaining: []))
    }
}
