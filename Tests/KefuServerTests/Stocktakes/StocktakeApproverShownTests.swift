import Foundation
import Hummingbird
import KefuDomain
import Testing

/// #12 remainder (D5): a submitted stocktake shows who will approve it — the department's configured role or person,
/// or by default the department manager — and, once approved, who did; on the page and in `GET /api/v1/stocktakes/{id}`.
@Suite("Stocktake approver shown (#12 D5)")
struct StocktakeApproverShownTests {
    static func approver(_ reply: TestApp.Reply) -> [String: Any] { (reply["approver"] as? [String: Any]) ?? [:] }

    @Test func theStocktakeNamesItsApproverBeforeAndAfterTheDecision() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            try await f.stock(app, warehouse: f.A1G, [f.line(f.bolt, 4)])
            let manager = try await app.createUser(f.admin, "mgra", roles: ["dept_manager"], unitId: f.deptA)
            let page = PageSession(app)
            _ = try await page.signIn("acca", "password-acca")

            // Default rule: the department manager.
            let first = try await StocktakeRulesOfUnitsTests.submitted(app, f)
            let waiting = try await app.call(.get, "/api/v1/stocktakes/\(first)", token: f.accA)
            #expect(Self.approver(waiting)["rule"] as? String == "department_manager" && Self.approver(waiting)["role"] as? String == "dept_manager", "\(waiting.text)")
            #expect(waiting["approvedByName"] == nil || waiting["approvedByName"] is NSNull)
            let before = try await page.get("/materials/stocktakes/\(first)")
            #expect(before.text.contains("data-rule=\"department_manager\"") && before.text.contains("待业务部经理审批"), "\(before.text.prefix(400))")

            // Approved: who approved, by name.
            #expect(try await app.call(.post, "/api/v1/stocktakes/\(first)/approve", token: manager.token).string("status") == "approved")
            let decided = try await app.call(.get, "/api/v1/stocktakes/\(first)", token: f.accA)
            #expect(decided.string("approvedBy") == manager.id && decided.string("approvedByName") == "用户mgra", "\(decided.text)")
            let after = try await page.get("/materials/stocktakes/\(first)")
            #expect(after.text.contains("data-rule=\"approved\"") && after.text.contains("用户mgra（已审批）"), "\(after.text.prefix(400))")

            // A named role, then a named person.
            #expect(try await app.call(.put, "/api/v1/stocktake-approvers/\(f.deptA)", token: f.admin, json: ["role": "dept_supervisor"]).status == .ok)
            let second = try await StocktakeRulesOfUnitsTests.submitted(app, f)
            let byRole = try await app.call(.get, "/api/v1/stocktakes/\(second)", token: f.accA)
            #expect(Self.approver(byRole)["rule"] as? String == "role" && Self.approver(byRole)["role"] as? String == "dept_supervisor", "\(byRole.text)")
            let rolePage = try await page.get("/materials/stocktakes/\(second)")
            #expect(rolePage.text.contains("待业务部主管审批（指定审批角色，D5）"), "\(rolePage.text.prefix(400))")

            #expect(try await app.call(.put, "/api/v1/stocktake-approvers/\(f.deptA)", token: f.admin, json: ["username": "hqmat"]).status == .ok)
            let byPerson = try await app.call(.get, "/api/v1/stocktakes/\(second)", token: f.accA)
            #expect(Self.approver(byPerson)["rule"] as? String == "user" && Self.approver(byPerson)["userName"] as? String == "用户hqmat", "\(byPerson.text)")
            let personPage = try await page.get("/materials/stocktakes/\(second)")
            #expect(personPage.text.contains("待 用户hqmat 审批（指定审批人，D5）"), "\(personPage.text.prefix(400))")
        }
    }
}
