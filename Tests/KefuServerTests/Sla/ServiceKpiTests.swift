import Foundation
import KefuPlatform
import Testing

@Suite("Service KPI report", .serialized)
struct ServiceKpiTests {
    @Test func firstResponseResolutionRateAndEscalationsByAgent() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 60, escalateAfter: 30)
            // agent: answered in 2 minutes and resolved in time; answered late (received 90 min ago) and never resolved.
            let quick = try await app.emailTicket(org.agent.token, subject: "及时", minutesAgo: 2)
            _ = try await app.call(.post, "/api/v1/tickets/\(quick["id"] as! String)/comments", token: org.agent.token, json: ["body": "好的"])
            _ = try await app.call(.post, "/api/v1/tickets/\(quick["id"] as! String)/status", token: org.agent.token, json: ["status": "resolved"])
            let slow = try await app.emailTicket(org.agent.token, subject: "超时", minutesAgo: 90)
            _ = try await app.call(.post, "/api/v1/tickets/\(slow["id"] as! String)/comments", token: org.agent.token, json: ["body": "抱歉久等"])
            _ = try await app.call(.post, "/api/v1/tickets/\(slow["id"] as! String)/escalate", token: org.agent.token, json: ["reason": "需主管处理"])
            // colleague: one unanswered, overdue.
            _ = try await app.emailTicket(org.colleague.token, subject: "无人应答", minutesAgo: 20)
            _ = try await app.jobs.scanner.scan()

            let today = Self.today()
            let from = Self.reportFrom()
            let report = try await app.call(.get, "/api/v1/reports/service-kpis?from=\(from)&to=\(today)&groupBy=agent", token: org.supervisor.token)
            #expect(report.status == .ok, "\(report.text)")
            #expect(report["resolutionRateTargetPercent"] as? Int == 90)
            let groups = try #require(report["groups"] as? [[String: Any]])
            let agent = try #require(groups.first { $0["key"] as? String == org.agent.id })
            #expect(agent["name"] as? String == "用户agent")
            let fr = try #require(agent["firstResponse"] as? [String: Any])
            #expect(fr["responded"] as? Int == 2)
            #expect(fr["withinTarget"] as? Int == 1)
            #expect(fr["withinTargetPercent"] as? String == "50.0")
            let p90 = try #require(fr["p90Seconds"] as? Int)
            #expect(p90 >= 89 * 60 && p90 <= 91 * 60)
            let median = try #require(fr["medianSeconds"] as? Int)
            // About 2 minutes (the quick ticket's answer, not the 90-minute one); the slack is for a loaded machine, where the
            // calls between logging the ticket and answering it took over 10 s (stop 32, PostgreSQL beside the browser suite).
            #expect(median >= 100 && median <= 180, "\(median)")
            let res = try #require(agent["resolution"] as? [String: Any])
            // Only the slow ticket's 60-minute target has fallen due (and it missed it).
            #expect(res["due"] as? Int == 1)
            #expect(res["resolvedWithinTarget"] as? Int == 0)
            #expect(res["ratePercent"] as? String == "0.0")
            #expect(res["meetsTarget"] as? Bool == false)
            #expect(res["received"] as? Int == 2)
            #expect(res["resolved"] as? Int == 1)
            let esc = try #require(agent["escalations"] as? [String: Any])
            // The manual escalation (late: 90 > 30 minutes) and the scanner's for the two breaches of the slow ticket.
            #expect(esc["late"] as? Int == 1)
            #expect((esc["total"] as? Int ?? 0) >= 2)
            let colleague = try #require(groups.first { $0["key"] as? String == org.colleague.id })
            let cfr = try #require(colleague["firstResponse"] as? [String: Any])
            #expect(cfr["eligible"] as? Int == 1)
            #expect(cfr["withinTargetPercent"] as? String == "0.0")
            #expect(cfr["medianSeconds"] is NSNull)
            let total = try #require(report["total"] as? [String: Any])
            #expect((total["firstResponse"] as? [String: Any])?["eligible"] as? Int == 3)

            let byTeam = try await app.call(.get, "/api/v1/reports/service-kpis?from=\(from)&to=\(today)&groupBy=team", token: org.supervisor.token)
            #expect((byTeam["groups"] as? [[String: Any]])?.map { $0["name"] as? String } == ["客服部"])
            let byDay = try await app.call(.get, "/api/v1/reports/service-kpis?from=\(from)&to=\(today)&groupBy=day", token: org.admin)
            let dayKeys = (byDay["groups"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
            #expect(!dayKeys.isEmpty && Set(dayKeys).isSubset(of: [from, today]), "\(dayKeys)")

            #expect(try await app.call(.get, "/api/v1/reports/service-kpis?from=\(today)&to=\(today)", token: org.agent.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/reports/service-kpis?from=2026-01-01&to=2027-06-01", token: org.admin).status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/reports/service-kpis?from=\(today)&to=\(today)&groupBy=planet", token: org.admin).status == .unprocessableContent)
            // QA's supervisor-less unit: a CS supervisor of another unit sees nothing of CS.
            let qaLead = try await app.createUser(org.admin, "qalead", roles: ["cs_supervisor"], unitId: org.qa)
            let qaView = try await app.call(.get, "/api/v1/reports/service-kpis?from=\(from)&to=\(today)", token: qaLead.token)
            #expect((qaView["groups"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    static func today() -> String { shanghaiDay(Date()) }

    /// The first day of a report that must hold tickets received up to two hours ago: just after midnight in Shanghai
    /// they were received yesterday (a run at 00:10 Asia/Shanghai once missed the 90-minute-old ticket).
    static func reportFrom() -> String { shanghaiDay(Date().addingTimeInterval(-2 * 3600)) }

    static func shanghaiDay(_ date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = cal.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
