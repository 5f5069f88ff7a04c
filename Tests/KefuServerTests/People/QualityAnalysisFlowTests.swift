import Foundation
import KefuDomain
import KefuPlatform
import Testing

/// #15 KPI-07 over HTTP (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set): a unit's service-quality analysis
/// with its rectification plan, from the draft's live figures to the approval by the office director (CS manager) and
/// each line carried out, with every refusal by role, unit, rule and state.
@Suite("Quality analyses with rectification plans (#15 KPI-07)")
struct QualityAnalysisFlowTests {
    static func kinds(_ app: TestApp, _ token: String) async throws -> [String] {
        try await app.call(.get, "/api/v1/notifications?per=50", token: token).items.compactMap { $0["kind"] as? String }
    }

    /// The month an hour ago falls in (the test's ticket is received then).
    static var period: String { CivilMonth(Times.day(Date(timeIntervalSinceNow: -3600))).description }

    static func day(_ offset: Int) -> String { Times.day(Date()).adding(days: offset).iso }

    /// A ticket taken by `token`'s agent an hour ago, never answered and not resolved by its due time: both SLA-01 and
    /// SLA-03 miss.
    static func lateTicket(_ app: TestApp, _ token: String) async throws {
        let id = try await app.createTicket(token, subject: "报修未响应", extra: ["customer": ["name": "赵经理", "phone": "13600001111"]]).string("id")!
        let base = Clock.millis() - 3_600_000
        try await ScorecardFlowTests.clocks(app, id, received: base, responded: nil, responseDue: base + 300_000, resolutionDue: base + 600_000, resolved: nil)
    }

    static func figures(_ r: TestApp.Reply) -> [String: Any] { r.json["figures"] as? [String: Any] ?? [:] }

    @Test func theWholeLoopWithEveryRefusal() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            try await Self.lateTicket(app, f.ann.token)
            let base: [String: Any] = ["orgUnitId": f.cs, "period": Self.period, "findings": "首次响应偏慢"]
            let lines: [[String: Any]] = [["problem": "首次响应超时", "measure": "夜班增配坐席", "responsibleId": f.ann.id, "due": Self.day(5)],
                                          ["problem": "报修未按时解决", "measure": "每日跟踪未结工单", "responsibleId": f.bo.id, "due": Self.day(-1)]]

            // Who opens one: the unit's supervisor (or a CS manager / admin over it); not an agent, not another unit's manager.
            try await app.expect(.forbidden, .post, "/api/v1/quality-analyses", f.ann.token, base)
            try await app.expect(.forbidden, .post, "/api/v1/quality-analyses", f.outsider.token, base)
            try await app.expect(.unprocessableContent, .post, "/api/v1/quality-analyses", f.supervisor.token, base.merging(["period": "2026-Q5"]) { _, b in b })
            try await app.expect(.unprocessableContent, .post, "/api/v1/quality-analyses", f.supervisor.token,
                                 base.merging(["lines": [["problem": "x", "measure": "y", "responsibleId": f.outsider.id, "due": Self.day(3)]]]) { _, b in b })

            // A draft shows its figures live: the late ticket misses first response and resolution.
            let draft = try await app.expect(.created, .post, "/api/v1/quality-analyses", f.supervisor.token, base)
            let id = draft.string("id")!, number = draft.string("number")!
            #expect(number.hasPrefix("FX-") && draft.string("status") == "draft")
            let live = Self.figures(draft)
            #expect(live["frozen"] as? Bool == false && live["ticketsReceived"] as? Int == 1)
            #expect(Set(live["misses"] as? [String] ?? []) == ["firstResponse", "resolution"], "\(live)")
            #expect(draft.json["actions"] as? [String] == ["edit", "submit"])

            // A missed target needs a plan: submitting without a line is refused; deciding a draft is the wrong step.
            try await app.expect(.unprocessableContent, .post, "/api/v1/quality-analyses/\(id)/submit", f.supervisor.token)
            try await app.expect(.conflict, .post, "/api/v1/quality-analyses/\(id)/approve", f.manager.token, code: "invalid_transition")
            try await app.expect(.forbidden, .put, "/api/v1/quality-analyses/\(id)", f.ann.token, base.merging(["lines": lines]) { _, b in b })
            try await app.expect(.ok, .put, "/api/v1/quality-analyses/\(id)", f.supervisor.token, base.merging(["lines": lines]) { _, b in b })

