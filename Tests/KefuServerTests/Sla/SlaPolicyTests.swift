import Foundation
import Testing

@Suite("SLA policies and the calendar", .serialized)
struct SlaPolicyTests {
    @Test func theSeedPolicyAppliesAndATicketKeepsItsPolicy() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let list = try await app.call(.get, "/api/v1/sla-policies", token: org.agent.token)
            #expect(list.status == .ok)
            let seed = try #require(list.items.first)
            #expect(seed["firstResponseMinutes"] as? Int == 5)
            #expect(seed["escalateAfterMinutes"] as? Int == 60)
            #expect(seed["resolutionMinutes"] as? Int == 1620)
            #expect(seed["calendar"] as? String == "business_hours")
            #expect((seed["createdAt"] as? String)?.hasPrefix("1970") == false, "the seed policy is dated when the database was made")

            let policyId = try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 10)
            let phone = try await app.createTicket(org.agent.token, subject: "电话报修")
            #expect((phone["sla"] as? [String: Any])?["policyId"] as? String == seed["id"] as? String)
            let email = try await app.emailTicket(org.agent.token, subject: "邮件报修", minutesAgo: 0)
            let sla = try #require(email["sla"] as? [String: Any])
            #expect(sla["policyId"] as? String == policyId)
            #expect(sla["calendar"] as? String == "24x7")
            let received = try #require(email["receivedAt"] as? String)
            let due = try #require(sla["firstResponseDueAt"] as? String)
            #expect(Self.millis(due) - Self.millis(received) == 10 * 60_000)

            // Editing the policy changes new tickets only.
            let put = try await app.call(.put, "/api/v1/sla-policies/\(policyId)", token: org.admin, json: [
                "name": "邮件 7×24", "match": ["channel": "email"], "calendar": "24x7",
                "firstResponseMinutes": 30, "resolutionMinutes": 120, "escalateAfterMinutes": 60,
            ])
            #expect(put.status == .ok, "\(put.text)")
            let again = try await app.call(.get, "/api/v1/tickets/\(email["id"] as! String)", token: org.agent.token)
            #expect((again["sla"] as? [String: Any])?["firstResponseDueAt"] as? String == due)
            let later = try await app.emailTicket(org.agent.token, subject: "新邮件", minutesAgo: 0)
            let laterSla = try #require(later["sla"] as? [String: Any])
            #expect(Self.millis(laterSla["firstResponseDueAt"] as! String) - Self.millis(later["receivedAt"] as! String) == 30 * 60_000)

            // A more specific policy wins; retiring it hands tickets back.
            let urgentEmail = try await app.call(.post, "/api/v1/sla-policies", token: org.admin, json: [
                "name": "紧急邮件", "match": ["channel": "email", "priority": "urgent"], "calendar": "24x7",
                "firstResponseMinutes": 2, "resolutionMinutes": 60, "escalateAfterMinutes": 10,
            ])
            #expect(urgentEmail.status == .created)
            let urgent = try await app.emailTicket(org.agent.token, subject: "紧急", minutesAgo: 0, priority: "urgent")
            #expect((urgent["sla"] as? [String: Any])?["policyName"] as? String == "紧急邮件")
            let retired = try await app.call(.delete, "/api/v1/sla-policies/\(urgentEmail.string("id")!)", token: org.admin)
            #expect(retired.status == .noContent)
            #expect(try await app.call(.get, "/api/v1/sla-policies/\(urgentEmail.string("id")!)", token: org.admin).status == .notFound)
            let urgent2 = try await app.emailTicket(org.agent.token, subject: "紧急2", minutesAgo: 0, priority: "urgent")
            #expect((urgent2["sla"] as? [String: Any])?["policyId"] as? String == policyId)
            let urgentAgain = try await app.call(.get, "/api/v1/tickets/\(urgent["id"] as! String)", token: org.agent.token)
            #expect((urgentAgain["sla"] as? [String: Any])?["policyName"] as? String == "紧急邮件")
        }
    }

    @Test func onlyManagersChangePoliciesAndBadInputIsNamed() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let body: [String: Any] = ["name": "x", "firstResponseMinutes": 5, "resolutionMinutes": 60, "escalateAfterMinutes": 60]
            let denied = try await app.call(.post, "/api/v1/sla-policies", token: org.supervisor.token, json: body)
            #expect(denied.status == .forbidden)
            #expect(denied.errorCode == "forbidden")
            // #10.3 / #10.20: SLA policies are the company's: a unit's CS manager or administrator may not change them.
            let manager = try await app.createUser(org.admin, "manager", roles: ["cs_manager"], unitId: org.cs)
            #expect(try await app.call(.post, "/api/v1/sla-policies", token: manager.token, json: body).status == .forbidden)
            let unitAdmin = try await app.createUser(org.admin, "unitadmin", roles: ["admin"], unitId: org.cs)
            #expect(try await app.call(.post, "/api/v1/sla-policies", token: unitAdmin.token, json: body).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/business-hours", token: unitAdmin.token, json: ["start": "08:00", "end": "17:00"]).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/calendar/years/2027", token: unitAdmin.token, json: ["holidays": [], "workdays": []]).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/settings/satisfaction-target", token: unitAdmin.token, json: ["percent": "90"]).status == .forbidden)
            let hqManager = try await app.createUser(org.admin, "hqmanager", roles: ["cs_manager"], unitId: org.root)
            #expect(try await app.call(.post, "/api/v1/sla-policies", token: hqManager.token, json: body).status == .created)

            var bad = body
            bad["resolutionMinutes"] = 2
            let short = try await app.call(.post, "/api/v1/sla-policies", token: org.admin, json: bad)
            #expect(short.status == .unprocessableContent)
            #expect(short.json["error"].flatMap { ($0 as? [String: Any])?["field"] as? String } == "resolutionMinutes")
            bad = body
            bad["calendar"] = "weekdays"
            #expect(try await app.call(.post, "/api/v1/sla-policies", token: org.admin, json: bad).status == .unprocessableContent)
            bad = body
            bad["match"] = ["priority": "asap"]
            #expect(try await app.call(.post, "/api/v1/sla-policies", token: org.admin, json: bad).status == .unprocessableContent)
            bad = body
            bad["firstResponseMinutes"] = 0
            #expect(try await app.call(.post, "/api/v1/sla-policies", token: org.admin, json: bad).status == .unprocessableContent)
        }
    }

    @Test func calendarDaysFollowTheStateCouncilNotice() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let days = try await app.call(.get, "/api/v1/calendar/days?from=2026-02-13&to=2026-02-24", token: org.agent.token)
            #expect(days.status == .ok)
            let kinds = Dictionary(uniqueKeysWithValues: days.items.map { ($0["date"] as! String, $0["kind"] as! String) })
            #expect(kinds["2026-02-13"] == "workday")
            #expect(kinds["2026-02-14"] == "adjusted_workday")
            #expect(kinds["2026-02-17"] == "holiday")
            #expect(kinds["2026-02-24"] == "workday")
            #expect(days.items.first { $0["date"] as? String == "2026-02-17" }?["name"] as? String == "春节")
            #expect(days.items.count == 12)

            // 2027 has no notice yet: plain weeks, and the year says so.
            let year = try await app.call(.get, "/api/v1/calendar/years/2027", token: org.agent.token)
            #expect(year.string("source") == "none")
            let newYear = try await app.call(.get, "/api/v1/calendar/days?from=2027-01-01&to=2027-01-01", token: org.agent.token)
            #expect(newYear.items.first?["kind"] as? String == "workday")

            // An administrator enters 2027's notice.
            let notice: [String: Any] = ["holidays": [["name": "元旦", "from": "2027-01-01", "to": "2027-01-03"]], "workdays": ["2027-01-09"]]
            #expect(try await app.call(.put, "/api/v1/calendar/years/2027", token: org.supervisor.token, json: notice).status == .forbidden)
            let put = try await app.call(.put, "/api/v1/calendar/years/2027", token: org.admin, json: notice)
            #expect(put.status == .ok, "\(put.text)")
            #expect(put.string("source") == "edited")
            let after = try await app.call(.get, "/api/v1/calendar/days?from=2027-01-01&to=2027-01-09", token: org.agent.token)
            #expect(after.items.first?["kind"] as? String == "holiday")
            #expect(after.items.last?["kind"] as? String == "adjusted_workday")

            let wrong = try await app.call(.put, "/api/v1/calendar/years/2027", token: org.admin,
                                           json: ["holidays": [["name": "元旦", "from": "2028-01-01", "to": "2028-01-01"]], "workdays": []])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.errorMessage?.contains("2028-01-01") == true)
            let weekday = try await app.call(.put, "/api/v1/calendar/years/2027", token: org.admin, json: ["holidays": [], "workdays": ["2027-01-05"]])
            #expect(weekday.status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/calendar/days?from=2026-01-01&to=2027-12-31", token: org.agent.token).status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/calendar/days?from=2026-13-01&to=2026-12-31", token: org.agent.token).status == .unprocessableContent)
        }
    }

    @Test func businessHoursMoveTheClocks() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let hours = try await app.call(.get, "/api/v1/business-hours", token: org.agent.token)
            #expect(hours.string("start") == "09:00")
            #expect(hours.string("end") == "18:00")
            #expect(try await app.call(.put, "/api/v1/business-hours", token: org.agent.token, json: ["start": "08:00", "end": "17:00"]).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/business-hours", token: org.admin, json: ["start": "18:00", "end": "08:00"]).status == .unprocessableContent)
            let set = try await app.call(.put, "/api/v1/business-hours", token: org.admin, json: ["start": "08:30", "end": "17:30"])
            #expect(set.status == .ok)
            #expect(try await app.call(.get, "/api/v1/business-hours", token: org.agent.token).string("start") == "08:30")
            #expect(try await app.call(.put, "/api/v1/business-hours", token: org.admin,
                                       json: ["start": "08:30", "end": "17:30", "breakStart": "18:00", "breakEnd": "19:00"]).status == .unprocessableContent)
            let lunch = try await app.call(.put, "/api/v1/business-hours", token: org.admin,
                                           json: ["start": "08:30", "end": "17:30", "breakStart": "12:00", "breakEnd": "13:30"])
            #expect(lunch.string("breakStart") == "12:00")
            let cleared = try await app.call(.put, "/api/v1/business-hours", token: org.admin, json: ["start": "08:30", "end": "17:30"])
            #expect(cleared["breakStart"] is NSNull)
            // A business-hours ticket received on a Sunday of 2026 (not an adjusted workday) is due 5 working
            // minutes after the next opening: Monday 08:35.
            let ticket = try await app.createTicket(org.agent.token, subject: "周日来电", extra: ["receivedAt": Self.lastSunday()])
            #expect(ticket.status == .created, "\(ticket.text)")
            let due = try #require((ticket["sla"] as? [String: Any])?["firstResponseDueAt"] as? String)
            #expect(due.hasSuffix("T00:35:00.000Z"), "\(due)")
        }
    }

    static func millis(_ text: String) -> Int64 {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let g = ISO8601DateFormatter()
        return Int64(((f.date(from: text) ?? g.date(from: text))!.timeIntervalSince1970 * 1000).rounded())
    }

    /// Noon of the most recent Sunday (Beijing), within the 30 days a ticket may be back-dated.
    static func lastSunday() -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        var day = cal.startOfDay(for: Date())
        while cal.component(.weekday, from: day) != 1 || day > Date().addingTimeInterval(-3600 * 13) {
            day = cal.date(byAdding: .day, value: -1, to: day)!
        }
        return ISO8601DateFormatter().string(from: day.addingTimeInterval(12 * 3600))
    }
}
