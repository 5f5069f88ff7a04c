import Foundation
import KefuApp
import KefuDomain
import KefuMaterials
import KefuPlatform
import KefuServiceDesk
import SQLKit
import Testing

/// #13.1 background pass: a planner review past its 24 working hours is told once to the department's planner and
/// supervisor (REQ-04); on Mondays each department's leaders get the open requests' weekly progress once (REQ-08).
@Suite("Material request alerts and the weekly report (#13.1, REQ-04, REQ-08)")
struct MaterialRequestScannerTests {
    struct Calendar: MaterialWorkCalendar {
        let settings: SlaSettings
        func workCalendar(now: Date) async throws -> WorkCalendar { try await settings.current(now: now).calendar }
    }

    static func count(_ app: TestApp, kind: String) async throws -> Int {
        try await app.store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM notifications WHERE kind = \(bind: kind)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    @Test func aBreachIsToldOnceAndMondaysReportGoesToTheLeadersOnce() async throws {
        try await TestApp.run { app in
            let s = try await MaterialRequestFlowTests.Signers.make(app)
            let id = try await s.draft(app)
            _ = try await MaterialRequestFlowTests.step(app, id, "submit", s.f.keeperA1)
            let entered = try await MaterialRequestFlowTests.step(app, id, "approve", s.leadA1)
            #expect(entered.json["plannerBreached"] as? Bool == false)
            let scanner = MaterialRequestScanner(store: app.store, notifier: NotificationService(store: app.store, webhookTargets: WebhookTargets()),
                                                 calendar: Calendar(settings: SlaSettings(store: app.store)))
            let now = Date()
            let weekly = MaterialRequestFlow.weeklyReportDue(on: try await Calendar(settings: SlaSettings(store: app.store)).workCalendar(now: now).day(of: Clock.millis(now)))
            // Not yet due: nothing (beyond today's weekly report when the test runs on a Monday).
            #expect(try await scanner.scan(now: now) == (weekly ? 1 : 0))
            // The deadline passed a minute ago: the planner and the supervisor are told, once; the page says breached.
            try await app.store.write { db in
                try await db.raw("UPDATE material_requests SET planner_due_at = \(bind: Clock.millis(now) - 60_000) WHERE id = \(bind: id)").run()
            }
            let before = try await app.call(.get, "/api/v1/notifications", token: s.plannerA).items.count
            #expect(try await scanner.scan(now: now) == 1)
            #expect(try await scanner.scan(now: now.addingTimeInterval(1)) == 0)
            #expect(try await app.call(.get, "/api/v1/notifications", token: s.plannerA).items.count == before + 1)
            #expect(try await app.call(.get, "/api/v1/notifications", token: s.supervisorA).items.contains { ($0["title"] as? String ?? "").contains("超时") })
            #expect(try await app.call(.get, "/api/v1/notifications", token: s.plannerB).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/material-requests/\(id)", token: s.plannerA).json["plannerBreached"] as? Bool == true)

            // 2030-03-04 is a Monday: one report for 业务部A (its open request) to its manager, supervisor and planner, once.
            let monday = ISO8601DateFormatter().date(from: "2030-03-04T02:00:00Z")!
            let weeklyBefore = try await Self.count(app, kind: "material_request_weekly")
            #expect(try await scanner.scan(now: monday) == 1)
            #expect(try await scanner.scan(now: monday.addingTimeInterval(3600)) == 0)
            #expect(try await scanner.scan(now: monday.addingTimeInterval(86_400)) == 0)
            #expect(try await Self.count(app, kind: "material_request_weekly") == weeklyBefore + 3)
        }
    }
}
