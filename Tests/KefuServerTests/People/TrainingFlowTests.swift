import Foundation
import Testing

/// #15.4 over HTTP (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set): training sessions and attendance with the
/// months without training (TRN-01), the plan's approval (TRN-02), staff qualifications with their flags (TRN-03), and
/// every refusal by role, unit and rule.
@Suite("Training, attendance and qualifications (#15.4)")
struct TrainingFlowTests {
    static func session(_ app: TestApp, _ token: String, unit: String, date: String, topic: String = "新产品知识", planId: String? = nil) async throws -> TestApp.Reply {
        var body: [String: Any] = ["orgUnitId": unit, "topic": topic, "trainer": "王老师", "date": date, "start": "14:00", "end": "16:00", "place": "三楼培训室",
                                   "content": "产品更新与沟通技巧"]
        if let planId { body["planId"] = planId }
        return try await app.call(.post, "/api/v1/trainings", token: token, json: body)
    }

    static func gapStatus(_ r: TestApp.Reply, unit: String) -> [String: String] {
        let u = (r.json["units"] as? [[String: Any]] ?? []).first { $0["orgUnitId"] as? String == unit }
        return Dictionary(uniqueKeysWithValues: (u?["months"] as? [[String: Any]] ?? []).map { ($0["month"] as! String, $0["status"] as! String) })
    }

    /// A day `offset` days from today in the organisation's zone, YYYY-MM-DD.
    static func day(_ offset: Int) -> String { SiteLedgerTests.day(offset) }

    @Test func aSessionWithAttendanceClearsItsMonthsGap() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let range = "/api/v1/training/gaps?from=2026-01&to=2026-03"
            var gaps = try await app.call(.get, range, token: f.supervisor.token)
            #expect(gaps.status == .ok, "\(gaps.text)")
            #expect(Self.gapStatus(gaps, unit: f.cs) == ["2026-01": "gap", "2026-02": "gap", "2026-03": "gap"], "\(gaps.text)")
            #expect(!(gaps.json["units"] as? [[String: Any]] ?? []).contains { $0["orgUnitId"] as? String == f.other }, "another unit is outside the supervisor's scope")

