import Foundation
import Testing

@Suite("Service-standard pages", .serialized)
struct SlaPageTests {
    @Test func queuesShowWorkingTimeAndTheBreachedAndTodayViews() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let late = try await app.emailTicket(org.agent.token, subject: "超时的邮件", minutesAgo: 20)
            _ = try await app.emailTicket(org.agent.token, subject: "刚到的邮件", minutesAgo: 1)
            _ = try await app.jobs.scanner.scan()
            let session = PageSession(app)
            _ = try await session.signIn("supervisor", "password-supervisor")
            let queue = try await session.get("/tickets?view=all&breached=true")
            #expect(queue.status == .ok)
            #expect(queue.text.contains("超时的邮件"))
            #expect(!queue.text.contains("刚到的邮件"))
            #expect(queue.text.contains("id=\"tab-breached\" class=\"active\""))
            #expect(queue.text.contains("已超时"))
            let soon = try await session.get("/tickets?view=all&dueWithin=60")
            #expect(soon.text.contains("刚到的邮件"))
            #expect(soon.text.contains("剩余"))
            let today = try await session.get("/tickets?view=all&openReceivedToday=true")
            #expect(today.text.contains("id=\"tab-today\" class=\"active\""))
            let detail = try await session.get("/tickets/\(late["id"] as! String)")
            #expect(detail.text.contains("id=\"ticket-breaches\""))
            #expect(detail.text.contains("邮件 7×24"))
            #expect(detail.text.contains("首次响应超时"))
            #expect(detail.text.contains("id=\"bell\""))
        }
    }

    @Test func notificationsPageListsAndMarksRead() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let late = try await app.emailTicket(org.agent.token, subject: "无人回复", minutesAgo: 20)
            _ = try await app.jobs.scanner.scan()
            let session = PageSession(app)
            _ = try await session.signIn("supervisor", "password-supervisor")
            let page = try await session.get("/notifications")
            #expect(page.status == .ok)
            #expect(page.text.contains(late["number"] as! String))
            #expect(page.text.contains("class=\"card notification unread\""))
            let csrf = try #require(PageSession.csrf(in: page.text))
            let done = try await session.post("/notifications/read-all", form: ["_csrf": csrf])
            #expect(done.status == .seeOther || done.status == .found)
            let after = try await session.get("/notifications?unread=true")
            #expect(after.text.contains("没有未读通知"))
        }
    }

    @Test func managersEditPoliciesAndAdministratorsTheCalendarOnPages() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            let list = try await session.get("/admin/sla")
            #expect(list.text.contains("默认服务标准"))
            let csrf = try #require(PageSession.csrf(in: list.text))
            let bad = try await session.post("/admin/sla", form: ["_csrf": csrf, "name": "投诉", "type": "complaint", "calendar": "24x7",
                                                                 "firstResponseMinutes": "30", "resolutionMinutes": "10", "escalateAfterMinutes": "30", "active": "true"])
            // #11.2: refused, the form comes back through a redirect with the reason and what was typed.
            #expect(bad.status == .seeOther)
            let badPage = try await session.get(bad.headers[.location] ?? "")
            #expect(badPage.text.contains("解决时限不能短于首次响应时限"))
            #expect(badPage.text.contains("value=\"投诉\""))
            let ok = try await session.post("/admin/sla", form: ["_csrf": csrf, "name": "投诉", "type": "complaint", "calendar": "24x7",
                                                                "firstResponseMinutes": "5", "resolutionMinutes": "480", "escalateAfterMinutes": "30", "active": "true"])
            #expect(ok.status == .seeOther || ok.status == .found)
            #expect(try await session.get("/admin/sla").text.contains("投诉"))

            let calendar = try await session.get("/admin/calendar?year=2027")
            #expect(calendar.text.contains("id=\"year-source\""))
            #expect(calendar.text.contains("尚无放假安排数据"))
            let badYear = try await session.post("/admin/calendar", form: ["_csrf": csrf, "year": "2027", "holidays": "元旦 2027-01-01", "workdays": ""])
            #expect(badYear.status == .seeOther)
            #expect(try await session.get(badYear.headers[.location] ?? "").text.contains("第 1 行"))
            let saved = try await session.post("/admin/calendar", form: ["_csrf": csrf, "year": "2027", "holidays": "元旦,2027-01-01,2027-01-03", "workdays": "2027-01-09"])
            #expect(saved.status == .seeOther || saved.status == .found)
            let shown = try await session.get("/admin/calendar?year=2027")
            #expect(shown.text.contains("data-date=\"2027-01-01\""))
            #expect(shown.text.contains("class=\"day holiday\" title=\"元旦\" data-date=\"2027-01-01\""))
            #expect(shown.text.contains("class=\"day adjusted_workday\" title=\"调休上班\" data-date=\"2027-01-09\""))

            // An agent sees neither form.
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            #expect(!(try await agent.get("/admin/sla").text.contains("id=\"policy-form\"")))
            let agentCalendar = try await agent.get("/admin/calendar")
            #expect(agentCalendar.status == .ok)
            #expect(!agentCalendar.text.contains("id=\"year-form\""))
            _ = org
        }
    }

    @Test func kpiPageDrawsChartsAndExportsCsv() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let t = try await app.emailTicket(org.agent.token, subject: "KPI", minutesAgo: 70)
            _ = try await app.call(.post, "/api/v1/tickets/\(t["id"] as! String)/comments", token: org.agent.token, json: ["body": "您好"])
            let session = PageSession(app)
            _ = try await session.signIn("supervisor", "password-supervisor")
            let today = ServiceKpiTests.today(), from = ServiceKpiTests.reportFrom()
            let page = try await session.get("/reports/service-kpis?from=\(from)&to=\(today)&groupBy=agent")
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg class=\"chart\" id=\"chart-resolution\""))
            #expect(page.text.contains("<svg class=\"chart\" id=\"chart-first-response\""))
            #expect(page.text.contains("用户agent"))
            let csv = try await session.get("/reports/service-kpis.csv?from=\(from)&to=\(today)&groupBy=agent")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first?.contains("问题解决率%") == true)
            #expect(lines.contains { $0.contains("用户agent") && $0.contains(",0.0,否,") })
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            #expect(try await agent.get("/reports/service-kpis").status == .forbidden)
        }
    }
}

