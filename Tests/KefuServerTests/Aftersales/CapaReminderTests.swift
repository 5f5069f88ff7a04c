import Foundation
import Hummingbird
import KefuAftersales
import KefuApp
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import Logging
import SQLKit
import Testing

/// #11.4: the scanner tells a corrective action's owner and the complaint's owner once when it falls due within one
/// working day and once when it is overdue, with a link to the complaint; a second pass sends nothing again.
@Suite("CAPA due reminders (#11.4, CMP-09/12)", .serialized)
struct CapaReminderTests {
    /// Beijing wall-clock time as a controlled clock.
    static func bj(_ text: String) -> Date {
        let f = ISO8601DateFormatter()
        return f.date(from: text + ":00+08:00")!
    }

    /// The user's CAPA reminders, newest first, read from the table: they are delivered at the controlled clock's time,
    /// which the API (real time) does not show yet.
    static func capa(_ app: TestApp, _ user: (id: String, token: String)) async throws -> [(kind: String, title: String, link: String?)] {
        try await app.store.read { db in
            try await db.raw("""
                SELECT kind, title, link FROM notifications WHERE user_id = \(bind: user.id) AND kind LIKE 'capa_%' ORDER BY deliver_at DESC
                """).all().map { row in
                (try row.decode(column: "kind", as: String.self), try row.decode(column: "title", as: String.self), try row.decode(column: "link", as: String?.self))
            }
        }
    }

    /// A complaint whose responsible department (production) planned an action due on `due`.
    static func plannedComplaint(_ app: TestApp, _ f: AftersalesFixture, due: String) async throws -> String {
        let o = f.org
        let t = try await app.createTicket(o.agent.token, subject: "整改期限提醒 \(due)", extra: ["type": "complaint"])
        let ticketId = try #require(t.string("id"))
        let complaint = try await app.call(.get, "/api/v1/complaints", token: o.agent.token).items.first { $0["ticketId"] as? String == ticketId }
        let id = try #require(complaint?["id"] as? String)
        let base = "/api/v1/complaints/\(id)"
        try await app.expect(.ok, .post, base + "/classify", o.agent.token, ["responsibility": "company", "handling": "quality"])
        try await app.expect(.ok, .post, base + "/analysis", o.qaUser.token, ["rootCause": "焊接不良", "responsibleOrgUnitId": f.production])
        try await app.expect(.ok, .post, base + "/actions", f.producer.token, ["corrective": "更换模块", "preventive": "增加检验", "dueDate": due])
        return id
    }

    @Test func dueSoonOnceThenOverdueOnceOnTheWorkingDayCalendar() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let id = try await Self.plannedComplaint(app, f, due: "2027-03-10") // a Wednesday
            let scanner = CapaReminderScanner(store: app.store, settings: SlaSettings(store: app.store),
                                              notifier: NotificationService(store: app.store, webhookTargets: WebhookTargets()))
            // Monday: two working days ahead, nothing yet.
            #expect(try await scanner.scan(now: Self.bj("2027-03-08T10:00")) == 0)
            #expect(try await Self.capa(app, f.producer).isEmpty)
            // Tuesday: due the next working day — the action's owner and the complaint's owner (the ticket's owner) hear of it.
            #expect(try await scanner.scan(now: Self.bj("2027-03-09T09:00")) == 1)
            let producer = try await Self.capa(app, f.producer)
            #expect(producer.map(\.kind) == ["capa_due_soon"])
            #expect(producer.first?.link == "/complaints/\(id)")
            #expect(producer.first?.title.contains("2027-03-10") == true)
            #expect(try await Self.capa(app, f.org.agent).map(\.kind) == ["capa_due_soon"])
            #expect(try await Self.capa(app, f.org.qaUser).isEmpty)
            #expect(try await Self.capa(app, f.manager).isEmpty)
            // Again that day and on the due day: nothing twice.
            #expect(try await scanner.scan(now: Self.bj("2027-03-09T17:00")) == 0)
            #expect(try await scanner.scan(now: Self.bj("2027-03-10T23:30")) == 0)
            // The day after: overdue, once.
            #expect(try await scanner.scan(now: Self.bj("2027-03-11T00:10")) == 1)
            #expect(try await scanner.scan(now: Self.bj("2027-03-12T08:00")) == 0)
            #expect(try await Self.capa(app, f.producer).map(\.kind) == ["capa_overdue", "capa_due_soon"])
            #expect(try await Self.capa(app, f.org.agent).count == 2)
        }
    }

    @Test func aWeekendIsNoWorkingDay() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            _ = try await Self.plannedComplaint(app, f, due: "2027-03-15") // a Monday
            let scanner = CapaReminderScanner(store: app.store, settings: SlaSettings(store: app.store),
                                              notifier: NotificationService(store: app.store, webhookTargets: WebhookTargets()))
            #expect(try await scanner.scan(now: Self.bj("2027-03-11T10:00")) == 0) // Thursday: Friday comes first
            #expect(try await scanner.scan(now: Self.bj("2027-03-12T10:00")) == 1) // Friday: Monday is the next working day
            #expect(try await Self.capa(app, f.producer).map(\.kind) == ["capa_due_soon"])
        }
    }

    /// Through the server's own background jobs (the composition root wires the scanner in).
    @Test func theBackgroundJobsRunTheReminders() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            _ = try await Self.plannedComplaint(app, f, due: "2027-03-10")
            #expect(app.jobs.passes.map(\.name).contains("capa_reminders")) // beside other features' passes (#13.1 material_requests)
            let round = try await app.jobs.runRound(now: Self.bj("2027-03-12T10:00"), logger: TestDatabase.logger)
            #expect(round.passes.first { $0.name == "capa_reminders" }?.count == 1)
            #expect(try await Self.capa(app, f.producer).map(\.kind) == ["capa_overdue"])
        }
    }

    /// #11.4: `kefu sla-scan` runs the server's list of passes (`KefuServer.scanOnce`, what the command calls), so a
    /// due corrective action is reminded without the server running.
    @Test func theSlaScanCommandRunsTheCapaRemindersToo() async throws {
        try await TestApp.run { app in
            let f = try await AftersalesFixture.make(app)
            let id = try await Self.plannedComplaint(app, f, due: "2027-03-10")
            let round = try await KefuServer.scanOnce(app.store, now: Self.bj("2027-03-09T09:00"))
            #expect(round.passes.map(\.name) == app.jobs.passes.map(\.name), "one list for the server and the command")
            #expect(round.passes.first { $0.name == "capa_reminders" }?.count == 1)
            #expect(round.failed.isEmpty)
            let producer = try await Self.capa(app, f.producer)
            #expect(producer.map(\.kind) == ["capa_due_soon"])
            #expect(producer.first?.link == "/complaints/\(id)")
            // A second round that day: nothing again.
            #expect(try await KefuServer.scanOnce(app.store, now: Self.bj("2027-03-09T17:00")).passes.first?.count == 0)
        }
    }
}
