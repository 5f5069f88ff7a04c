import Foundation
import Hummingbird
import KefuPlatform
import SQLKit
import KefuApp
import Testing

/// #15.5 SAT-09: the head office assesses each department's satisfaction for a period against the quality target — a
/// reward record at or above it, a corrective-action and criticism notice with a deadline below it — once per department
/// and period; the department's manager is told, acknowledges and closes the notice; scope and denials.
@Suite("After-sales: satisfaction assessment, rewards and notices (SAT-09)")
struct SatisfactionAssessmentTests {
    static let base = "/api/v1/satisfaction/assessments"

    /// A returned survey of `unit`'s ticket (asked by `agent`) with `overall`, moved into October 2026 (clocks are moved
    /// by writing timestamps).
    static func response(_ app: TestApp, agent: String, overall: Int) async throws {
        let ticket = try #require(try await app.createTicket(agent, subject: "满意度").string("id"))
        let inv = try await app.expect(.created, .post, "/api/v1/survey-invitations", agent, ["ticketId": ticket])
        let token = String(try #require(inv.string("url")).split(separator: "/").last!)
        let receipt = try await app.expect(.created, .post, "/api/v1/public/surveys/\(token)", nil, ["overall": overall])
        let id = try #require(receipt.string("id"))
        let october: Int64 = 1_792_022_400_000 // 2026-10-15 08:00 Beijing
        try await app.store.write { db in try await db.raw("UPDATE survey_responses SET submitted_at = \(bind: october) WHERE id = \(bind: id)").run() }
    }

    @Test func assessOncePerDepartmentNotifyAcknowledgeCloseAndScope() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let cs2 = try await app.createUnit(o.admin, code: "CS2", name: "客服二部", parentId: o.root)
            let agent2 = try await app.createUser(o.admin, "agent2", roles: ["cs_agent"], unitId: cs2)
            let manager2 = try await app.createUser(o.admin, "manager2", roles: ["dept_manager"], unitId: cs2)
            let hq = try await app.createUser(o.admin, "hqmanager", roles: ["cs_manager"], unitId: o.root)
            // 客服部: 5, 4, 2 → 66.67%; 客服二部: 5, 5 → 100%.
            for level in [5, 4, 2] { try await Self.response(app, agent: o.agent.token, overall: level) }
            for level in [5, 5] { try await Self.response(app, agent: agent2.token, overall: level) }

            // Who assesses: a head-office CS manager only; a target first; a valid period.
            try await app.expect(.forbidden, .post, Self.base, o.agent.token, ["period": "2026-10"])
            try await app.expect(.forbidden, .post, Self.base, f.manager.token, ["period": "2026-10"])
            try await app.expect(.conflict, .post, Self.base, hq.token, ["period": "2026-10"], code: "no_quality_target")
            try await app.expect(.ok, .put, "/api/v1/settings/satisfaction-target", hq.token, ["percent": "90"])
            try await app.expect(.unprocessableContent, .post, Self.base, hq.token, ["period": "2026-13"])
            try await app.expect(.conflict, .post, Self.base, hq.token, ["period": "2099-01"], code: "period_not_started")

            let run = try await app.expect(.ok, .post, Self.base, hq.token, ["period": "2026-10", "note": "四季度通报"])
            #expect(run["created"] as? Int == 2)
            let depts = run["departments"] as? [[String: Any]] ?? []
            let csEntry = try #require(depts.first { $0["orgUnitId"] as? String == o.cs })
            let cs2Entry = try #require(depts.first { $0["orgUnitId"] as? String == cs2 })
            #expect(csEntry["outcome"] as? String == "corrective" && csEntry["percent"] as? String == "66.67")
            #expect(cs2Entry["outcome"] as? String == "reward" && cs2Entry["percent"] as? String == "100.00")
            let noticeNumber = try #require(csEntry["number"] as? String), rewardNumber = try #require(cs2Entry["number"] as? String)
            #expect(noticeNumber.hasPrefix("ZG-") && rewardNumber.hasPrefix("JL-"), "\(noticeNumber) \(rewardNumber)")
            let noticeId = try #require(csEntry["assessmentId"] as? String), rewardId = try #require(cs2Entry["assessmentId"] as? String)
            let notice = try await app.expect(.ok, .get, "\(Self.base)/\(noticeId)", hq.token)
            #expect(notice.string("status") == "issued" && notice.string("targetPercent") == "90.00" && notice.string("note") == "四季度通报")
            #expect(notice.string("deadline")?.count == 10)
            let reward = try await app.expect(.ok, .get, "\(Self.base)/\(rewardId)", hq.token)
            #expect(reward.string("status") == "recorded" && reward["deadline"] is NSNull)

            // Idempotent: the same figures → unchanged; a later response → the record stands, the run says the rate changed.
            let again = try await app.expect(.ok, .post, Self.base, hq.token, ["period": "2026-10"])
            #expect(again["created"] as? Int == 0)
            #expect((again["departments"] as? [[String: Any]])?.allSatisfy { $0["state"] as? String == "unchanged" } == true)
            try await Self.response(app, agent: o.agent.token, overall: 5)
            let changed = try await app.expect(.ok, .post, Self.base, hq.token, ["period": "2026-10"])
            let csAgain = try #require((changed["departments"] as? [[String: Any]])?.first { $0["orgUnitId"] as? String == o.cs })
            #expect(csAgain["state"] as? String == "rate_changed" && csAgain["percent"] as? String == "75.00" && csAgain["recordedPercent"] as? String == "66.67")
            #expect(csAgain["number"] as? String == noticeNumber)
            #expect(try await app.expect(.ok, .get, "\(Self.base)?period=2026-10", hq.token)["total"] as? Int == 2)

            // The department's manager is told of the notice; the rewarded department's manager and the supervisor are not.
            let told = try await app.call(.get, "/api/v1/notifications", token: f.manager.token).items
            #expect(told.contains { $0["kind"] as? String == "satisfaction_notice" && ($0["title"] as? String)?.contains(noticeNumber) == true }, "\(told)")
            #expect(!(try await app.call(.get, "/api/v1/notifications", token: manager2.token).items.contains { $0["kind"] as? String == "satisfaction_notice" }))
            #expect(!(try await app.call(.get, "/api/v1/notifications", token: o.supervisor.token).items.contains { $0["kind"] as? String == "satisfaction_notice" }))

            // Scope: a department sees its own; the head office sees all.
            let own = try await app.expect(.ok, .get, Self.base, manager2.token)
            #expect(own["total"] as? Int == 1 && own.items.first?["id"] as? String == rewardId)
            try await app.expect(.notFound, .get, "\(Self.base)/\(noticeId)", manager2.token)
            try await app.expect(.notFound, .post, "\(Self.base)/\(noticeId)/acknowledge", manager2.token, ["note": "不是我们的"])
            #expect(try await app.expect(.ok, .get, "\(Self.base)?outcome=corrective", hq.token)["total"] as? Int == 1)
            try await app.expect(.unprocessableContent, .get, "\(Self.base)?status=nope", hq.token)

            // Steps: the department's manager acknowledges, then closes with the rectification done; not the agent.
            try await app.expect(.forbidden, .post, "\(Self.base)/\(noticeId)/acknowledge", o.agent.token, ["note": "收到"])
            try await app.expect(.conflict, .post, "\(Self.base)/\(noticeId)/close", f.manager.token, ["rectification": "已培训"], code: "invalid_state")
            try await app.expect(.conflict, .post, "\(Self.base)/\(rewardId)/acknowledge", manager2.token, ["note": "收到"], code: "invalid_state")
            let acknowledged = try await app.expect(.ok, .post, "\(Self.base)/\(noticeId)/acknowledge", f.manager.token, ["note": "收到，马上整改"])
            #expect(acknowledged.string("status") == "acknowledged" && acknowledged.string("acknowledgement") == "收到，马上整改")
            try await app.expect(.unprocessableContent, .post, "\(Self.base)/\(noticeId)/close", f.manager.token, ["rectification": " "])
            // The deadline passed (moved by writing it): the closure is flagged late.
            try await app.store.write { db in try await db.raw("UPDATE satisfaction_assessments SET deadline = '2026-10-30' WHERE id = \(bind: noticeId)").run() }
            #expect(try await app.expect(.ok, .get, Self.base, f.manager.token).text.contains("\"deadline\":\"2026-10-30\""))
            let closed = try await app.expect(.ok, .post, "\(Self.base)/\(noticeId)/close", f.manager.token, ["rectification": "全员服务规范培训，回访不满意客户"])
            #expect(closed.string("status") == "closed" && closed["closedLate"] as? Bool == true)
            try await app.expect(.conflict, .post, "\(Self.base)/\(noticeId)/close", f.manager.token, ["rectification": "再次"], code: "invalid_state")

            // Audit trail and quick search by number, in scope only.
            let audit = try await app.expect(.ok, .get, "/api/v1/audit-log?entity=satisfaction_assessment&entityId=\(noticeId)", o.admin)
            #expect(Set(audit.items.compactMap { $0["action"] as? String }) == ["notice_issued", "notice_acknowledged", "notice_closed"], "\(audit.text)")
            #expect(try await app.call(.get, "/api/v1/search?q=\(noticeNumber)", token: hq.token).text.contains(noticeId))
            #expect(!(try await app.call(.get, "/api/v1/search?q=\(noticeNumber)", token: manager2.token).text.contains(noticeId)))

            // Pages: the list with the assess form for the head office, the detail with the steps; an empty filter says so.
            let page = PageSession(app)
            _ = try await page.signIn("hqmanager", "password-hqmanager")
            let list = try await page.get("/satisfaction/assessments")
            #expect(list.status == .ok && list.text.contains(noticeNumber) && list.text.contains("form-assess"))
            #expect(try await page.get("/satisfaction/assessments?period=2026-01").text.contains("尚无满意度考核记录"))
            #expect(try await page.get("/aftersales/reports").text.contains("satisfaction-assessments-link"))
            let dept = PageSession(app)
            _ = try await dept.signIn("manager2", "password-manager2")
            let mine = try await dept.get("/satisfaction/assessments")
            #expect(mine.text.contains(rewardNumber) && !mine.text.contains(noticeNumber) && !mine.text.contains("form-assess"))
        }
    }

    /// `kefu demo` loads a reward record and an acknowledged notice of last month, once.
    @Test func demoDataAssessesLastMonth() async throws {
        try await TestApp.run { app in
            let first = try await DemoData.load(store: app.store, password: "demo-pass-1")
            #expect(first.contains("satisfaction JL-") && first.contains("satisfaction ZG-") && first.contains("acknowledged ZG-"), "\(first)")
            let rows = try await app.store.read { db in
                try await db.raw("SELECT outcome, status FROM satisfaction_assessments ORDER BY outcome").all()
                    .map { "\(try $0.decode(column: "outcome", as: String.self))/\(try $0.decode(column: "status", as: String.self))" }
            }
            #expect(rows == ["corrective/acknowledged", "reward/recorded"])
            let again = try await DemoData.load(store: app.store, password: "demo-pass-1")
            #expect(!again.contains("satisfaction"), "\(again)")
        }
    }
}