            // Submitted by the supervisor only, the figures frozen, the office director told.
            try await app.expect(.forbidden, .post, "/api/v1/quality-analyses/\(id)/submit", f.ann.token)
            let submitted = try await app.expect(.ok, .post, "/api/v1/quality-analyses/\(id)/submit", f.supervisor.token)
            #expect(submitted.string("status") == "submitted" && Self.figures(submitted)["frozen"] as? Bool == true)
            #expect(try await Self.kinds(app, f.manager.token).contains("quality_analysis_submitted"))
            try await app.expect(.conflict, .put, "/api/v1/quality-analyses/\(id)", f.supervisor.token, base.merging(["lines": lines]) { _, b in b }, code: "invalid_transition")
            try await app.expect(.conflict, .post, "/api/v1/quality-analyses/\(id)/submit", f.supervisor.token, code: "invalid_transition")

            // Decided by the CS manager standing in for the office director, of the unit or above; a return needs its reason.
            try await app.expect(.forbidden, .post, "/api/v1/quality-analyses/\(id)/approve", f.supervisor.token)
            try await app.expect(.forbidden, .post, "/api/v1/quality-analyses/\(id)/approve", f.outsider.token)
            try await app.expect(.unprocessableContent, .post, "/api/v1/quality-analyses/\(id)/return", f.manager.token, ["note": ""])
            let returned = try await app.expect(.ok, .post, "/api/v1/quality-analyses/\(id)/return", f.manager.token, ["note": "措施不够具体"])
            #expect(returned.string("status") == "draft" && returned.string("decisionNote") == "措施不够具体" && Self.figures(returned)["frozen"] as? Bool == false)
            #expect(try await Self.kinds(app, f.supervisor.token).contains("quality_analysis_returned"))
            try await app.expect(.ok, .post, "/api/v1/quality-analyses/\(id)/submit", f.supervisor.token)
            let approved = try await app.expect(.ok, .post, "/api/v1/quality-analyses/\(id)/approve", f.manager.token, ["note": "同意"])
            #expect(approved.string("status") == "approved")
            #expect(try await Self.kinds(app, f.ann.token).contains("quality_rectification_assigned"))
            let planLines = approved.json["lines"] as? [[String: Any]] ?? []
            let annLine = planLines[0]["id"] as! String, boLine = planLines[1]["id"] as! String
            #expect(planLines[1]["overdue"] as? Bool == true && planLines[0]["overdue"] as? Bool == false && approved.json["overdueLines"] as? Int == 1)

            // The responsible person reads it; a colleague not named does not.
            try await app.expect(.ok, .get, "/api/v1/quality-analyses/\(id)", f.ann.token)
            try await app.expect(.forbidden, .get, "/api/v1/quality-analyses/\(id)", f.cy.token)
            try await app.expect(.forbidden, .get, "/api/v1/quality-analyses/\(id)", f.outsider.token)

            // A line is done by its responsible person or the supervisor, with a result, once.
            try await app.expect(.forbidden, .post, "/api/v1/quality-analyses/\(id)/lines/\(annLine)/done", f.bo.token, ["result": "代做"])
            try await app.expect(.forbidden, .post, "/api/v1/quality-analyses/\(id)/lines/\(annLine)/done", f.cy.token, ["result": "代做"])
            try await app.expect(.forbidden, .post, "/api/v1/quality-analyses/\(id)/lines/\(annLine)/done", f.outsider.token, ["result": "代做"])
            try await app.expect(.unprocessableContent, .post, "/api/v1/quality-analyses/\(id)/lines/\(annLine)/done", f.ann.token, ["result": " "])
            let one = try await app.expect(.ok, .post, "/api/v1/quality-analyses/\(id)/lines/\(annLine)/done", f.ann.token, ["result": "已增配夜班坐席"])
            #expect(one.string("status") == "approved")
            try await app.expect(.conflict, .post, "/api/v1/quality-analyses/\(id)/lines/\(annLine)/done", f.ann.token, ["result": "再做"], code: "invalid_transition")
            let done = try await app.expect(.ok, .post, "/api/v1/quality-analyses/\(id)/lines/\(boLine)/done", f.supervisor.token, ["result": "已建立每日跟踪"])
            #expect(done.string("status") == "completed" && done.string("completedAt") != nil && done.json["overdueLines"] as? Int == 0)

