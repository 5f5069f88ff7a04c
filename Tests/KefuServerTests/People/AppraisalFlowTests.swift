import Foundation
import Testing

/// #15.5 KPI-04 over HTTP (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set): a department head's reward and
/// penalty plan, effective only after the general manager's approval, with every refusal by role, unit and rule.
@Suite("Appraisal plans with GM approval (#15.5 KPI-04)")
struct AppraisalFlowTests {
    static func body(_ f: PeopleFixture, unit: String? = nil, lines: [[String: Any]]) -> [String: Any] {
        ["orgUnitId": unit ?? f.cs, "period": "2026-11", "lines": lines]
    }

    static func kinds(_ app: TestApp, _ token: String) async throws -> [String] {
        try await app.call(.get, "/api/v1/notifications?per=50", token: token).items.compactMap { $0["kind"] as? String }
    }

    @Test func aPlanTakesEffectOnlyOnceTheGeneralManagerApprovesIt() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let root = try await app.rootUnitId(f.admin)
            let gm = try await app.createUser(f.admin, "apprgm", roles: ["general_manager"], unitId: root)
            let otherGM = try await app.createUser(f.admin, "apprgmeast", roles: ["general_manager"], unitId: f.other)
            let lines: [[String: Any]] = [["userId": f.ann.id, "kind": "reward", "amount": "1,500.50", "reason": "月度服务之星", "evidence": "KS-2026-000001"],
                                          ["userId": f.bo.id, "kind": "penalty", "amount": "200", "reason": "迟到三次"]]

            // Who drafts: the unit's heads; not an agent, not another unit's manager, not the GM, not an administrator.
            #expect(try await app.call(.post, "/api/v1/appraisal-plans", token: f.ann.token, json: Self.body(f, lines: lines)).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/appraisal-plans", token: f.outsider.token, json: Self.body(f, lines: lines)).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/appraisal-plans", token: gm.token, json: Self.body(f, lines: lines)).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/appraisal-plans", token: f.admin, json: Self.body(f, lines: lines)).status == .forbidden)
            // What a line holds: an exact positive amount, a person of the unit (not the author), a reason.
            for bad: [String: Any] in [["userId": f.ann.id, "kind": "reward", "amount": "12.345", "reason": "x"],
                                       ["userId": f.ann.id, "kind": "reward", "amount": "0", "reason": "x"],
                                       ["userId": f.ann.id, "kind": "bonus", "amount": "10", "reason": "x"],
                                       ["userId": f.ann.id, "kind": "reward", "amount": "10", "reason": ""],
                                       ["userId": f.outsider.id, "kind": "reward", "amount": "10", "reason": "x"],
                                       ["userId": f.supervisor.id, "kind": "reward", "amount": "10", "reason": "x"]] {
                let r = try await app.call(.post, "/api/v1/appraisal-plans", token: f.supervisor.token, json: Self.body(f, lines: [bad]))
                #expect(r.status == .unprocessableContent && r.text.contains("lines"), "\(bad): \(r.text)")
            }
            let badPeriod = try await app.call(.post, "/api/v1/appraisal-plans", token: f.supervisor.token, json: ["orgUnitId": f.cs, "period": "2026-13", "lines": lines])
            #expect(badPeriod.status == .unprocessableContent && badPeriod.text.contains("period"), "\(badPeriod.text)")

            let created = try await app.call(.post, "/api/v1/appraisal-plans", token: f.supervisor.token, json: Self.body(f, lines: lines))
            #expect(created.status == .created, "\(created.text)")
            let id = created.string("id")!
            #expect(created.string("number")?.hasPrefix("KH-") == true && created.string("status") == "draft", "\(created.text)")
            #expect(created.string("rewardTotal") == "1500.50" && created.string("penaltyTotal") == "200.00", "\(created.text)")
            #expect((created.json["actions"] as? [String]) == ["edit", "submit"])

            // Not effective before the GM's approval: the agent sees nothing about itself; the GM cannot approve a draft.
            #expect(try await app.call(.get, "/api/v1/appraisal-plans/my-lines", token: f.ann.token).items.isEmpty)
            #expect(try await app.call(.post, "/api/v1/appraisal-plans/\(id)/approve", token: gm.token, json: [String: Any]()).status == .conflict)

