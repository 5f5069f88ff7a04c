import Foundation
import Hummingbird
import Testing

/// #14 PRP-05 outsourced services (contractor register, monthly plans reviewed, evaluations scored exactly) and PRP-11
/// admin registers (whole-number balances never below zero, dated logs) over HTTP, with the refusals of role and unit.
@Suite("Property contractors and admin registers (#14 PRP-05, PRP-11)")
struct ContractorRegisterTests {
    @Test func contractorsArePlannedReviewedAndEvaluated() async throws {
        try await TestApp.run { app in
            let w = try await WorkPlanTests.world(app)
            let estate = try #require(try await app.call(.get, "/api/v1/property/estates", token: w.admin.token).items.first?["id"] as? String)
            let body: [String: Any] = ["serviceType": "保洁", "company": "洁美保洁公司", "contact": "刘 13900001111", "contractFrom": "2026-01-01", "contractTo": "2026-12-31"]
            let made = try await app.call(.post, "/api/v1/property/estates/\(estate)/contractors", token: w.admin.token, json: body)
            #expect(made.status == .created && made.string("serviceType") == "cleaning", "\(made.text)")
            let id = try #require(made.string("id")), number = try #require(made.string("number"))
            #expect(number.hasPrefix("WB-") && number.count == 9, "\(number)")
            var reversed = body
            reversed["contractTo"] = "2025-12-31"
            let bad = try await app.call(.post, "/api/v1/property/estates/\(estate)/contractors", token: w.admin.token, json: reversed)
            #expect(bad.status == .unprocessableContent && bad.text.contains("contractTo"), "\(bad.text)")
            #expect(try await app.call(.post, "/api/v1/property/estates/\(estate)/contractors", token: w.outsider.token, json: body).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/estates/\(estate)/contractors", token: w.manager.token, json: body).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/estates/\(estate)/contractors", token: w.f.supervisor.token).items.count == 1)

            // The monthly plan: approved by the project manager; a second for another month returned with a reason.
            let plan = try await app.call(.post, "/api/v1/property/contractors/\(id)/plans", token: w.admin.token, json: ["month": "2026-12", "content": "楼道每日清扫两次"])
            #expect(plan.status == .created, "\(plan.text)")
            let planId = try #require((plan["plans"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await app.call(.post, "/api/v1/property/contractors/\(id)/plans", token: w.admin.token, json: ["month": "2026-12", "content": "x"]).errorCode == "plan_exists")
            #expect(try await app.call(.post, "/api/v1/property/contractor-plans/\(planId)/approve", token: w.f.supervisor.token, json: [String: Any]()).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/contractor-plans/\(planId)/approve", token: w.outsideManager.token, json: [String: Any]()).status == .forbidden)
            let ok = try await app.call(.post, "/api/v1/property/contractor-plans/\(planId)/approve", token: w.manager.token, json: [String: Any]())
            #expect(ok.status == .ok && (ok["plans"] as? [[String: Any]])?.first?["status"] as? String == "approved", "\(ok.text)")
            #expect(try await app.call(.post, "/api/v1/property/contractor-plans/\(planId)/return", token: w.manager.token, json: ["reason": "x"]).errorCode == "plan_state")
            let jan = try await app.call(.post, "/api/v1/property/contractors/\(id)/plans", token: w.admin.token, json: ["month": "2027-01", "content": "每周消杀"])
            let janId = try #require((jan["plans"] as? [[String: Any]])?.first { $0["month"] as? String == "2027-01" }?["id"] as? String)
            #expect(try await app.call(.post, "/api/v1/property/contractor-plans/\(janId)/return", token: w.admin.token, json: [String: Any]()).status == .unprocessableContent)
            let returned = try await app.call(.post, "/api/v1/property/contractor-plans/\(janId)/return", token: w.admin.token, json: ["reason": "频次不足"])
            let janView = (returned["plans"] as? [[String: Any]])?.first { $0["id"] as? String == janId }
            #expect(janView?["status"] as? String == "returned" && janView?["reviewNote"] as? String == "频次不足", "\(returned.text)")

            // Evaluations: 85, 90, 78 → 84.3 合格; 90 and 55 → 72.5 不合格; a score over 100 refused.
            let good = try await app.call(.post, "/api/v1/property/contractors/\(id)/evaluations", token: w.admin.token, json: [
                "evaluatedOn": "2026-11-30", "evaluator": "孙丽", "remarks": "整体良好",
                "scores": [["criterion": "清洁度", "score": 85], ["criterion": "及时性", "score": 90], ["criterion": "服务态度", "score": 78]]])
            #expect(good.status == .created, "\(good.text)")
            let e1 = (good["evaluations"] as? [[String: Any]])?.first
            #expect(e1?["overall"] as? String == "84.3" && e1?["passed"] as? Bool == true && (e1?["scores"] as? [Any])?.count == 3, "\(good.text)")
            let poor = try await app.call(.post, "/api/v1/property/contractors/\(id)/evaluations", token: w.admin.token, json: [
                "evaluatedOn": "2026-12-31", "evaluator": "孙丽", "scores": [["criterion": "清洁度", "score": 90], ["criterion": "及时性", "score": 55]]])
            let e2 = (poor["evaluations"] as? [[String: Any]])?.first
            #expect(e2?["overall"] as? String == "72.5" && e2?["passed"] as? Bool == false, "\(poor.text)")
            let over = try await app.call(.post, "/api/v1/property/contractors/\(id)/evaluations", token: w.admin.token, json: [
                "evaluator": "孙丽", "scores": [["criterion": "清洁度", "score": 101]]])
            #expect(over.status == .unprocessableContent && over.text.contains("scores"), "\(over.text)")
            let none = try await app.call(.post, "/api/v1/property/contractors/\(id)/evaluations", token: w.admin.token, json: ["evaluator": "孙丽", "scores": []])
            #expect(none.status == .unprocessableContent, "\(none.text)")
            #expect(try await app.call(.post, "/api/v1/property/contractors/\(id)/evaluations", token: w.f.supervisor.token,
                                       json: ["evaluator": "x", "scores": [["criterion": "a", "score": 1]]]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/contractors/\(id)", token: w.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/contractors/\(id)", token: w.f.supervisor.token).status == .ok)

