import Foundation
import KefuApp
import KefuDomain
import KefuMaterials
import KefuPlatform
import KefuServiceDesk
import SQLKit
import Testing

/// #13 loose ends, background passes: an overdue tool loan (LND-02) is told once to the site lead and the keeper who
/// lent it; a freight approval waiting over 2 working days is told once to the people who may decide it. Time moves
/// by the `now` handed to the pass and by writing the record's timestamp, never by sleeping.
@Suite("Late reminders: overdue tool loans and late freight approvals (#13, LND-02, FRT-04..06)")
struct LateReminderTests {
    static func told(_ app: TestApp, _ token: String, kind: String) async throws -> [[String: Any]] {
        try await app.call(.get, "/api/v1/notifications", token: token).items.filter { $0["kind"] as? String == kind }
    }

    static func count(_ app: TestApp, kind: String) async throws -> Int {
        try await MaterialRequestScannerTests.count(app, kind: kind)
    }

    /// Beijing wall-clock time as a Date.
    static func bj(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text + ":00+08:00")!
    }

    @Test func anOverdueLoanIsToldOnceToTheSiteLeadAndTheKeeper() async throws {
        try await TestApp.run { app in
            let s = try await ToolLoanFlowTests.site(app)
            let f = s.f
            let lent = try await app.call(.post, "/api/v1/tool-loans", token: f.keeperA1, json: ToolLoanFlowTests.loan(f, quantity: "1", dueOn: "2099-01-10"))
            #expect(lent.status == .created, "\(lent.text)")
            let id = try #require(lent.string("id"))
            let back = try await app.call(.post, "/api/v1/tool-loans", token: f.keeperA1, json: ToolLoanFlowTests.loan(f, quantity: "1", dueOn: "2099-01-10"))
            let backId = try #require(back.string("id"))
            #expect(try await app.call(.post, "/api/v1/tool-loans/\(backId)/return", token: s.lead.token, json: ["condition": "good"]).status == .ok)

            let pass = ToolLoanReminders(store: app.store, notifier: NotificationService(store: app.store, webhookTargets: WebhookTargets()))
            // Due on 2099-01-10: not overdue today.
            #expect(try await pass.scan(now: Date()) == 0)
            // Moved into the past by writing its days (lent 2026-01-02, due 2026-01-10): not overdue on its due day…
            try await app.store.write { db in
                try await db.raw("UPDATE tool_loans SET lent_on = '2026-01-02', due_on = '2026-01-10' WHERE id IN (\(bind: id), \(bind: backId))").run()
            }
            #expect(try await pass.scan(now: Self.bj("2026-01-10T23:00")) == 0)
            // …the day after: told once (the returned loan not at all), and never again.
            #expect(try await pass.scan(now: Self.bj("2026-01-11T08:00")) == 1)
            #expect(try await pass.scan(now: Self.bj("2026-01-11T09:00")) == 0)
            #expect(try await pass.scan(now: Date()) == 0)
            let lead = try await Self.told(app, s.lead.token, kind: "tool_loan_overdue")
            #expect(lead.count == 1)
            #expect(lead.first?["link"] as? String == "/materials/tool-loans/\(id)", "\(lead)")
            #expect((lead.first?["body"] as? String ?? "").contains("逾期 1 天"), "\(lead)")
            #expect(try await Self.told(app, f.keeperA1, kind: "tool_loan_overdue").count == 1, "the keeper who lent it")
            #expect(try await Self.told(app, s.leadA2, kind: "tool_loan_overdue").isEmpty, "another site's lead")
            #expect(try await Self.told(app, s.deptManagerB, kind: "tool_loan_overdue").isEmpty)
            #expect(try await Self.count(app, kind: "tool_loan_overdue") == 2)
        }
    }

    @Test func aFreightApprovalWaitingOverTwoWorkingDaysIsToldOnceToItsApprovers() async throws {
        try await TestApp.run { app in
            let a = try await FreightFlowTests.actors(app)
            let air = try await FreightFlowTests.freight(app, a.f.keeperA1, ["shipmentRef": "KY-LATE", "mode": "air", "cost": "900", "shippedOn": "2026-11-02"])
            let id = try #require(air.string("id"))
            let decided = try await FreightFlowTests.freight(app, a.f.keeperA1, ["shipmentRef": "KY-DONE", "mode": "air", "cost": "500", "shippedOn": "2026-11-02"])
            let decidedId = try #require(decided.string("id"))
            #expect(try await app.call(.post, "/api/v1/freight/\(decidedId)/approve", token: a.managerA, json: [:]).status == .ok)
            // Both recorded on Monday 2026-11-02 at 10:00 (Beijing), written, not waited for.
            let monday = Clock.millis(Self.bj("2026-11-02T10:00"))
            try await app.store.write { db in
                try await db.raw("UPDATE freight_records SET created_at = \(bind: monday) WHERE id IN (\(bind: id), \(bind: decidedId))").run()
            }
            let pass = FreightReminders(store: app.store, notifier: NotificationService(store: app.store, webhookTargets: WebhookTargets()),
                                        calendar: ShippedWorkCalendar())
            #expect(try await pass.scan(now: Self.bj("2026-11-03T10:00")) == 0)
            #expect(try await pass.scan(now: Self.bj("2026-11-04T23:59")) == 0, "Tuesday and Wednesday are its two working days")
            #expect(try await pass.scan(now: Self.bj("2026-11-05T08:00")) == 1)
            #expect(try await pass.scan(now: Self.bj("2026-11-05T09:00")) == 0)
            #expect(try await pass.scan(now: Self.bj("2026-11-20T09:00")) == 0)
            // FRT-05: air freight is the department manager's alone: he is told, the supervisor and the other department not.
            let manager = try await Self.told(app, a.managerA, kind: "freight_approval_late")
            #expect(manager.count == 1)
            #expect((manager.first?["title"] as? String ?? "").contains(air.string("number") ?? "-"), "\(manager)")
            #expect(try await Self.told(app, a.supervisorA, kind: "freight_approval_late").isEmpty)
            #expect(try await Self.told(app, a.managerB, kind: "freight_approval_late").isEmpty)
            #expect(try await Self.count(app, kind: "freight_approval_late") == 1)
        }
    }

    @Test func bothPassesRunInTheServersRound() async throws {
        try await TestApp.run { app in
            let names = app.jobs.passes.map(\.name)
            #expect(names.contains("tool_loans_overdue") && names.contains("freight_approvals_late"), "\(names)")
        }
    }
}
