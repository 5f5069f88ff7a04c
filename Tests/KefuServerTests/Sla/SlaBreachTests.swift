import Foundation
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import Logging
import SQLKit
import Testing

@Suite("Breaches, escalation and notifications", .serialized)
struct SlaBreachTests {
    @Test func theScannerRecordsEachBreachOnceEscalatesAndNotifiesTheSupervisor() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 60)
            let late = try await app.emailTicket(org.agent.token, subject: "风机齿轮箱漏油", minutesAgo: 10)
            let fresh = try await app.emailTicket(org.agent.token, subject: "刚来的邮件", minutesAgo: 0)
            let lateId = late["id"] as! String

            let pass = try await app.jobs.scanner.scan()
            #expect(pass.breachesRecorded == 1)
            #expect(pass.notificationsSent == 1)
            let ticket = try await app.call(.get, "/api/v1/tickets/\(lateId)", token: org.agent.token)
            #expect(ticket["escalationLevel"] as? Int == 1)
            let breaches = try #require((ticket["sla"] as? [String: Any])?["breaches"] as? [[String: Any]])
            #expect(breaches.map { $0["kind"] as? String } == ["first_response"])
            #expect(breaches.first?["at"] as? String == (ticket["sla"] as? [String: Any])?["firstResponseDueAt"] as? String)
            let events = try await app.call(.get, "/api/v1/tickets/\(lateId)/events", token: org.agent.token).items.map { $0["kind"] as! String }
            #expect(events.contains("sla_breached"))
            #expect(events.contains("escalated"))
            #expect((try await app.call(.get, "/api/v1/tickets/\(fresh["id"] as! String)", token: org.agent.token))["escalationLevel"] as? Int == 0)
            // A list and a search read the breaches of the tickets that carry a breach mark, and only theirs.
            func breachKinds(_ item: [String: Any]) -> [String?] {
                ((item["sla"] as? [String: Any])?["breaches"] as? [[String: Any]] ?? []).map { $0["kind"] as? String }
            }
            let listed = try await app.call(.get, "/api/v1/tickets", token: org.agent.token).items
            #expect(listed.first { $0["id"] as? String == lateId }.map(breachKinds) == ["first_response"])
            #expect(listed.first { $0["id"] as? String == fresh["id"] as? String }.map(breachKinds) == [])
            let searched = try await app.call(.get, "/api/v1/tickets?q=\("漏油".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: org.agent.token).items
            #expect(searched.map(breachKinds) == [["first_response"]])

            // Idempotent: a second pass records nothing.
            let again = try await app.jobs.scanner.scan()
            #expect(again.breachesRecorded == 0)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM ticket_breaches") == 1)

            // The supervisor of the owner's unit hears of it; the agent does not.
            let bell = try await app.call(.get, "/api/v1/notifications", token: org.supervisor.token)
            #expect(bell.status == .ok)
            #expect(bell["unread"] as? Int == 1)
            let note = try #require(bell.items.first)
            #expect(note["ticketId"] as? String == lateId)
            #expect((note["title"] as? String)?.contains(late["number"] as! String) == true)
            #expect(try await app.call(.get, "/api/v1/notifications", token: org.agent.token)["total"] as? Int == 0)
            // Someone else's notification cannot be touched.
            let noteId = note["id"] as! String
            #expect(try await app.call(.post, "/api/v1/notifications/\(noteId)/read", token: org.agent.token).status == .notFound)
            #expect(try await app.call(.post, "/api/v1/notifications/\(noteId)/read", token: org.supervisor.token).status == .noContent)
            #expect(try await app.call(.get, "/api/v1/notifications/unread-count", token: org.supervisor.token)["unread"] as? Int == 0)
            #expect(try await app.call(.get, "/api/v1/notifications?unread=true", token: org.supervisor.token)["total"] as? Int == 0)
            #expect(try await app.call(.get, "/api/v1/notifications?unread=maybe", token: org.supervisor.token).status == .unprocessableContent)

            // The breached view finds it; the fresh ticket is "breaching soon".
            let breached = try await app.call(.get, "/api/v1/tickets?breached=true", token: org.supervisor.token)
            #expect(breached.items.map { $0["id"] as? String } == [lateId])
            let soon = try await app.call(.get, "/api/v1/tickets?dueWithin=10", token: org.supervisor.token)
            #expect(soon.items.map { $0["id"] as? String } == [fresh["id"] as? String])
        }
    }

    @Test func answeringInTimeStopsTheClockAndLateAnswersCountAsBreaches() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 60)
            let ticket = try await app.emailTicket(org.agent.token, subject: "叶片开裂", minutesAgo: 3)
            let id = ticket["id"] as! String
            #expect(try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.agent.token, json: ["body": "已收到，马上处理"]).status == .created)
            let answered = try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token)
            let sla = try #require(answered["sla"] as? [String: Any])
            #expect(sla["firstRespondedAt"] is String)
            #expect(try await app.jobs.scanner.scan().breachesRecorded == 0)
            // The resolution clock still runs: 60 minutes from receipt.
            #expect(SlaPolicyTests.millis(sla["resolutionDueAt"] as! String) - SlaPolicyTests.millis(answered["receivedAt"] as! String) == 60 * 60_000)
        }
    }

    @Test func waitingOnTheCustomerPausesTheClocksAndReopeningRestartsResolution() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 60)
            let ticket = try await app.emailTicket(org.agent.token, subject: "等待客户回复", minutesAgo: 50)
            let id = ticket["id"] as! String
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/comments", token: org.agent.token, json: ["body": "请提供照片"])
            _ = try await app.jobs.scanner.scan()   // the late first response is a breach; resolution still has 10 minutes
            let paused = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "pending_customer"])
            #expect(paused.status == .ok, "\(paused.text)")
            let pausedSla = try #require(paused["sla"] as? [String: Any])
            #expect(pausedSla["pausedAt"] is String)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM tickets WHERE id = '\(id)' AND due_at IS NULL AND sla_next_at IS NULL") == 1)
            // Hours later the scanner would find nothing while it waits.
            #expect(try await app.jobs.scanner.scan(now: Date().addingTimeInterval(3 * 3600)).breachesRecorded == 0)

            let resumed = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "open"])
            let resumedSla = try #require(resumed["sla"] as? [String: Any])
            #expect(resumedSla["pausedAt"] is NSNull)
            let due = SlaPolicyTests.millis(resumedSla["resolutionDueAt"] as! String)
            let left = due - Clock.millis(Date())
            #expect(left > 8 * 60_000 && left <= 10 * 60_000, "about 10 minutes were left: \(left)")

            let resolved = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "resolved"])
            #expect((resolved["sla"] as? [String: Any])?["resolvedAt"] is String)
            let reopened = try await app.call(.post, "/api/v1/tickets/\(id)/status", token: org.agent.token, json: ["status": "open"])
            let reopenedDue = SlaPolicyTests.millis((reopened["sla"] as? [String: Any])?["resolutionDueAt"] as! String)
            #expect(reopenedDue - Clock.millis(Date()) > 55 * 60_000, "the full hour again")
        }
    }

    @Test func twoScannersAtOnceRecordEachBreachOnce() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 600)
            for i in 0..<40 { _ = try await app.emailTicket(org.agent.token, subject: "并发扫描 \(i)", minutesAgo: 20) }
            // A second node: its own scanner and settings over the same database.
            let other = SlaScanner(store: app.store, settings: SlaSettings(store: app.store))
            async let a = app.jobs.scanner.scan()
            async let b = other.scan()
            let (x, y) = try await (a, b)
            #expect(x.breachesRecorded + y.breachesRecorded == 40)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM ticket_breaches") == 40)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM tickets WHERE escalation_level = 1") == 40)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM ticket_escalations") == 40)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM notifications") == 40)
        }
    }

    @Test func theBackgroundJobFindsBreachesWithoutARequest() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin)
            let ticket = try await app.emailTicket(org.agent.token, subject: "无人处理", minutesAgo: 6)
            let jobs = SlaJobs(scanner: app.jobs.scanner, webhooks: app.jobs.webhooks, interval: 1)
            let task = Task { await jobs.run(logger: Logger(label: "test")) }
            defer { task.cancel() }
            var level = 0
            for _ in 0..<50 where level == 0 {
                try await Task.sleep(for: .milliseconds(100))
                level = try await app.call(.get, "/api/v1/tickets/\(ticket["id"] as! String)", token: org.agent.token)["escalationLevel"] as? Int ?? 0
            }
            #expect(level == 1)
        }
    }

    @Test func manualEscalationIsLateAfterTheEscalateAfterTime() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 600, escalateAfter: 30)
            let onTime = try await app.emailTicket(org.agent.token, subject: "及时升级", minutesAgo: 10)
            let late = try await app.emailTicket(org.agent.token, subject: "延迟升级", minutesAgo: 45)
            for (t, expected) in [(onTime, "false"), (late, "true")] {
                let id = t["id"] as! String
                let r = try await app.call(.post, "/api/v1/tickets/\(id)/escalate", token: org.agent.token, json: ["reason": "超出权限", "toOrgUnitId": org.qa])
                #expect(r.status == .ok, "\(r.text)")
                let event = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: org.supervisor.token).items.last { $0["kind"] as? String == "escalated" }
                #expect((event?["data"] as? [String: Any])?["late"] as? String == expected)
            }
            #expect(try await app.count("SELECT COUNT(*) AS n FROM ticket_escalations WHERE late = 1") == 1)
            // Escalated to QA: QA has no supervisor, so the head office (root) supervisors would hear; here nobody is there.
            #expect(try await app.count("SELECT COUNT(*) AS n FROM notifications") == 0)
        }
    }

    @Test func alertsWaitForBusinessHoursUnlessUrgent() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            // The seed policy runs on business hours.
            let normal = try await app.createTicket(org.agent.token, subject: "普通", extra: ["receivedAt": TestApp.minutesAgo(60 * 24 * 7)])
            let urgent = try await app.createTicket(org.agent.token, subject: "紧急", extra: ["receivedAt": TestApp.minutesAgo(60 * 24 * 7), "priority": "urgent"])
            #expect(normal.status == .created && urgent.status == .created)
            // Scan as of the coming Saturday 23:00 Beijing, outside business hours.
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
            var day = cal.startOfDay(for: Date().addingTimeInterval(86_400))
            while cal.component(.weekday, from: day) != 7 { day = cal.date(byAdding: .day, value: 1, to: day)! }
            let saturdayNight = day.addingTimeInterval(23 * 3600)
            let pass = try await app.jobs.scanner.scan(now: saturdayNight)
            #expect(pass.breachesRecorded >= 2)
            let rows = try await app.store.read { db in
                try await db.raw("SELECT t.priority, MIN(n.deliver_at) AS d FROM notifications n JOIN tickets t ON t.id = n.ticket_id GROUP BY t.priority").all()
            }
            var deliver: [String: Int64] = [:]
            for r in rows { deliver[try r.decode(column: "priority", as: String.self)] = try r.decode(column: "d", as: Int64.self) }
            #expect(deliver["urgent"] == Clock.millis(saturdayNight))
            // The next opening after Saturday night: Monday 09:00 unless the calendar says otherwise.
            let calendar = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))
            let opening = calendar.nextWorkingInstant(atOrAfter: Clock.millis(saturdayNight), .businessHours)
            #expect(deliver["normal"] == opening)
            #expect(opening - Clock.millis(saturdayNight) >= 34 * 3600 * 1000)
        }
    }
}
