import Foundation
import Testing

/// #15 leftovers (TRN-02): a plan the office director returned is rewritten and submitted again from the page — the
/// form prefilled with the plan and the director's reason, a refusal keeping what was typed, one transaction for both.
@Suite("Rewrite a returned training plan on the page (#15 leftovers, TRN-02)")
struct TrainingPlanRewriteTests {
    @Test func aReturnedPlanIsRewrittenAndResubmittedFromThePage() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let created = try await app.call(.post, "/api/v1/training-plans", token: f.supervisor.token, json: [
                "orgUnitId": f.cs, "title": "2027 上半年培训计划", "lines": [["month": "2027-01", "topic": "沟通技巧"], ["month": "2027-02", "topic": "新产品知识"]]])
            let id = created.string("id")!, number = created.string("number")!
            #expect(try await app.call(.post, "/api/v1/training-plans/\(id)/submit", token: f.supervisor.token, json: [String: Any]()).string("status") == "submitted")
            let supervisor = PageSession(app)
            _ = try await supervisor.signIn("pplsup", "password-pplsup")
            // Submitted: no rewrite link, and the rewrite page refuses.
            #expect(!(try await supervisor.get("/people/training-plans")).text.contains("/people/training-plans/\(id)/rewrite"))
            #expect(try await supervisor.get("/people/training-plans/\(id)/rewrite").status == .conflict)
            #expect(try await app.call(.post, "/api/v1/training-plans/\(id)/return", token: f.manager.token, json: ["note": "请补充考核方式"]).string("status") == "returned")

            let list = try await supervisor.get("/people/training-plans")
            #expect(list.text.contains("href=\"/people/training-plans/\(id)/rewrite\""), "the returned plan offers its rewrite")
            let form = try await supervisor.get("/people/training-plans/\(id)/rewrite")
            #expect(form.status == .ok)
            #expect(form.text.contains("id=\"plan-return-reason\"") && form.text.contains("请补充考核方式"), "the director's reason above the form")
            #expect(form.text.contains("value=\"2027 上半年培训计划\"") && form.text.contains("2027-01 沟通技巧\n2027-02 新产品知识"), "prefilled")
            let csrf = PageSession.csrf(in: form.text) ?? ""
            let path = "/people/training-plans/\(id)/rewrite"

            // A refusal: back to the form with the typed text and the message under the lines.
            let bad = try await supervisor.post(path, form: ["title": "修订版", "lines": "2027-01 沟通技巧（含考核）\n2027-13 投诉处理", "_csrf": csrf], from: path)
            #expect(bad.status == .seeOther, "\(bad.status)")
            let again = try await supervisor.get(path)
            #expect(again.text.contains("id=\"plan-rewrite-lines-error\"") && again.text.contains("value=\"修订版\"") && again.text.contains("2027-13 投诉处理"),
                    "\(again.text.prefix(300))")
            #expect(try await app.call(.get, "/api/v1/training-plans/\(id)", token: f.supervisor.token).string("status") == "returned", "nothing changed")

            // Others may not: the agent and another unit's manager are refused the page and the post.
            let agent = PageSession(app)
            _ = try await agent.signIn("pplann", "password-pplann")
            #expect(try await agent.get(path).status == .forbidden)
            let outsider = PageSession(app)
            _ = try await outsider.signIn("pploutmgr", "password-pploutmgr")
            #expect(try await outsider.get(path).status == .forbidden)

            let done = try await supervisor.post(path, form: ["title": "2027 上半年培训计划（修订）", "lines": "2027-01 沟通技巧（含考核）\n2027-02 新产品知识\n2027-03 投诉处理", "_csrf": csrf], from: path)
            #expect(done.status == .seeOther && (done.headers[.location] ?? "").contains("number=\(number)"), "\(done.status)")
            let plan = try await app.call(.get, "/api/v1/training-plans/\(id)", token: f.manager.token)
            #expect(plan.string("status") == "submitted" && plan.string("title") == "2027 上半年培训计划（修订）" && (plan.json["lines"] as? [Any])?.count == 3, "\(plan.text)")
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=training_plan&entityId=\(id)", token: f.admin)
            let actions = audit.items.compactMap { $0["action"] as? String }
            #expect(actions.contains("update") && actions.filter { $0 == "submit" }.count == 2, "\(actions)")
        }
    }
}
