import Foundation
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import SQLKit
import Testing

/// #15.6 (ESC-02, ESC-04): each unit's escalation path, inherited by the units below, followed by the breach scanner.
/// The clock is moved by passing `now` to the scanner (minutes of margin around each due time: load-robust).
@Suite("Escalation paths per unit (#15.6)", .serialized)
struct EscalationPathTests {
    static func later(_ minutes: Double) -> Date { Date().addingTimeInterval(minutes * 60) }

    static func told(_ app: TestApp, _ userId: String) async throws -> Int {
        try await app.count("SELECT COUNT(*) AS n FROM notifications WHERE user_id = '\(userId)'")
    }

    @Test func aTwoLevelPathAlertsLevelOneAtTheBreachAndLevelTwoOnlyAfterItsDelay() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let manager = try await app.createUser(org.admin, "hqmanager", roles: ["cs_manager"], unitId: org.root)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 600)
            let put = try await app.call(.put, "/api/v1/escalation-paths/\(org.cs)", token: org.supervisor.token, json: ["levels": [
                ["level": 1, "afterMinutes": 0, "recipients": [["kind": "role", "role": "cs_supervisor"]]],
                ["level": 2, "afterMinutes": 30, "recipients": [["kind": "unit_role", "role": "cs_manager", "orgUnitId": org.root],
                                                               ["kind": "user", "userId": org.qaUser.id]]],
            ]])
            #expect(put.status == .ok, "\(put.text)")
            #expect(put["source"] as? String == "own")
            let levels = try #require(put["levels"] as? [[String: Any]])
            #expect(levels.map { $0["afterMinutes"] as? Int } == [0, 30])
            #expect(((levels[1]["recipients"] as? [[String: Any]])?.last?["name"] as? String) == "用户qauser")

            // Received 10 minutes ago, first response due 5 minutes ago: level 2 falls due 25 minutes from now.
            let ticket = try await app.emailTicket(org.agent.token, subject: "风机偏航故障", minutesAgo: 10)
            let id = ticket["id"] as! String
            let first = try await app.jobs.scanner.scan()
            #expect(first.breachesRecorded == 1)
            #expect(first.notificationsSent == 1)
            #expect(try await Self.told(app, org.supervisor.id) == 1)
            #expect(try await Self.told(app, manager.id) == 0)
            #expect(try await Self.told(app, org.qaUser.id) == 0)

            // 20 minutes on: still not level 2.
            #expect(try await app.jobs.scanner.scan(now: Self.later(20)).notificationsSent == 0)
            #expect(try await Self.told(app, manager.id) == 0)
            // 30 minutes on: level 2 is told, once, and the ticket is at escalation level 2.
            let second = try await app.jobs.scanner.scan(now: Self.later(30))
            #expect(second.notificationsSent == 2)
            #expect(try await Self.told(app, manager.id) == 1)
            #expect(try await Self.told(app, org.qaUser.id) == 1)
            #expect(try await app.jobs.scanner.scan(now: Self.later(31)).notificationsSent == 0)
            #expect(try await Self.told(app, manager.id) == 1)
            let after = try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token)
            #expect(after["escalationLevel"] as? Int == 2)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM ticket_escalation_progress") == 0)

            // The timeline says which level and who was told.
            let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: org.supervisor.token).items
            let escalations = events.filter { $0["kind"] as? String == "escalated" }.compactMap { $0["data"] as? [String: String] }
            #expect(escalations.map { $0["pathLevel"] } == ["1", "2"])
            #expect(escalations.first?["alerted"] == "用户supervisor")
            #expect(escalations.last?["alerted"]?.contains("用户hqmanager") == true)
            #expect(escalations.last?["alerted"]?.contains("用户qauser") == true)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM ticket_escalations WHERE ticket_id = '\(id)'") == 2)
        }
    }

    @Test func twoScannersAtOnceTellEachLevelOnce() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let manager = try await app.createUser(org.admin, "hqmanager", roles: ["cs_manager"], unitId: org.root)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 6000)
            #expect(try await app.call(.put, "/api/v1/escalation-paths/\(org.root)", token: org.admin, json: ["levels": [
                ["afterMinutes": 0, "recipients": [["kind": "role", "role": "cs_supervisor"]]],
                ["afterMinutes": 20, "recipients": [["kind": "unit_role", "role": "cs_manager", "orgUnitId": org.root]]],
            ]]).status == .ok)
            for i in 0..<30 { _ = try await app.emailTicket(org.agent.token, subject: "并发升级 \(i)", minutesAgo: 10) }
            let other = SlaScanner(store: app.store, settings: SlaSettings(store: app.store))
            async let a = app.jobs.scanner.scan()
            async let b = other.scan()
            let (x, y) = try await (a, b)
            #expect(x.breachesRecorded + y.breachesRecorded == 30)
            #expect(try await Self.told(app, org.supervisor.id) == 30)
            // Both nodes reach level 2 at once (25 minutes on): each ticket's manager alert exactly once.
            async let c = app.jobs.scanner.scan(now: Self.later(25))
            async let d = other.scan(now: Self.later(25))
            let (p, q) = try await (c, d)
            #expect(p.notificationsSent + q.notificationsSent == 30)
            #expect(try await Self.told(app, manager.id) == 30)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM tickets WHERE escalation_level = 2") == 30)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM ticket_escalation_progress") == 0)
        }
    }

    @Test func aFirstLevelWithAWaitIsToldWhenItFallsDueWithoutRaisingTheLevelAgain() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 600)
            #expect(try await app.call(.put, "/api/v1/escalation-paths/\(org.cs)", token: org.supervisor.token, json: ["levels": [
                ["afterMinutes": 15, "recipients": [["kind": "role", "role": "cs_supervisor"]]],
            ]]).status == .ok)
            let ticket = try await app.emailTicket(org.agent.token, subject: "先等一等再通知", minutesAgo: 10)
            let id = ticket["id"] as! String
            #expect(try await app.jobs.scanner.scan().breachesRecorded == 1)
            #expect(try await Self.told(app, org.supervisor.id) == 0)
            #expect(try await app.jobs.scanner.scan(now: Self.later(5)).notificationsSent == 0)
            #expect(try await app.jobs.scanner.scan(now: Self.later(15)).notificationsSent == 1)
            #expect(try await Self.told(app, org.supervisor.id) == 1)
            let events = try await app.call(.get, "/api/v1/tickets/\(id)/events", token: org.supervisor.token).items
            let notified = events.first { $0["kind"] as? String == "escalation_notified" }?["data"] as? [String: String]
            #expect(notified?["pathLevel"] == "1")
            #expect(notified?["alerted"] == "用户supervisor")
            #expect(try await app.call(.get, "/api/v1/tickets/\(id)", token: org.agent.token)["escalationLevel"] as? Int == 1)
        }
    }

    @Test func aLaterLevelIsNotToldOnceTheTicketIsAnswered() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 600)
            #expect(try await app.call(.put, "/api/v1/escalation-paths/\(org.cs)", token: org.admin, json: ["levels": [
                ["afterMinutes": 0, "recipients": [["kind": "role", "role": "cs_supervisor"]]],
                ["afterMinutes": 15, "recipients": [["kind": "user", "userId": org.qaUser.id]]],
            ]]).status == .ok)
            let ticket = try await app.emailTicket(org.agent.token, subject: "迟到的回复", minutesAgo: 8)
            _ = try await app.jobs.scanner.scan()
            #expect(try await app.call(.post, "/api/v1/tickets/\(ticket["id"] as! String)/comments", token: org.agent.token,
                                       json: ["body": "已联系客户"]).status == .created)
            #expect(try await app.jobs.scanner.scan(now: Self.later(60)).notificationsSent == 0)
            #expect(try await Self.told(app, org.qaUser.id) == 0)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM ticket_escalation_progress") == 0)
        }
    }

    @Test func aUnitWithoutAPathFollowsItsNearestAncestorAndWithNoneTheSupervisorsAsBefore() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let team = try await app.createUnit(org.admin, code: "CS1", name: "一组", parentId: org.cs)
            let member = try await app.createUser(org.admin, "teamagent", roles: ["cs_agent"], unitId: team)
            // Nothing configured: the default.
            let none = try await app.call(.get, "/api/v1/escalation-paths/\(team)/effective", token: org.supervisor.token)
            #expect(none.status == .ok)
            #expect(none["source"] as? String == "default")
            #expect(try await app.call(.put, "/api/v1/escalation-paths/\(org.cs)", token: org.supervisor.token, json: ["levels": [
                ["afterMinutes": 0, "recipients": [["kind": "user", "userId": org.qaUser.id]]],
            ]]).status == .ok)
            let own = try await app.call(.get, "/api/v1/escalation-paths/\(team)", token: org.supervisor.token)
            #expect(own["source"] as? String == "none")
            #expect((own["levels"] as? [Any])?.isEmpty == true)
            let inherited = try await app.call(.get, "/api/v1/escalation-paths/\(team)/effective", token: org.supervisor.token)
            #expect(inherited["source"] as? String == "inherited")
            #expect(inherited["fromOrgUnitId"] as? String == org.cs)
            #expect(inherited["fromOrgUnitName"] as? String == "客服部")

            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 600)
            _ = try await app.emailTicket(member.token, subject: "一组的超时工单", minutesAgo: 10)
            #expect(try await app.jobs.scanner.scan().breachesRecorded == 1)
            #expect(try await Self.told(app, org.qaUser.id) == 1)
            #expect(try await Self.told(app, org.supervisor.id) == 0)

            // Removing the path (no levels) brings the default back.
            let cleared = try await app.call(.put, "/api/v1/escalation-paths/\(org.cs)", token: org.supervisor.token, json: ["levels": [Any]()])
            #expect(cleared["source"] as? String == "none")
            _ = try await app.emailTicket(member.token, subject: "又一张", minutesAgo: 10)
            #expect(try await app.jobs.scanner.scan().breachesRecorded == 1)
            #expect(try await Self.told(app, org.supervisor.id) == 1)
            let audit = try await app.call(.get, "/api/v1/audit-log?entity=org_unit&entityId=\(org.cs)", token: org.admin)
            #expect(audit.items.compactMap { $0["action"] as? String }.filter { $0.hasPrefix("escalation_path.") }.sorted()
                == ["escalation_path.remove", "escalation_path.set"])
        }
    }

    @Test func aDifficultComplaintAlsoGoesToTheBusinessManagementTeam() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let manager = try await app.createUser(org.admin, "bizmanager", roles: ["cs_manager"], unitId: org.root)
            try await app.roundTheClockEmailPolicy(org.admin, firstResponse: 5, resolution: 600)
            let ordinary = try await app.createTicket(org.agent.token, subject: "一般投诉", extra: [
                "type": "complaint", "channel": "email", "priority": "normal", "receivedAt": TestApp.minutesAgo(10)])
            #expect(ordinary.status == .created, "\(ordinary.text)")
            _ = try await app.jobs.scanner.scan()
            #expect(try await Self.told(app, manager.id) == 0)
            let difficult = try await app.createTicket(org.agent.token, subject: "重大投诉：整批风机停机", extra: [
                "type": "complaint", "channel": "email", "priority": "urgent", "receivedAt": TestApp.minutesAgo(10)])
            #expect(difficult.status == .created, "\(difficult.text)")
            _ = try await app.jobs.scanner.scan()
            #expect(try await Self.told(app, manager.id) == 1)
            #expect(try await Self.told(app, org.supervisor.id) == 2)
            let events = try await app.call(.get, "/api/v1/tickets/\(difficult.string("id")!)/events", token: org.supervisor.token).items
            let escalated = events.first { $0["kind"] as? String == "escalated" }?["data"] as? [String: String]
            #expect(escalated?["businessManagement"] == "true")
        }
    }

    @Test func refusalsNameTheFieldAndScopeHolds() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let path = "/api/v1/escalation-paths/\(org.cs)"
            func refused(_ levels: [[String: Any]]) async throws -> TestApp.Reply {
                try await app.call(.put, path, token: org.supervisor.token, json: ["levels": levels])
            }
            let role: [String: Any] = ["kind": "role", "role": "cs_supervisor"]
            let zeroLater = try await refused([["afterMinutes": 0, "recipients": [role]], ["afterMinutes": 0, "recipients": [role]]])
            #expect(zeroLater.status == .unprocessableContent)
            #expect(zeroLater.text.contains("levels[1].afterMinutes"))
            #expect(zeroLater.text.contains("第 2 级"))
            let order = try await refused([["level": 2, "afterMinutes": 0, "recipients": [role]]])
            #expect(order.status == .unprocessableContent)
            #expect(order.text.contains("levels[0].level"))
            let empty = try await refused([["afterMinutes": 5, "recipients": [Any]()]])
            #expect(empty.text.contains("levels[0].recipients"))
            let sideways = try await refused([["afterMinutes": 5, "recipients": [["kind": "unit_role", "role": "qa", "orgUnitId": org.qa]]]])
            #expect(sideways.status == .unprocessableContent)
            let customer = try await refused([["afterMinutes": 5, "recipients": [["kind": "role", "role": "customer"]]]])
            #expect(customer.status == .unprocessableContent)
            let negative = try await refused([["afterMinutes": -1, "recipients": [role]]])
            #expect(negative.text.contains("levels[0].afterMinutes"))
            let refusal = EscalationPathRules.validate([.init(level: nil, afterMinutes: -1, recipients: [.init(kind: "role", role: "cs_supervisor")])],
                                                       unitChain: [], activeUserIds: [])
            if case .failure(let r) = refusal { #expect(EscalationPathMessages.text(r)(.en).contains("Level 1 waits")) } else { Issue.record("not refused") }
            #expect(try await app.count("SELECT COUNT(*) AS n FROM escalation_paths") == 0)

            // Scope: an agent may not; a unit's supervisor may not set the head office's path; an outsider may not read it.
            #expect(try await app.call(.put, path, token: org.agent.token, json: ["levels": [["afterMinutes": 0, "recipients": [role]]]]).status == .forbidden)
            #expect(try await app.call(.get, path, token: org.agent.token).status == .forbidden)
            #expect(try await app.call(.put, "/api/v1/escalation-paths/\(org.root)", token: org.supervisor.token,
                                       json: ["levels": [["afterMinutes": 0, "recipients": [role]]]]).status == .forbidden)
            let other = try await app.createUser(org.admin, "qasupervisor", roles: ["cs_supervisor"], unitId: org.qa)
            #expect(try await app.call(.get, "\(path)/effective", token: other.token).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/escalation-paths/nope", token: org.admin).status == .notFound)
        }
    }
}