/// #11.2: numbers with thousands separators and days as people write them, on the SLA pages.
@Suite("Service-standard pages take usual input (#11.2)")
struct SlaPageUsualInputTests {
    @Test func minutesWithSeparatorsAndSlashedDaysAreAccepted() async throws {
        try await TestApp.run { app in
            let session = PageSession(app)
            _ = try await session.signIn("admin", TestApp.adminPassword)
            let csrf = try #require(PageSession.csrf(in: try await session.get("/admin/sla").text))
            let ok = try await session.post("/admin/sla", form: ["_csrf": csrf, "name": "大客户", "type": "complaint", "calendar": "24x7",
                                                                "firstResponseMinutes": "３０", "resolutionMinutes": "3,500", "escalateAfterMinutes": "60", "active": "true"])
            #expect(ok.headers[.location]?.contains("notice=policy_created") == true)
            let list = try await session.get(ok.headers[.location] ?? "")
            #expect(list.text.contains("已创建服务标准 大客户"))
            #expect(list.text.contains("3500"))
            let saved = try await session.post("/admin/calendar", form: ["_csrf": csrf, "year": "2027", "holidays": "国庆,2027/10/01,2027年10月7日", "workdays": "2027/10/09"])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location]?.contains("notice=calendar_saved") == true)
            let shown = try await session.get("/admin/calendar?year=2027")
            #expect(shown.text.contains("data-date=\"2027-10-07\""))
        }
    }
}
