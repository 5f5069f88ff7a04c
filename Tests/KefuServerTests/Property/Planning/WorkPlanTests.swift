import Foundation
import Hummingbird
import Testing

/// #14 PRP-08 next month's work plan over HTTP: numbering, the due date and lateness (D11: late is recorded, not
/// refused; a return and a second submission keep the first submission's lateness), the two approvals in order and
/// the returns with a reason, the missing-or-late list, quick search, pages, and every refusal of role, unit and state.
@Suite("Property work plans (#14 PRP-08)")
struct WorkPlanTests {
    struct World {
        let f: OrgFixture
        let admin: (id: String, token: String)
        let manager: (id: String, token: String)
        let outsider: (id: String, token: String)
        let outsideManager: (id: String, token: String)
    }

    /// 客服部 and 品管部 each run an estate (both are service centres); 客服部 has its property admin and project manager.
    static func world(_ app: TestApp) async throws -> World {
        let f = try await OrgFixture.make(app)
        let admin = try await app.createUser(f.admin, "sunli", roles: ["property_admin"], unitId: f.cs)
        let manager = try await app.createUser(f.admin, "pm", roles: ["cs_manager"], unitId: f.cs)
        let outsider = try await app.createUser(f.admin, "qaprop", roles: ["property_admin"], unitId: f.qa)
        let outsideManager = try await app.createUser(f.admin, "qapm", roles: ["cs_manager"], unitId: f.qa)
        for (token, unit, name) in [(admin.token, f.cs, "翠湖花园"), (outsider.token, f.qa, "品管小区")] {
            let e = try await app.call(.post, "/api/v1/property/estates", token: token, json: ["name": name, "orgUnitId": unit])
            #expect(e.status == .created, "\(e.text)")
        }
        return World(f: f, admin: admin, manager: manager, outsider: outsider, outsideManager: outsideManager)
    }