            // The list: filters and scope; the quick search by number.
            #expect(try await app.expect(.ok, .get, "/api/v1/quality-analyses?status=completed&period=\(Self.period)&orgUnitId=\(f.cs)", f.supervisor.token).items.count == 1)
            #expect(try await app.expect(.ok, .get, "/api/v1/quality-analyses?status=draft", f.supervisor.token).items.isEmpty)
            #expect(try await app.expect(.ok, .get, "/api/v1/quality-analyses", f.outsider.token).items.isEmpty)
            try await app.expect(.forbidden, .get, "/api/v1/quality-analyses", f.ann.token)
            try await app.expect(.unprocessableContent, .get, "/api/v1/quality-analyses?status=closed", f.supervisor.token)
            #expect(try await app.call(.get, "/api/v1/search?q=\(number)", token: f.manager.token).text.contains("/people/quality-analyses/\(id)"))
            #expect(try await !app.call(.get, "/api/v1/search?q=\(number)", token: f.outsider.token).text.contains("/people/quality-analyses/\(id)"))
        }
    }

    /// Without a missed target a plan is not required; the approver never decides on their own analysis.
    @Test func noMissNoPlanAndNobodyApprovesTheirOwn() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let a = try await app.expect(.created, .post, "/api/v1/quality-analyses", f.manager.token, ["orgUnitId": f.cs, "period": "2026-Q3"])
            let id = a.string("id")!
            #expect(a.string("periodStart") == "2026-07-01" && a.string("periodEnd") == "2026-09-30")
            try await app.expect(.ok, .post, "/api/v1/quality-analyses/\(id)/submit", f.manager.token)
            try await app.expect(.conflict, .post, "/api/v1/quality-analyses/\(id)/approve", f.manager.token, code: "own_analysis")
        }
    }

    /// The pages: each renders from one read; the figures table marks the misses; an agent has none of them.
    @Test func pagesReadOnceAndShowTheMisses() async throws {
        let counter = ReadCounter()
        try await TestApp.run(wrapStore: { CountingStore(base: $0, counter: counter) }) { app in
            let f = try await PeopleFixture.make(app)
            try await Self.lateTicket(app, f.ann.token)
            let a = try await app.expect(.created, .post, "/api/v1/quality-analyses", f.supervisor.token, [
                "orgUnitId": f.cs, "period": Self.period, "lines": [["problem": "首次响应超时", "measure": "增配坐席", "responsibleId": f.ann.id, "due": Self.day(-2)]]])
            let id = a.string("id")!
            let supervisor = PageSession(app)
            _ = try await supervisor.signIn("pplsup", "password-pplsup")
            let agent = PageSession(app)
            _ = try await agent.signIn("pplann", "password-pplann")
            let pages: [(String, String)] = [
                ("/people/quality-analyses", "data-number=\"\(a.string("number")!)\""),
                ("/people/quality-analyses/new", "id=\"analysis-form\""),
                ("/people/quality-analyses/\(id)", "id=\"figure-resolution\" class=\"miss\""),
            ]
            for (path, mark) in pages {
                let (reads, reply) = try await OnePageOneReadTests.pageReads(supervisor, counter, path)
                #expect(reply.status == .ok, "\(path): \(reply.status)")
                #expect(reply.text.contains(mark), "\(path) does not show \(mark)")
                #expect(reads == 1, "\(path) read the store \(reads) times for one render")
            }
            let detail = try await supervisor.get("/people/quality-analyses/\(id)")
            #expect(detail.text.contains("id=\"analysis-submit\"") && detail.text.contains("id=\"analysis-edit-form\"") && detail.text.contains("data-print"))
            for path in ["/people/quality-analyses", "/people/quality-analyses/new", "/people/quality-analyses/\(id)"] {
                #expect(try await agent.get(path).status == .forbidden, "\(path)")
            }
            // Approved with the line overdue: the list and the detail flag 逾期.
            try await app.expect(.ok, .post, "/api/v1/quality-analyses/\(id)/submit", f.supervisor.token)
            try await app.expect(.ok, .post, "/api/v1/quality-analyses/\(id)/approve", f.manager.token)
            #expect(try await supervisor.get("/people/quality-analyses").text.contains("data-overdue=\"1\""))
            let approved = try await agent.get("/people/quality-analyses/\(id)")
            #expect(approved.status == .ok && approved.text.contains("data-overdue=\"true\"") && approved.text.contains("id=\"line1-done\""))
        }
    }
}