            let hit = try await app.call(.get, "/api/v1/search?q=" + number.lowercased(), token: w.admin.token)
            #expect(hit.items.contains { $0["kind"] as? String == "property_contractor" && $0["number"] as? String == number }, "\(hit.text)")
            #expect(!(try await app.call(.get, "/api/v1/search?q=" + number, token: w.outsider.token)).items.contains { $0["kind"] as? String == "property_contractor" })
        }
    }

    @Test func registerBalancesAreWholeAndNeverNegative() async throws {
        try await TestApp.run { app in
            let w = try await WorkPlanTests.world(app)
            let made = try await app.call(.post, "/api/v1/property/admin-items", token: w.admin.token, json: ["kind": "工服", "name": "夏季工服", "unitLabel": "套"])
            #expect(made.status == .created && made.string("kind") == "uniform" && made["balance"] as? Int == 0, "\(made.text)")
            let id = try #require(made.string("id"))
            #expect(try await app.call(.post, "/api/v1/property/admin-items", token: w.admin.token, json: ["kind": "uniform", "name": "夏季工服"]).errorCode == "item_exists")
            let inn = try await app.call(.post, "/api/v1/property/admin-items/\(id)/moves", token: w.admin.token, json: ["direction": "in", "quantity": 10, "party": "采购"])
            #expect(inn.status == .created && inn["balance"] as? Int == 10, "\(inn.text)")
            let out = try await app.call(.post, "/api/v1/property/admin-items/\(id)/moves", token: w.admin.token,
                                         json: ["direction": "领用", "quantity": "4", "party": "张伟", "movedOn": "2026-11-20"])
            #expect(out.status == .created && out["balance"] as? Int == 6, "\(out.text)")
            let tooMany = try await app.call(.post, "/api/v1/property/admin-items/\(id)/moves", token: w.admin.token, json: ["direction": "out", "quantity": 7])
            #expect(tooMany.status == .unprocessableContent && tooMany.errorCode == "insufficient_balance", "\(tooMany.text)")
            for q in ["1.5", "0", "-2", "abc"] {
                let r = try await app.call(.post, "/api/v1/property/admin-items/\(id)/moves", token: w.admin.token, json: ["direction": "in", "quantity": q])
                #expect(r.status == .unprocessableContent && r.text.contains("quantity"), "\(q): \(r.text)")
            }
            let item = try await app.call(.get, "/api/v1/property/admin-items/\(id)", token: w.f.supervisor.token)
            #expect(item["balance"] as? Int == 6 && (item["moves"] as? [[String: Any]])?.map { $0["balanceAfter"] as? Int } == [10, 6], "\(item.text)")
            #expect(try await app.call(.post, "/api/v1/property/admin-items/\(id)/moves", token: w.outsider.token, json: ["direction": "in", "quantity": 1]).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/admin-items/\(id)/moves", token: w.f.supervisor.token, json: ["direction": "in", "quantity": 1]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/admin-items/\(id)", token: w.outsider.token).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/admin-items", token: w.outsider.token, json: ["orgUnitId": w.f.cs, "kind": "uniform", "name": "x"]).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/admin-items?kind=uniform", token: w.manager.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/property/admin-items", token: w.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/admin-items", token: w.f.agent.token).status == .forbidden)

            // Staff movements and welfare hand-outs: dated logs, in scope.
            let log = try await app.call(.post, "/api/v1/property/admin-logs", token: w.admin.token,
                                         json: ["kind": "staff_movement", "loggedOn": "2026-11-03", "person": "王强", "detail": "调入翠湖花园服务中心"])
            #expect(log.status == .created && log.string("loggedOn") == "2026-11-03", "\(log.text)")
            _ = try await app.call(.post, "/api/v1/property/admin-logs", token: w.admin.token, json: ["kind": "福利发放", "person": "全体", "detail": "中秋月饼"])
            #expect(try await app.call(.post, "/api/v1/property/admin-logs", token: w.admin.token, json: ["kind": "welfare", "person": "x"]).status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/property/admin-logs?kind=welfare", token: w.f.supervisor.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/property/admin-logs", token: w.outsider.token).items.isEmpty)
            #expect(try await app.call(.post, "/api/v1/property/admin-logs", token: w.manager.token, json: ["kind": "welfare", "person": "x", "detail": "y"]).status == .forbidden)
        }
    }

    @Test func thePagesShowContractorsAndRegistersAndKeepARefusedForm() async throws {
        try await TestApp.run { app in
            let w = try await WorkPlanTests.world(app)
            let estate = try #require(try await app.call(.get, "/api/v1/property/estates", token: w.admin.token).items.first?["id"] as? String)
            let c = try await app.call(.post, "/api/v1/property/estates/\(estate)/contractors", token: w.admin.token,
                                       json: ["serviceType": "greening", "company": "绿源园林", "contractFrom": "2026-01-01", "contractTo": "2026-12-31"])
            let id = try #require(c.string("id"))
            _ = try await app.call(.post, "/api/v1/property/contractors/\(id)/plans", token: w.admin.token, json: ["month": "2026-12", "content": "草坪修剪两次"])
            let s = PageSession(app)
            _ = try await s.signIn("sunli", "password-sunli")
            let list = try await s.get("/property/contractors")
            #expect(list.status == .ok && list.text.contains("绿源园林") && list.text.contains("id=\"prp-contractor-form\""), "\(list.status)")
            let detail = try await s.get("/property/contractors/\(id)")
            #expect(detail.status == .ok && detail.text.contains("草坪修剪两次") && detail.text.contains("prp-cplan-approve"), "\(detail.status)")
            let eval = try await s.post("/property/contractors/\(id)/evaluations", form: ["_csrf": PageSession.csrf(in: detail.text) ?? "", "evaluator": "孙丽",
                                                                                       "scores": "修剪 90\n养护 70"], from: "/property/contractors/\(id)")
            #expect(eval.status == .seeOther, "\(eval.status)")
            let after = try await app.call(.get, "/api/v1/property/contractors/\(id)", token: w.admin.token)
            #expect((after["evaluations"] as? [[String: Any]])?.first?["overall"] as? String == "80.0", "\(after.text)")

            let item = try await app.call(.post, "/api/v1/property/admin-items", token: w.admin.token, json: ["kind": "office_supply", "name": "A4 打印纸", "unitLabel": "包"])
            let itemId = try #require(item.string("id"))
            let reg = try await s.get("/property/admin-registers")
            #expect(reg.status == .ok && reg.text.contains("A4 打印纸") && reg.text.contains("id=\"prp-move-form\""), "\(reg.status)")
            let bad = try await s.post("/property/admin-registers/moves", form: ["_csrf": PageSession.csrf(in: reg.text) ?? "", "itemId": itemId, "direction": "out",
                                                                                 "quantity": "3", "party": "张伟借用"], from: "/property/admin-registers")
            #expect(bad.status == .seeOther, "\(bad.status)")
            let back = try await s.get("/property/admin-registers")
            #expect(back.text.contains("张伟借用") && back.text.contains("prp-move-error") || back.text.contains("field-error"), "the refusal is shown with what was typed")
            #expect(back.text.contains("data-balance=\"0\""))
            let sup = PageSession(app)
            _ = try await sup.signIn("supervisor", "password-supervisor")
            let readOnly = try await sup.get("/property/admin-registers")
            #expect(readOnly.status == .ok && !readOnly.text.contains("id=\"prp-item-form\""))
        }
    }
}