    static func body(_ unit: String, _ month: String) -> [String: Any] {
        ["orgUnitId": unit, "month": month, "lines": [["item": "清洗二次供水水箱", "owner": "张伟", "targetDate": month + "-10"],
                                                      ["item": "消防设施月检", "owner": "李娜", "targetDate": month + "-20"]]]
    }

    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @Test func aPlanIsApprovedByTheProjectManagerThenTheCompanyAndEitherReturnsIt() async throws {
        try await TestApp.run { app in
            let w = try await Self.world(app)
            let made = try await app.call(.post, "/api/v1/property/work-plans", token: w.admin.token, json: Self.body(w.f.cs, "2099-01"))
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(made.string("id"))
            #expect(made.string("number") == "JH-209901-0001" && made.string("status") == "draft" && made.string("dueOn") == "2098-12-25", "\(made.text)")
            #expect((made["lines"] as? [[String: Any]])?.count == 2)
            let again = try await app.call(.post, "/api/v1/property/work-plans", token: w.admin.token, json: Self.body(w.f.cs, "2099-01"))
            #expect(again.status == .conflict && again.errorCode == "plan_exists", "\(again.text)")
            let noLines = try await app.call(.post, "/api/v1/property/work-plans", token: w.admin.token, json: ["orgUnitId": w.f.cs, "month": "2099-02", "lines": []])
            #expect(noLines.status == .unprocessableContent && noLines.text.contains("lines"), "\(noLines.text)")
            let badDate = try await app.call(.post, "/api/v1/property/work-plans", token: w.admin.token,
                                             json: ["orgUnitId": w.f.cs, "month": "2099-02", "lines": [["item": "x", "owner": "y", "targetDate": "2099-02-30"]]])
            #expect(badDate.status == .unprocessableContent, "\(badDate.text)")

            // A draft awaits nobody; submitted on time it awaits the project manager.
            let early = try await app.call(.post, "/api/v1/property/work-plans/\(id)/approve", token: w.manager.token, json: [String: Any]())
            #expect(early.status == .conflict && early.errorCode == "plan_state", "\(early.text)")
            let sent = try await app.call(.post, "/api/v1/property/work-plans/\(id)/submit", token: w.admin.token, json: [String: Any]())
            #expect(sent.status == .ok && sent.string("status") == "submitted" && sent["late"] as? Bool == false, "\(sent.text)")
            #expect(sent.string("firstSubmittedOn") == Self.today())
            #expect(try await app.call(.put, "/api/v1/property/work-plans/\(id)", token: w.admin.token, json: Self.body(w.f.cs, "2099-01")).errorCode == "plan_state")

            // Refusals: the supervisor, the property admin, a manager of another unit may not approve.
            for token in [w.f.supervisor.token, w.admin.token, w.outsideManager.token, w.f.agent.token] {
                let r = try await app.call(.post, "/api/v1/property/work-plans/\(id)/approve", token: token, json: [String: Any]())
                #expect(r.status == .forbidden, "\(r.text)")
            }
            let first = try await app.call(.post, "/api/v1/property/work-plans/\(id)/approve", token: w.manager.token, json: [String: Any]())
            #expect(first.status == .ok && first.string("status") == "manager_approved", "\(first.text)")
            // The project manager's step is done: the company's is the administrator's.
            let twice = try await app.call(.post, "/api/v1/property/work-plans/\(id)/approve", token: w.manager.token, json: [String: Any]())
            #expect(twice.status == .conflict && twice.errorCode == "plan_stage", "\(twice.text)")
            let pmReturn = try await app.call(.post, "/api/v1/property/work-plans/\(id)/return", token: w.manager.token, json: ["reason": "x"])
            #expect(pmReturn.status == .conflict && pmReturn.errorCode == "plan_stage", "\(pmReturn.text)")
            let noReason = try await app.call(.post, "/api/v1/property/work-plans/\(id)/return", token: w.f.admin, json: ["reason": " "])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("reason"), "\(noReason.text)")
            let back = try await app.call(.post, "/api/v1/property/work-plans/\(id)/return", token: w.f.admin, json: ["reason": "请补充绿化养护安排"])
            #expect(back.status == .ok && back.string("status") == "returned" && back.string("returnReason") == "请补充绿化养护安排", "\(back.text)")

            // Rewritten and sent again: the first submission's date and lateness stay.
            var fixed = Self.body(w.f.cs, "2099-01")
            fixed["lines"] = [["item": "绿化养护：修剪草坪", "owner": "王强", "targetDate": "2099-01-15"]]
            let edited = try await app.call(.put, "/api/v1/property/work-plans/\(id)", token: w.admin.token, json: fixed)
            #expect(edited.status == .ok && (edited["lines"] as? [[String: Any]])?.first?["item"] as? String == "绿化养护：修剪草坪", "\(edited.text)")
            #expect(try await app.call(.put, "/api/v1/property/work-plans/\(id)", token: w.outsider.token, json: fixed).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/work-plans/\(id)/submit", token: w.f.supervisor.token, json: [String: Any]()).status == .forbidden)
            let resent = try await app.call(.post, "/api/v1/property/work-plans/\(id)/submit", token: w.admin.token, json: [String: Any]())
            #expect(resent.string("status") == "submitted" && resent.string("firstSubmittedOn") == Self.today() && resent["late"] as? Bool == false, "\(resent.text)")
            _ = try await app.call(.post, "/api/v1/property/work-plans/\(id)/approve", token: w.manager.token, json: [String: Any]())
            let done = try await app.call(.post, "/api/v1/property/work-plans/\(id)/approve", token: w.f.admin, json: [String: Any]())
            #expect(done.status == .ok && done.string("status") == "approved", "\(done.text)")
            let steps = (done["steps"] as? [[String: Any]] ?? []).map { $0["action"] as? String ?? "" }
            #expect(steps == ["create", "submit", "manager_approve", "return", "edit", "submit", "manager_approve", "company_approve"], "\(steps)")
            #expect((done["actions"] as? [String])?.isEmpty == true)

            // Quick search by the number as typed, in scope only.
            let hit = try await app.call(.get, "/api/v1/search?q=jh209901-1", token: w.f.supervisor.token)
            #expect(hit.items.contains { $0["kind"] as? String == "property_work_plan" && $0["number"] as? String == "JH-209901-0001" }, "\(hit.text)")
            let hidden = try await app.call(.get, "/api/v1/search?q=JH-209901-0001", token: w.outsider.token)
            #expect(!hidden.items.contains { $0["kind"] as? String == "property_work_plan" }, "\(hidden.text)")
        }
    }

    @Test func aPlanAfterThe25thIsLateAndTheMissingAreListed() async throws {
        try await TestApp.run { app in
            let w = try await Self.world(app)
            // 2026-01's plan was due 2025-12-25: written and sent now, it is recorded as late, not refused.
            let made = try await app.call(.post, "/api/v1/property/work-plans", token: w.admin.token, json: Self.body(w.f.cs, "2026-01"))
            let id = try #require(made.string("id"))
            let sent = try await app.call(.post, "/api/v1/property/work-plans/\(id)/submit", token: w.admin.token, json: [String: Any]())
            #expect(sent.status == .ok && sent["late"] as? Bool == true && sent.string("dueOn") == "2025-12-25", "\(sent.text)")
            #expect((sent["steps"] as? [[String: Any]])?.last?["action"] as? String == "submit_late")

            // The head office sees both centres: 客服部 late, 品管部 missing and overdue.
            let all = try await app.call(.get, "/api/v1/property/work-plan-standing?month=2026-01", token: w.f.admin)
            #expect(all.status == .ok, "\(all.text)")
            let rows = all["rows"] as? [[String: Any]] ?? []
            let byUnit = Dictionary(uniqueKeysWithValues: rows.map { ($0["orgUnitId"] as! String, $0) })
            #expect(byUnit[w.f.cs]?["standing"] as? String == "late" && byUnit[w.f.cs]?["number"] as? String == "JH-202601-0001", "\(rows)")
            #expect(byUnit[w.f.qa]?["standing"] as? String == "overdue" && !(byUnit[w.f.qa]?["planId"] is String), "\(rows)")
            // Far ahead nothing is due yet; a plan submitted on time leaves the list.
            let ahead = try await app.call(.get, "/api/v1/property/work-plan-standing?month=2099-03", token: w.f.admin)
            #expect((ahead["rows"] as? [[String: Any]] ?? []).allSatisfy { $0["standing"] as? String == "not_yet_submitted" } && (ahead["rows"] as? [Any])?.count == 2, "\(ahead.text)")
            let onTime = try await app.call(.post, "/api/v1/property/work-plans", token: w.outsider.token, json: Self.body(w.f.qa, "2099-03"))
            _ = try await app.call(.post, "/api/v1/property/work-plans/\(onTime.string("id") ?? "")/submit", token: w.outsider.token, json: [String: Any]())
            let after = try await app.call(.get, "/api/v1/property/work-plan-standing?month=2099-03", token: w.f.admin)
            #expect((after["rows"] as? [[String: Any]] ?? []).map { $0["orgUnitId"] as? String } == [w.f.cs], "\(after.text)")
            // The unit's own view: 客服部's manager sees 客服部 only; an agent is refused.
            let mine = try await app.call(.get, "/api/v1/property/work-plan-standing?month=2026-01", token: w.manager.token)
            #expect((mine["rows"] as? [[String: Any]] ?? []).map { $0["orgUnitId"] as? String } == [w.f.cs], "\(mine.text)")
            #expect(try await app.call(.get, "/api/v1/property/work-plan-standing", token: w.f.agent.token).status == .forbidden)

            // Lists and reads in scope; writes refused outside the unit and without the role.
            #expect(try await app.call(.get, "/api/v1/property/work-plans?month=2026-01", token: w.f.supervisor.token).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/property/work-plans?month=2026-01", token: w.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/property/work-plans", token: w.f.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/work-plans/\(id)", token: w.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/property/work-plans/\(id)", token: nil).status == .unauthorized)
            #expect(try await app.call(.post, "/api/v1/property/work-plans", token: w.outsider.token, json: Self.body(w.f.cs, "2026-02")).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/work-plans", token: w.manager.token, json: Self.body(w.f.cs, "2026-02")).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/property/work-plans/\(id)/return", token: w.outsideManager.token, json: ["reason": "x"]).status == .forbidden)
        }
    }

    @Test func thePagesListPlansAndKeepARefusedForm() async throws {
        try await TestApp.run { app in
            let w = try await Self.world(app)
            let made = try await app.call(.post, "/api/v1/property/work-plans", token: w.admin.token, json: Self.body(w.f.cs, "2026-01"))
            let id = try #require(made.string("id"))
            let s = PageSession(app)
            _ = try await s.signIn("sunli", "password-sunli")
            let list = try await s.get("/property/work-plans?month=2026-01")
            #expect(list.status == .ok && list.text.contains("JH-202601-0001") && list.text.contains("id=\"prp-plan-form\""), "\(list.status)")
            #expect(list.text.contains("data-standing=\"overdue\""), "the unsubmitted plans are listed")
            // A refused form comes back with what was typed and the reason.
            let csrf = PageSession.csrf(in: list.text) ?? ""
            let bad = try await s.post("/property/work-plans", form: ["_csrf": csrf, "month": "2026-02", "lines": "2026-02-30 张伟 清洗水箱"], from: "/property/work-plans")
            #expect(bad.status == .seeOther, "\(bad.status)")
            let again = try await s.get("/property/work-plans")
            #expect(again.text.contains("2026-02-30 张伟 清洗水箱") && again.text.contains("field-error"), "\(again.text.prefix(0))")
            let good = try await s.post("/property/work-plans", form: ["_csrf": PageSession.csrf(in: again.text) ?? csrf, "month": "2026-03", "lines": "2026-03-05 张伟 清洗水箱\n2026-03-20 李娜 消防月检"], from: "/property/work-plans")
            #expect(good.status == .seeOther && (good.headers[.location] ?? "").contains("/property/work-plans/"), "\(good.status)")
            let detail = try await s.get("/property/work-plans/\(id)")
            #expect(detail.status == .ok && detail.text.contains("清洗二次供水水箱") && detail.text.contains("id=\"prp-plan-submit\""))
            let submit = try await s.post("/property/work-plans/\(id)/submit", form: ["_csrf": PageSession.csrf(in: detail.text) ?? ""], from: "/property/work-plans/\(id)")
            #expect(submit.status == .seeOther, "\(submit.status)")
            let m = PageSession(app)
            _ = try await m.signIn("pm", "password-pm")
            let forManager = try await m.get("/property/work-plans/\(id)")
            #expect(forManager.text.contains("id=\"prp-plan-approve\"") && forManager.text.contains("id=\"prp-plan-late\""))
            let approved = try await m.post("/property/work-plans/\(id)/approve", form: ["_csrf": PageSession.csrf(in: forManager.text) ?? ""], from: "/property/work-plans/\(id)")
            #expect(approved.status == .seeOther)
            #expect(try await app.call(.get, "/api/v1/property/work-plans/\(id)", token: w.manager.token).string("status") == "manager_approved")
        }
    }
}