            let submitted = try await app.call(.post, "/api/v1/appraisal-plans/\(id)/submit", token: f.supervisor.token, json: [String: Any]())
            #expect(submitted.status == .ok && submitted.string("status") == "submitted", "\(submitted.text)")
            #expect(try await Self.kinds(app, gm.token).contains("appraisal_plan_submitted"), "the GM is told")
            #expect(try await !Self.kinds(app, otherGM.token).contains("appraisal_plan_submitted"), "another unit's GM is not")
            #expect(try await app.call(.put, "/api/v1/appraisal-plans/\(id)", token: f.supervisor.token, json: Self.body(f, lines: lines)).status == .conflict,
                    "a submitted plan is not edited")
            #expect(try await app.call(.get, "/api/v1/appraisal-plans/my-lines", token: f.ann.token).items.isEmpty, "submitted is not effective")

            // Who decides: only a GM over the unit — not the department heads, an administrator, or a GM of another unit.
            for token in [f.manager.token, f.supervisor.token, f.admin, otherGM.token, f.ann.token] {
                #expect(try await app.call(.post, "/api/v1/appraisal-plans/\(id)/approve", token: token, json: [String: Any]()).status == .forbidden)
            }
            #expect(try await app.call(.get, "/api/v1/appraisal-plans/\(id)", token: otherGM.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/appraisal-plans/\(id)", token: f.ann.token).status == .forbidden)
            let noReason = try await app.call(.post, "/api/v1/appraisal-plans/\(id)/return", token: gm.token, json: [String: Any]())
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("note"), "\(noReason.text)")
            let returned = try await app.call(.post, "/api/v1/appraisal-plans/\(id)/return", token: gm.token, json: ["note": "处罚金额请核实"])
            #expect(returned.status == .ok && returned.string("status") == "returned" && returned.string("decisionNote") == "处罚金额请核实", "\(returned.text)")
            #expect(try await Self.kinds(app, f.supervisor.token).contains("appraisal_plan_returned"), "the author is told")

            // Returned: editable again by a head of the unit, and submitted anew.
            let edited = try await app.call(.put, "/api/v1/appraisal-plans/\(id)", token: f.manager.token,
                                            json: Self.body(f, lines: [lines[0], ["userId": f.bo.id, "kind": "penalty", "amount": "100.00", "reason": "迟到三次"]]))
            #expect(edited.status == .ok && edited.string("penaltyTotal") == "100.00", "\(edited.text)")
            #expect(try await app.call(.post, "/api/v1/appraisal-plans/\(id)/submit", token: f.manager.token, json: [String: Any]()).status == .ok)

            // The author cannot approve its own plan, even holding the GM role.
            let both = try await app.createUser(f.admin, "apprboth", roles: ["general_manager", "cs_manager"], unitId: f.cs)
            let own = try await app.call(.post, "/api/v1/appraisal-plans", token: both.token, json: Self.body(f, lines: [lines[1]]))
            #expect(own.status == .created, "\(own.text)")
            let ownId = own.string("id")!
            #expect(try await app.call(.post, "/api/v1/appraisal-plans/\(ownId)/submit", token: both.token, json: [String: Any]()).status == .ok)
            let selfApproval = try await app.call(.post, "/api/v1/appraisal-plans/\(ownId)/approve", token: both.token, json: [String: Any]())
            #expect(selfApproval.status == .conflict && selfApproval.text.contains("own_plan"), "\(selfApproval.text)")

            let approved = try await app.call(.post, "/api/v1/appraisal-plans/\(id)/approve", token: gm.token, json: [String: Any]())
            #expect(approved.status == .ok && approved.string("status") == "effective" && approved.string("decidedBy") == gm.id, "\(approved.text)")
            #expect(try await app.call(.post, "/api/v1/appraisal-plans/\(id)/approve", token: gm.token, json: [String: Any]()).status == .conflict)
            #expect(try await app.call(.put, "/api/v1/appraisal-plans/\(id)", token: f.supervisor.token, json: Self.body(f, lines: lines)).status == .conflict)

            // Effective: the agent sees the line about itself (and only its own); the author and the people are told.
            let mine = try await app.call(.get, "/api/v1/appraisal-plans/my-lines", token: f.ann.token)
            #expect(mine.status == .ok && mine.items.count == 1 && mine.items.first?["amount"] as? String == "1500.50" && mine.items.first?["kind"] as? String == "reward",
                    "\(mine.text)")
            #expect(try await app.call(.get, "/api/v1/appraisal-plans/my-lines", token: f.cy.token).items.isEmpty)
            #expect(try await Self.kinds(app, f.ann.token).contains("appraisal_line_effective"))
            #expect(try await Self.kinds(app, f.supervisor.token).contains("appraisal_plan_effective"))

            // Lists are scoped and filterable; the audit trail has every step.
            let awaiting = try await app.call(.get, "/api/v1/appraisal-plans?status=submitted", token: gm.token)
            #expect(awaiting.items.map { $0["id"] as? String } == [ownId], "\(awaiting.text)")
            #expect(try await app.call(.get, "/api/v1/appraisal-plans", token: f.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/appraisal-plans", token: f.ann.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/appraisal-plans?status=done", token: gm.token).status == .unprocessableContent)
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=appraisal_plan&entityId=\(id)", token: f.admin).items.compactMap { $0["action"] as? String }
            #expect(Set(audit) == ["create", "submit", "return", "update", "approve"], "\(audit)")

            // Found by its number in quick search by a reader, not by an agent.
            let number = created.string("number")!
            let hits = try await app.call(.get, "/api/v1/search?q=\(number)", token: gm.token)
            #expect(hits.text.contains("/people/appraisal-plans/\(id)"), "\(hits.text)")
            #expect(try await !app.call(.get, "/api/v1/search?q=\(number)", token: f.ann.token).text.contains("/people/appraisal-plans/\(id)"))
        }
    }
}
