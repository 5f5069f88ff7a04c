import Foundation
import KefuDomain
import KefuPlatform
import SQLKit
import Testing

/// #15.5 KPI-01: tickets with SLA outcomes, an escalation, surveys and a complaint land in the right agent's row; the
/// scope rule holds (another unit's agents never appear; an agent cannot read the team's scorecard).
@Suite("Agent scorecard (#15.5, KPI-01)")
struct ScorecardFlowTests {
    /// A period around today (the tickets are written at now − 1 h).
    static func period() -> String {
        let today = Times.day(Date())
        return "from=\(CivilDay(number: today.number - 1).iso)&to=\(CivilDay(number: today.number + 1).iso)"
    }

    /// Writes a ticket's clocks relative to `base` (epoch millis), as the SLA engine would have recorded them.
    static func clocks(_ app: TestApp, _ id: String, received: Int64, responded: Int64?, responseDue: Int64, resolutionDue: Int64, resolved: Int64?) async throws {
        try await app.store.write { db in
            try await db.raw("""
                UPDATE tickets SET received_at = \(bind: received), first_responded_at = \(bind: responded), first_response_due_at = \(bind: responseDue),
                resolution_due_at = \(bind: resolutionDue), resolved_at = \(bind: resolved) WHERE id = \(bind: id)
                """).run()
        }
    }

    static func row(_ r: TestApp.Reply, _ agentId: String) -> [String: Any]? {
        r.items.first { $0["agentId"] as? String == agentId }
    }

    static func ratio(_ row: [String: Any]?, _ key: String) -> String? {
        ((row?[key] as? [String: Any])?["percent"] as? String)
    }

    @Test func factsLandInTheRightAgentsRowAndTheScopeHolds() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let east = try await app.createUnit(o.admin, code: "EAST", name: "华东分公司", kind: "business", parentId: o.root)
            let eastAgent = try await app.createUser(o.admin, "eastagent", roles: ["cs_agent"], unitId: east)
            let eastSupervisor = try await app.createUser(o.admin, "eastsup", roles: ["cs_supervisor"], unitId: east)
            let customer: [String: Any] = ["customer": ["name": "赵经理", "phone": "13600001111"]]
            let a1 = try await app.createTicket(o.agent.token, subject: "备件价格", extra: customer).string("id")!
            let a2 = try await app.createTicket(o.agent.token, subject: "安装预约", extra: customer).string("id")!
            let c1 = try await app.createTicket(o.colleague.token, subject: "发票", extra: customer).string("id")!
            let e1 = try await app.createTicket(eastAgent.token, subject: "华东咨询", extra: customer).string("id")!
            let now = Clock.millis(), base = now - 3_600_000
            // Agent: a1 answered in 1 min (due 5 min) and resolved in time; a2 never answered (overdue) and not resolved by its due time.
            try await Self.clocks(app, a1, received: base, responded: base + 60_000, responseDue: base + 300_000, resolutionDue: base + 600_000, resolved: base + 500_000)
            try await Self.clocks(app, a2, received: base, responded: nil, responseDue: base + 300_000, resolutionDue: base + 600_000, resolved: nil)
            // Colleague: answered in time; resolution not yet due.
            try await Self.clocks(app, c1, received: base, responded: base + 10_000, responseDue: base + 300_000, resolutionDue: now + 86_400_000, resolved: nil)
            try await Self.clocks(app, e1, received: base, responded: base + 10_000, responseDue: base + 300_000, resolutionDue: now + 86_400_000, resolved: nil)
            // ESC-01: one late escalation of the agent's ticket.
            try await app.store.write { db in
                try await db.raw("""
                    INSERT INTO ticket_escalations (id, ticket_id, level, automatic, late, reason, actor_id, owner_id, team_id, org_path, at)
                    VALUES ('esc-test-1', \(bind: a2), 1, 0, 1, '超出权限', \(bind: o.agent.id), \(bind: o.agent.id), NULL, '/', \(bind: base + 400_000))
                    """).run()
            }
            // SAT-08: a survey of the agent's ticket (比较满意) and one of the colleague's (不太满意).
            func survey(_ ticket: String, _ token: String, overall: Int) async throws {
                let inv = try await app.expect(.created, .post, "/api/v1/survey-invitations", token, ["ticketId": ticket])
                let t = String(inv.string("url")!.split(separator: "/").last!)
                try await app.expect(.created, .post, "/api/v1/public/surveys/\(t)", nil, ["overall": overall])
            }
            try await survey(a1, o.agent.token, overall: 4)
            try await survey(c1, o.colleague.token, overall: 2)
            // CMP-17: a complaint (logged by the colleague) about the agent's attitude.
            let complaintTicket = try await app.createTicket(o.colleague.token, subject: "坐席态度差", extra: customer.merging(["type": "complaint"]) { a, _ in a }).string("id")!
            try await Self.clocks(app, complaintTicket, received: base, responded: nil, responseDue: now + 86_400_000, resolutionDue: now + 86_400_000, resolved: nil)
            let complaint = try await app.call(.get, "/api/v1/complaints", token: o.colleague.token).items.first { $0["ticketId"] as? String == complaintTicket }?["id"] as! String
            try await app.expect(.ok, .post, "/api/v1/complaints/\(complaint)/classify", o.colleague.token,
                                 ["responsibility": "company", "handling": "customer_service", "aboutUserId": o.agent.id])