            // Only the unit's supervisors and managers record sessions (403 for an agent and for another unit's manager).
            #expect(try await Self.session(app, f.ann.token, unit: f.cs, date: "2026-02-10").status == .forbidden)
            #expect(try await Self.session(app, f.outsider.token, unit: f.cs, date: "2026-02-10").status == .forbidden)
            let missing = try await app.call(.post, "/api/v1/trainings", token: f.supervisor.token, json: ["orgUnitId": f.cs, "trainer": "王", "date": "2026-02-10",
                                                                                                         "start": "14:00", "end": "16:00", "place": "室"])
            #expect(missing.status == .unprocessableContent && missing.text.contains("topic"), "\(missing.text)")
            let backwards = try await app.call(.post, "/api/v1/trainings", token: f.supervisor.token, json: ["orgUnitId": f.cs, "topic": "T", "trainer": "王",
                                                                                                           "date": "2026/02/10", "start": "16:00", "end": "14:00", "place": "室"])
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("end"), "\(backwards.text)")

            let s = try await Self.session(app, f.supervisor.token, unit: f.cs, date: "2026年2月10日")
            #expect(s.status == .created, "\(s.text)")
            let id = s.string("id")!
            #expect(s.string("number")?.hasPrefix("PX-") == true && s.string("date") == "2026-02-10", "\(s.text)")
            // Recorded but nobody attended yet: still a gap (a session counts once someone attended it).
            gaps = try await app.call(.get, range, token: f.supervisor.token)
            #expect(Self.gapStatus(gaps, unit: f.cs)["2026-02"] == "gap")

            // The sheet: unknown status, score out of range, a person of another unit, one person twice — each refused.
            func sheet(_ lines: [[String: Any]], _ token: String? = nil) async throws -> TestApp.Reply {
                try await app.call(.put, "/api/v1/trainings/\(id)/attendance", token: token ?? f.supervisor.token, json: ["lines": lines])
            }
            #expect(try await sheet([["userId": f.ann.id, "status": "late"]]).status == .unprocessableContent)
            #expect(try await sheet([["userId": f.ann.id, "status": "present", "score": 101]]).status == .unprocessableContent)
            #expect(try await sheet([["userId": f.outsider.id, "status": "present"]]).status == .unprocessableContent)
            #expect(try await sheet([["userId": f.ann.id, "status": "present"], ["userId": f.ann.id, "status": "absent"]]).status == .unprocessableContent)
            #expect(try await sheet([["userId": f.ann.id, "status": "present"]], f.ann.token).status == .forbidden)
            #expect(try await sheet([["userId": f.ann.id, "status": "present"]], f.outsider.token).status == .forbidden)
            let saved = try await sheet([["userId": f.ann.id, "status": "present", "score": 92], ["userId": f.bo.id, "status": "absent"],
                                         ["userId": f.cy.id, "status": "excused"]])
            #expect(saved.status == .ok && saved.json["presentCount"] as? Int == 1, "\(saved.text)")
            #expect((saved.json["attendance"] as? [[String: Any]])?.first { $0["userId"] as? String == f.ann.id }?["score"] as? Int == 92)

            gaps = try await app.call(.get, range, token: f.manager.token)
            #expect(Self.gapStatus(gaps, unit: f.cs) == ["2026-01": "gap", "2026-02": "covered", "2026-03": "gap"], "\(gaps.text)")
            #expect((gaps.json["units"] as? [[String: Any]])?.first { $0["orgUnitId"] as? String == f.cs }?["gaps"] as? Int == 2)
            #expect(try await app.call(.get, range, token: f.ann.token).status == .forbidden, "agents do not see the gap report")
            #expect(try await app.call(.get, "/api/v1/training/gaps?from=2026-05&to=2026-01", token: f.manager.token).status == .unprocessableContent)

            // Reads are scoped: the unit's agent sees the session, another unit's manager neither lists nor opens it.
            #expect(try await app.call(.get, "/api/v1/trainings", token: f.ann.token).items.contains { $0["id"] as? String == id })
            #expect(try await app.call(.get, "/api/v1/trainings", token: f.outsider.token).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/trainings/\(id)", token: f.outsider.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/trainings/\(id)", token: f.bo.token).status == .ok)

            // A session still to come takes no attendance.
            let future = try await Self.session(app, f.supervisor.token, unit: f.cs, date: Self.day(3))
            let early = try await app.call(.put, "/api/v1/trainings/\(future.string("id")!)/attendance", token: f.supervisor.token,
                                           json: ["lines": [["userId": f.ann.id, "status": "present"]]])
            #expect(early.status == .conflict && early.errorCode == "session_not_held_yet", "\(early.text)")

            // The quick search finds the session by its number, within the scope.
            let number = s.string("number")!
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, f.bo.token, number), "training_session") == [id])
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, f.outsider.token, number), "training_session").isEmpty)

            let audit = try await app.call(.get, "/api/v1/audit-log?entity=training_session&entityId=\(id)", token: f.admin)
            #expect(audit.text.contains("attendance") && audit.text.contains("create"), "\(audit.text.prefix(300))")
        }
    }

    @Test func thePlanNeedsTheDirectorsApprovalBeforeItRuns() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let body: [String: Any] = ["orgUnitId": f.cs, "title": "2027 上半年培训计划", "lines": [["month": "2027-01", "topic": "沟通技巧"], ["month": "2027-02", "topic": "新产品知识"]]]
            #expect(try await app.call(.post, "/api/v1/training-plans", token: f.ann.token, json: body).status == .forbidden)
            #expect(try await app.call(.post, "/api/v1/training-plans", token: f.manager.token, json: body).status == .forbidden, "the director approves, the supervisor writes")
            let empty = try await app.call(.post, "/api/v1/training-plans", token: f.supervisor.token, json: ["orgUnitId": f.cs, "title": "空", "lines": [Any]()])
            #expect(empty.status == .unprocessableContent, "\(empty.text)")
            let created = try await app.call(.post, "/api/v1/training-plans", token: f.supervisor.token, json: body)
            #expect(created.status == .created && created.string("status") == "draft" && created.string("number")?.hasPrefix("PXJH-") == true, "\(created.text)")
            let id = created.string("id")!
            func step(_ s: String, _ token: String, note: String? = nil) async throws -> TestApp.Reply {
                try await app.call(.post, "/api/v1/training-plans/\(id)/\(s)", token: token, json: note.map { ["note": $0] } ?? [String: Any]())
            }
            // A session cannot carry out a plan that is not approved (TRN-02).
            let early = try await Self.session(app, f.supervisor.token, unit: f.cs, date: "2026-11-10", planId: id)
            #expect(early.status == .conflict && early.errorCode == "plan_not_approved", "\(early.text)")
            #expect(try await step("approve", f.manager.token).errorCode == "plan_state", "a draft is not decided")
            #expect(try await step("submit", f.ann.token).status == .forbidden)
            #expect(try await step("submit", f.supervisor.token).string("status") == "submitted")
            #expect(try await step("approve", f.supervisor.token).status == .forbidden, "the supervisor does not approve")
            #expect(try await step("approve", f.outsider.token).status == .forbidden, "another unit's manager does not approve")
            #expect(try await step("return", f.manager.token).status == .unprocessableContent, "a return says why")
            let returned = try await step("return", f.manager.token, note: "请补充考核方式")
            #expect(returned.string("status") == "returned" && returned.string("decisionNote") == "请补充考核方式", "\(returned.text)")
            // The returned plan is rewritten before it goes in again; not by an agent, not once submitted.
            let rewrite: [String: Any] = ["orgUnitId": f.cs, "title": "2027 上半年培训计划（修订）",
                                          "lines": [["month": "2027-01", "topic": "沟通技巧（含考核）"], ["month": "2027-02", "topic": "新产品知识"], ["month": "2027-03", "topic": "投诉处理"]]]
            #expect(try await app.call(.put, "/api/v1/training-plans/\(id)", token: f.ann.token, json: rewrite).status == .forbidden)
            let rewritten = try await app.call(.put, "/api/v1/training-plans/\(id)", token: f.supervisor.token, json: rewrite)
            #expect(rewritten.status == .ok && (rewritten.json["lines"] as? [Any])?.count == 3 && rewritten.string("status") == "returned", "\(rewritten.text)")
            #expect(try await step("submit", f.supervisor.token).string("status") == "submitted")
            #expect(try await app.call(.put, "/api/v1/training-plans/\(id)", token: f.supervisor.token, json: rewrite).errorCode == "plan_state")
            let approved = try await step("approve", f.manager.token)
            #expect(approved.string("status") == "approved" && approved.string("decidedBy") == f.manager.id, "\(approved.text)")
            #expect(try await step("return", f.manager.token, note: "x").errorCode == "plan_state")
            let carried = try await Self.session(app, f.supervisor.token, unit: f.cs, date: "2026-11-10", planId: id)
            #expect(carried.status == .created && carried.string("planId") == id, "\(carried.text)")

            let list = try await app.call(.get, "/api/v1/training-plans?status=approved", token: f.manager.token)
            #expect(list.items.map { $0["id"] as? String } == [id])
            #expect(try await app.call(.get, "/api/v1/training-plans", token: f.ann.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/training-plans", token: f.outsider.token).items.isEmpty)

            // An administrator who wrote a plan does not approve it himself.
            let own = try await app.call(.post, "/api/v1/training-plans", token: f.admin, json: body)
            _ = try await app.call(.post, "/api/v1/training-plans/\(own.string("id")!)/submit", token: f.admin, json: [String: Any]())
            let self_ = try await app.call(.post, "/api/v1/training-plans/\(own.string("id")!)/approve", token: f.admin, json: [String: Any]())
            #expect(self_.status == .conflict && self_.errorCode == "own_plan", "\(self_.text)")
        }
    }

    @Test func qualificationsFlagSlowTypingAndExpiringCertificates() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ann: [String: Any] = ["mandarinLevel": "2A", "dialects": ["粤语", "客家话"], "typingSpeed": 72, "typingTestedOn": "2026/11/02",
                                      "certificates": [["name": "客服资格证", "number": "KF-001", "expiresOn": Self.day(0)],
                                                       ["name": "消防培训证", "number": "XF-9", "expiresOn": Self.day(-1)],
                                                       ["name": "普通话证书", "number": "PTH-1"]]]
            #expect(try await app.call(.put, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.ann.token, json: ann).status == .forbidden, "one does not certify oneself")
            #expect(try await app.call(.put, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.outsider.token, json: ann).status == .forbidden)
            let bad = try await app.call(.put, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.supervisor.token, json: ["mandarinLevel": "4Z"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("mandarinLevel"), "\(bad.text)")
            let noNumber = try await app.call(.put, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.supervisor.token, json: ["certificates": [["name": "证"]]])
            #expect(noNumber.status == .unprocessableContent, "\(noNumber.text)")
            let saved = try await app.call(.put, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.supervisor.token, json: ann)
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.string("typingFlag") == "below_required" && saved.json["certificateAlerts"] as? Int == 2, "\(saved.text)")
            let statuses = (saved.json["certificates"] as? [[String: Any]] ?? []).map { $0["status"] as? String }
            #expect(statuses == ["expiring", "expired", "permanent"], "expiring on the day, expired the day after: \(statuses)")
            #expect(saved.json["dialects"] as? [String] == ["粤语", "客家话"] && saved.string("typingTestedOn") == "2026-11-02")
            let bo = try await app.call(.put, "/api/v1/staff/\(f.bo.id)/qualifications", token: f.supervisor.token,
                                        json: ["typingSpeed": 80, "certificates": [["name": "客服资格证", "number": "KF-002", "expiresOn": Self.day(31)]]])
            #expect(bo.status == .ok && !(bo.json["typingFlag"] is String) && bo.json["certificateAlerts"] as? Int == 0, "\(bo.text)")

            // The person reads its own record; a colleague does not.
            #expect(try await app.call(.get, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.ann.token).status == .ok)
            #expect(try await app.call(.get, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.bo.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.outsider.token).status == .forbidden)

            let typing = try await app.call(.get, "/api/v1/staff-qualifications?flag=typing", token: f.manager.token)
            #expect(Set(typing.items.compactMap { $0["userId"] as? String }) == [f.ann.id, f.cy.id], "ann below 80, cy never tested: \(typing.text.prefix(400))")
            let certs = try await app.call(.get, "/api/v1/staff-qualifications?flag=certificates", token: f.manager.token)
            #expect(certs.items.compactMap { $0["userId"] as? String } == [f.ann.id])
            #expect(try await app.call(.get, "/api/v1/staff-qualifications", token: f.ann.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/staff-qualifications?flag=odd", token: f.manager.token).status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/staff-qualifications", token: f.outsider.token).items.allSatisfy { $0["orgUnitId"] as? String == f.other })
        }
    }
}
