import Foundation
import KefuApp
import KefuDomain
import KefuMaterials
import KefuPlatform
import KefuServiceDesk
import Testing

/// #13.1 background pass: a planner review past its 24 working hours is told once to the department's planner and
/// supervisor (REQ-04); on Mondays each department's leaders get the open requests' weekly progress once (REQ-08).
@Suite("Material request alerts and the weekly report (#13.1, REQ-04, REQ-08)")
struct MaterialRequestScannerTests {
    struct Calendar: MaterialWorkCalendar {
        let settings: SlaSettings
        func workCalendar(now: Date) async throws -> WorkCalendar { try await settings.current(now: now).calendar }
    }

    @Test func aBreachIsToldOnceAndMondaysReportGoesToTheLeadersOnce() async throws {
        try await TestApp.run { app in
            let s = try await MaterialRequestFlowTests.Signers.make(app)
            let id = try await s.draft(app)
            _ = try await MaterialRequestFlowTests.step(app, id, "submit", s.f.keeperA1)
            let entered = try await MaterialRequestFlowTests.step(app, id, "approve", s.leadA1)
            let dueText = try #require(entered.string("plannerDueAt"))
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let due = try #require(fractional.date(from: dueText))
            let scanner = MaterialRequestScanner(store: app.store, notifier: NotificationService(store: app.store, webhookTargets: WebhookTargets()),
                                                 calendar: Calendar(settings: SlaSettings(store: app.store)))
            let before = try await app.call(.get, "/api/v1/notifications", token: s.plannerA).items.count
            // When the deadline falls on a Monday, the weekly report goes out in the first scan too.
            let dueDay = try await Calendar(settings: SlaSettings(store: app.store)).workCalendar(now: due).day(of: Clock.millis(due))
            let mondayOffset = MaterialRequestFlow.weeklyReportDue(on: dueDay)
            #expect(try await scanner.scan(now: due.addingTimeInterval(-60)) == (mondayOffset ? 1 : 0))
            #expect(try await scanner.scan(now: due.addingTimeInterval(60)) == 1)
            #expect(try await scanner.scan(now: due.addingTimeInterval(120)) == 0)
            let told = try await app.call(.get, "/api/v1/notifications", token: s.plannerA).items
            #expect(told.count == before + 1 + (mondayOffset ? 1 : 0), "\(told)")
            #expect(try await app.call(.get, "/api/v1/notifications", token: s.plannerB).items.isEmpty)

            // 2030-03-04 is a Monday: one report for 业务部A (its open request), once; Tuesday none.
            let monday = ISO8601DateFormatter().date(from: "2030-03-04T02:00:00Z")!
            #expect(try await scanner.scan(now: monday) == 1)
            #expect(try await scanner.scan(now: monday.addingTimeInterval(3600)) == 0)
            #expect(try await scanner.scan(now: monday.addingTimeInterval(86_400)) == 0)
            let report = try await app.call(.get, "/api/v1/notifications", token: s.managerA).items
            #expect(report.contains { ($0["title"] as? String ?? "").contains("周报") || ($0["title"] as? String ?? "").contains("week") }, "\(report)")
            #expect(try await app.call(.get, "/api/v1/notifications", token: s.plannerB).items.isEmpty)
        }
    }
}