            let path = "/api/v1/reports/agent-scorecards?\(Self.period())"
            let report = try await app.expect(.ok, .get, path + "&orgUnitId=\(o.cs)", o.supervisor.token)
            #expect(report.string("orgUnitName") == "客服部")
            // 客服部's customer-service staff: agent, colleague, supervisor, the CS manager; never QA, the engineer or 华东's agent.
            #expect(Set(report.items.map { $0["agentId"] as! String }) == [o.agent.id, o.colleague.id, o.supervisor.id, f.manager.id])
            let agent = Self.row(report, o.agent.id)
            #expect(agent?["taken"] as? Int == 2)
            #expect(Self.ratio(agent, "firstResponse") == "50.00")
            #expect(Self.ratio(agent, "resolution") == "50.00")
            #expect(agent?["escalations"] as? Int == 1)
            #expect(agent?["lateEscalations"] as? Int == 1)
            #expect(Self.ratio(agent, "satisfaction") == "100.00")
            #expect(agent?["complaints"] as? Int == 1)
            // (25·5000 + 25·5000 + 10·0 + 20·10000) / 80 = 5625, less 5 points for the complaint.
            #expect(agent?["score"] as? String == "51.25")
            let colleague = Self.row(report, o.colleague.id)
            #expect(colleague?["taken"] as? Int == 2)
            #expect(Self.ratio(colleague, "firstResponse") == "100.00")
            #expect(Self.ratio(colleague, "resolution") == nil)
            #expect(Self.ratio(colleague, "satisfaction") == "0.00")
            #expect(colleague?["complaints"] as? Int == 0)
            #expect(colleague?["score"] as? String == "55.56")
            // No data: "—" (null), never 0.
            let supervisor = Self.row(report, o.supervisor.id)
            #expect(supervisor?["score"] is NSNull)
            #expect(Self.ratio(supervisor, "firstResponse") == nil)
            // Sorted best first by default, pages of `per`.
            #expect(report.items.prefix(2).map { $0["agentId"] as? String } == [o.colleague.id, o.agent.id])
            let byComplaints = try await app.expect(.ok, .get, path + "&sort=complaints&per=1", o.supervisor.token)
            #expect(byComplaints.items.map { $0["agentId"] as? String } == [o.agent.id])
            #expect(byComplaints["total"] as? Int == 4)
            try await app.expect(.unprocessableContent, .get, path + "&sort=shoe-size", o.supervisor.token)

