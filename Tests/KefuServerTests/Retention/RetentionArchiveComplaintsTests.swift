import Foundation
import Hummingbird
import KefuAftersales
import KefuApp
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit
import Testing

/// #17.6 RET-04, RET-01: `kefu retention archive` for complaint cases. A case run through the whole loop (QA's
/// analysis, a review meeting, the responsible department's actions with a CAPA reminder sent on them, approval,
/// the customer's confirmation, both verifications) and closed past its 3 years goes to its JSON line with its
/// actions, reminders and meeting, and out of the database, leaving its tombstone; one a day inside its period, one
/// held and one still open stay; a second run changes nothing. Afterwards the hand-off's link, the page and the API of
/// the case answer its tombstone (410 `archived`) in the case's unit, the usual 404 outside it, and the quick search
/// by its TS number leads there.
@Suite("Retention archive of complaint cases, and their tombstones (#17.6, RET-01, RET-04)")
struct RetentionArchiveComplaintsTests {
    static func complaint(_ app: TestApp, _ token: String, _ subject: String) async throws -> (id: String, number: String) {
        let t = try await app.createTicket(token, subject: subject, extra: ["type": "complaint"])
        let ticketId = try #require(t.string("id"))
        let c = try #require(try await app.call(.get, "/api/v1/complaints", token: token).items.first { $0["ticketId"] as? String == ticketId })
        return (try #require(c["id"] as? String), try #require(c["number"] as? String))
    }

    /// Closed by customer service alone (not the company's fault, CMP-05), then dated `closedOn`.
    static func closedByCustomerService(_ app: TestApp, _ token: String, _ subject: String, closedOn: CivilDay) async throws -> (id: String, number: String) {
        let c = try await complaint(app, token, subject)
        try await app.expect(.ok, .post, "/api/v1/complaints/\(c.id)/classify", token, ["responsibility": "not_company", "handling": "customer_service"])
        try await app.expect(.ok, .post, "/api/v1/complaints/\(c.id)/close", token, ["note": "已向顾客说明"])
        try await RetentionArchiveTests.close(app, "complaints", c.id, set: "closed_at = $at, registered_at = $at - 86400000", on: closedOn)
        return c
    }

    @Test func archivesAClosedCaseWithItsActionsRemindersAndMeetingAndAnswersItsTombstone() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let o = f.org
            let outsiders = try await AftersalesScopeTests.outsiders(app, f)
            let today = Times.day(Date())
            func yearsAgo(_ n: Int) -> CivilDay { RetentionSettingsTests.before(years: n, days: 0) }

            // The whole loop (CMP-04..14).
            let (id, number) = try await Self.complaint(app, o.agent.token, "风机变流器频繁报故障")
            let base = "/api/v1/complaints/\(id)"
            try await app.expect(.ok, .post, base + "/classify", o.agent.token, ["responsibility": "company", "handling": "quality"])
            let notice = try #require(try await app.call(.get, "/api/v1/notifications", token: o.qaUser.token).items.first { $0["link"] as? String == "/complaints/\(id)" })
            let noticeId = try #require(notice["id"] as? String)
            try await app.expect(.ok, .post, base + "/analysis", o.qaUser.token, ["rootCause": "IGBT 模块批次焊接不良", "responsibleOrgUnitId": f.production])
            try await app.expect(.ok, .post, base + "/review-meeting", o.agent.token, ["minutes": "由生产管理部整改", "participants": ["客服部主管", "品管部主管"]])
            try await app.expect(.ok, .post, base + "/actions", f.producer.token, ["corrective": "更换该批次模块", "preventive": "增加焊接工序检验", "dueDate": "2027-03-10"])
            let scanner = CapaReminderScanner(store: app.store, settings: SlaSettings(store: app.store),
                                              notifier: NotificationService(store: app.store, webhookTargets: WebhookTargets()))
            #expect(try await scanner.scan(now: CapaReminderTests.bj("2027-03-09T09:00")) == 1, "the due-soon reminder")
            try await app.expect(.ok, .post, base + "/actions/approve", f.manager.token)
            try await app.expect(.ok, .post, base + "/customer-confirmation", o.agent.token, ["accepted": true])
            try await app.expect(.ok, .post, base + "/verification", o.qaUser.token, ["effective": true])
            let closed = try await app.expect(.ok, .post, base + "/verification", o.agent.token, ["effective": true])
            #expect(closed.string("status") == "closed")
            try await RetentionArchiveTests.close(app, "complaints", id, set: "closed_at = $at, registered_at = $at - 86400000", on: yearsAgo(3).adding(days: -10))
            // Kept: a day inside its 3 years, held, still open.
            let inside = try await Self.closedByCustomerService(app, o.agent.token, "误操作停机", closedOn: yearsAgo(3))
            let held = try await Self.closedByCustomerService(app, o.agent.token, "外观划伤", closedOn: yearsAgo(5))
            let open = try await Self.complaint(app, o.agent.token, "仍在处理的投诉")
            let sixYearsAgo = RetentionArchiveTests.millis(yearsAgo(6))
            try await app.store.write { db in
                try await db.raw("UPDATE complaints SET registered_at = \(bind: sixYearsAgo) WHERE id = \(bind: open.id)").run()
            }
            let hold = try await app.call(.post, "/api/v1/retention/holds", token: o.admin, json: ["kind": "complaint", "recordId": held.number, "reason": "客户诉讼"])
            #expect(hold.status == .created, "\(hold.text)")

            let dir = try RetentionArchiveTests.archiveDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let archive = RetentionArchive(store: app.store, sources: KefuServer.retentionSources)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .complaint, dryRun: true)) == [.complaint: 1])
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir, kind: .complaint)) == [.complaint: 1])

            let file = dir.appendingPathComponent("complaint-\(today.iso).jsonl")
            let lines = try RetentionArchiveTests.lines(file)
            #expect(lines.map { $0["id"] as? String } == [id] && lines.first?["kind"] as? String == "complaint")
            let data = RetentionArchivePropertyKindsTests.data(try #require(lines.first))
            #expect(data.record?["number"] as? String == number && data.record?["status"] as? String == "closed")
            #expect(data.record?["root_cause"] as? String == "IGBT 模块批次焊接不良" && data.record?["source"] as? String == "direct")
            #expect(data.record?.count == 37, "every column of complaints (aftersales-001, -007)")
            let actions = try #require(data.children["complaint_actions"])
            #expect(actions.map { $0["corrective"] as? String } == ["更换该批次模块"] && actions.first?["approved_by"] as? String == f.manager.id)
            let reminders = try #require(data.children["complaint_action_reminders"])
            #expect(reminders.map { $0["kind"] as? String } == ["due_soon"] && reminders.first?["action_id"] as? String == actions.first?["id"] as? String,
                    "\(reminders)")
            #expect(try #require(data.children["complaint_meetings"]).map { $0["minutes"] as? String } == ["由生产管理部整改"])

            for (table, column) in [("complaints", "id"), ("complaint_actions", "complaint_id"), ("complaint_meetings", "complaint_id")] {
                #expect(try await RetentionArchiveTests.count(app, table, column, id) == 0, "\(table)")
            }
            #expect(try await RetentionArchiveTests.count(app, "complaint_action_reminders", "kind", "due_soon") == 0)
            for kept in [inside, held, open] {
                #expect(try await app.call(.get, "/api/v1/complaints/\(kept.id)", token: o.agent.token).string("number") == kept.number)
                #expect(try await RetentionArchiveTests.count(app, "retention_archived", "record_id", kept.id) == 0)
            }
            let before = try Data(contentsOf: file)
            #expect(RetentionArchiveTests.tally(try await archive.run(to: dir)).isEmpty)
            #expect(try Data(contentsOf: file) == before)

            // The QA hand-off still leads to the case's page, which answers its tombstone (410) in the case's unit.
            let opened = try await app.call(.get, "/notifications/\(noticeId)/open", token: o.qaUser.token)
            #expect(opened.headers[.location] == "/complaints/\(id)")
            for t in [o.qaUser.token, o.agent.token, f.manager.token] {
                let page = try await app.call(.get, "/complaints/\(id)", token: t)
                #expect(page.status == .gone && page.text.contains("投诉 \(number) 已于 \(today.iso) 归档") && page.text.contains(file.lastPathComponent),
                        "\(page.status) \(page.text.prefix(1500))")
                let api = try await app.call(.get, base, token: t)
                #expect(api.status == .gone && api.errorCode == "archived" && api.errorMessage?.contains(number) == true, "\(api.text)")
            }
            try await app.expect(.gone, .post, base + "/return-visit", o.agent.token, ["note": "回访"], code: "archived")
            for t in [outsiders.agent.token, outsiders.manager.token] {
                let api = try await app.expect(.notFound, .get, base, t, code: "not_found")
                #expect(!api.text.contains(number))
            }
            let hit = try #require(try await QuickSearchTests.search(app, o.agent.token, number).first { $0["kind"] as? String == "complaint" })
            #expect(hit["href"] as? String == "/complaints/\(id)" && hit["title"] as? String == "已归档", "\(hit)")
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, outsiders.agent.token, number), "complaint").isEmpty)
        }
    }
}