            // Scope: the supervisor's default is their own unit; another unit is refused; 华东's supervisor sees only 华东.
            let own = try await app.expect(.ok, .get, path, o.supervisor.token)
            #expect(own.items.count == 4)
            try await app.expect(.forbidden, .get, path + "&orgUnitId=\(east)", o.supervisor.token)
            let eastReport = try await app.expect(.ok, .get, path, eastSupervisor.token)
            #expect(Set(eastReport.items.map { $0["agentId"] as! String }) == [eastAgent.id, eastSupervisor.id])
            #expect(Self.ratio(Self.row(eastReport, eastAgent.id), "firstResponse") == "100.00")
            try await app.expect(.forbidden, .get, path + "&orgUnitId=\(o.cs)", eastSupervisor.token)
            // The head office sees everyone.
            let all = try await app.expect(.ok, .get, path, o.admin)
            #expect(Self.row(all, eastAgent.id) != nil && Self.row(all, o.agent.id) != nil)
            // An agent cannot read the team's scorecard, only their own row; an engineer neither.
            try await app.expect(.forbidden, .get, path, o.agent.token)
            try await app.expect(.forbidden, .get, path, f.engineer.token)
            let mine = try await app.expect(.ok, .get, "/api/v1/reports/agent-scorecards/me?\(Self.period())", o.agent.token)
            #expect(mine.items.map { $0["agentId"] as? String } == [o.agent.id])
            #expect(mine.items.first?["score"] as? String == "51.25")
            try await app.expect(.forbidden, .get, "/api/v1/reports/agent-scorecards/me", o.admin)
            // QA reads its own unit (no agents there): an empty list, not an error.
            let qa = try await app.expect(.ok, .get, path, o.qaUser.token)
            #expect(qa.items.isEmpty)
            #expect(qa["total"] as? Int == 0)
        }
    }

    @Test func theDefaultPeriodIsLastFullMonth() async throws {
        try await TestApp.run { app in
            let o = try await OrgFixture.make(app)
            let r = try await app.expect(.ok, .get, "/api/v1/reports/agent-scorecards", o.supervisor.token)
            let today = Times.day(Date()).components
            let firstOfMonth = CivilDay(year: today.year, month: today.month, day: 1)
            #expect(r.string("to") == CivilDay(number: firstOfMonth.number - 1).iso)
            #expect(r.string("from")?.hasSuffix("-01") == true)
            try await app.expect(.unprocessableContent, .get, "/api/v1/reports/agent-scorecards?from=2026-13-01&to=2026-12-01", o.supervisor.token)
        }
    }

    @Test func pagesAndExportsShowTheTeamAndOnlyTheAgentsOwnRow() async throws {
        try await TestApp.run { app in
            _ = try await OrgFixture.make(app)
            let supervisor = PageSession(app)
            _ = try await supervisor.signIn("supervisor", "password-supervisor")
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            let page = try await supervisor.get("/people/scorecards")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"scorecard-table\""))
            #expect(page.text.contains("用户agent") && page.text.contains("用户colleague"))
            #expect(page.text.contains("href=\"/people/scorecards\""), "in the navigation")
            let csv = try await supervisor.get("/people/scorecards.csv?\(Self.period())")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("用户agent"))
            let xlsx = try await supervisor.get("/people/scorecards.xlsx?\(Self.period())")
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentDisposition]?.contains(".xlsx") == true)
            // The agent: refused the team page, sees only their own row.
            #expect(try await agent.get("/people/scorecards").status == .forbidden)
            #expect(try await agent.get("/people/scorecards.csv").status == .forbidden)
            let mine = try await agent.get("/people/scorecards/me")
            #expect(mine.status == .ok)
            #expect(mine.text.contains("用户agent") && !mine.text.contains("用户colleague"))
            #expect(!mine.text.contains("href=\"/people/scorecards\""), "the team page is not in an agent's navigation")
        }
    }
}
