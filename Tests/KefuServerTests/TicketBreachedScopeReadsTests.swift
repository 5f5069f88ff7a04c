import Foundation
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import SQLKit
import Testing

/// #17.7: a unit's "breached" list and tab are counted off the indexes that hold its breached tickets
/// (`TicketQueries.breachedScopeReads`, desk-016). Whatever the count's read, it must equal the usual read's: tickets
/// with a breach on record (open, closed), open and past due with no record yet, resolved with a first response still
/// running past due, and none of those that are not breached, on every side of every viewer's scope.
@Suite("Tickets: a unit's breached list counted off indexes (#17.7)", .serialized)
struct TicketBreachedScopeReadsTests {
    @Test func theBreachedCountIsTheUsualReadsForEveryViewer() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let units = try await QueueUnits.make(app, org)
            let siteAgent = units.siteAgent, otherAgent = units.otherAgent
            let authors = [org.agent, org.colleague, siteAgent, otherAgent]
            func create(_ n: Int, _ from: Int) async throws -> [String] {
                var ids: [String] = []
                for i in from..<(from + n) {
                    let reply = try await app.createTicket(authors[i % authors.count].token, subject: "来电\(i)")
                    #expect(reply.status == .created, "\(reply.text)")
                    ids.append(reply.string("id")!)
                }
                return ids
            }
            func step(_ id: String, _ path: String, _ token: String, _ body: [String: Any], patch: Bool = false) async throws {
                let reply = try await app.call(patch ? .patch : .post, "/api/v1/tickets/\(id)\(path)", token: token, json: body)
                #expect(reply.status == .ok || reply.status == .created, "\(path) \(reply.text)")
            }
            func author(_ n: Int) -> String { authors[n % authors.count].token }
            // Recorded by the scanner: every running clock of these is past due ten days on (on any working calendar).
            let recorded = try await create(16, 0)
            for i in stride(from: 2, to: 16, by: 4) { try await step(recorded[i], "/comments", author(i), ["body": "已联系客户", "visibility": "public"]) }
            _ = try await app.jobs.scanner.scan(now: Date().addingTimeInterval(10 * 86_400))
            // Then closed (the record stays), handled elsewhere, forwarded, waiting on the customer.
            for i in stride(from: 1, to: 16, by: 5) {
                try await step(recorded[i], "/status", author(i), ["status": "resolved"])
                try await step(recorded[i], "/status", author(i), ["status": "closed"])
            }
            for i in [3, 7, 15] { try await step(recorded[i], "", otherAgent.token, ["assigneeId": org.agent.id], patch: true) }
            // Not recorded yet: past due (open, resolved with its first response running), or not past due.
            let unrecorded = try await create(20, 16)
            for i in stride(from: 0, to: 20, by: 7) { try await step(unrecorded[i], "/status", author(16 + i), ["status": "resolved"]) }
            for i in stride(from: 4, to: 20, by: 8) { try await step(unrecorded[i], "/status", author(16 + i), ["status": "pending_customer"]) }
            for i in [5, 13] { try await step(unrecorded[i], "/forward", author(16 + i), ["toOrgUnitId": org.qa]) }
            for i in [11, 19] { try await step(unrecorded[i], "/forward", otherAgent.token, ["toOrgUnitId": org.cs]) }
            try await app.store.write { db in
                for (n, id) in unrecorded.enumerated() where n % 3 != 2 {
                    try await db.raw("UPDATE tickets SET due_at = \(bind: Clock.millis() - 60_000 * Int64(1 + n)) WHERE id = \(bind: id) AND due_at IS NOT NULL").run()
                }
            }

            // The scanner marks what it records, and desk-016's backfill marks the same.
            let marks = try await app.store.read { db in
                try await db.raw("""
                    SELECT COUNT(*) AS n FROM tickets t WHERE (t.breached_at IS NOT NULL) <> (t.id IN (SELECT b.ticket_id FROM ticket_breaches b))
                        OR t.breached_at <> (SELECT MIN(b.recorded_at) FROM ticket_breaches b WHERE b.ticket_id = t.id)
                    """).first()!.decode(column: "n", as: Int.self)
            }
            #expect(marks == 0)
            let marked = try await app.store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM tickets WHERE breached_at IS NOT NULL").first()!.decode(column: "n", as: Int.self)
            }
            let onRecord = try await app.store.read { db in
                try await db.raw("SELECT COUNT(DISTINCT ticket_id) AS n FROM ticket_breaches").first()!.decode(column: "n", as: Int.self)
            }
            #expect(marked == 16 && onRecord == 16)
            try await app.store.write { db in
                try await db.raw("UPDATE tickets SET breached_at = NULL").run()
                try await db.raw(SQLQueryString(ServiceDeskMigrations.desk016BreachMarks.common[1])).run()
            }
            let backfilled = try await app.store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM tickets WHERE breached_at IS NOT NULL").first()!.decode(column: "n", as: Int.self)
            }
            #expect(backfilled == 16)

            let dialect = app.store.dialect, now = Date()
            var breached = TicketFilter()
            breached.view = .all
            breached.breached = true
            let filter = breached
            var openOnly = filter
            openOnly.statuses = TicketStatus.allCases.filter(\.isOpen)
            func page(_ viewer: Principal, _ filter: TicketFilter = filter, countLimit: Int, arms: Bool) async throws -> ListPage<TicketView> {
                try await app.store.read { db in
                    try await TicketQueries.listing(db, filter, paging: Paging(page: 1, per: 100), viewer: viewer, now: now, calendar: nil,
                                                    dialect: dialect, countLimit: countLimit, readArms: arms).page
                }
            }
            let viewers = [try await app.principal(org.agent.id), try await app.principal(siteAgent.id), try await app.principal(otherAgent.id),
                           try await app.principal(org.supervisor.id), try await app.principal(org.qaUser.id)]
            var seen = Set<Int>(), closedOrResolvedSeen = false
            for viewer in viewers {
                let taken = try await app.store.read { db in
                    try await TicketQueries.breachedScopeCount(db, filter, onlyScope: true, viewer: viewer, now: Clock.millis(now), cap: nil, dialect: dialect)
                }
                let usual = try await page(viewer, countLimit: 10_000, arms: false)
                #expect(taken == usual.total, "\(viewer.userId)")
                let armed = try await page(viewer, countLimit: 10_000, arms: true)
                #expect(armed.total == usual.total && armed.totalExact && armed.items.map(\.id) == usual.items.map(\.id), "\(viewer.userId)")
                seen.insert(usual.total)
                // The queue's "breached" tab counts the open ones the same way.
                let tabs = try await app.store.read { db in
                    try await TicketQueries.queueCounts(db, viewer: viewer, now: now, calendar: TicketQueueTests.calendar, dialect: dialect)
                }
                let open = try await page(viewer, openOnly, countLimit: 10_000, arms: false)
                #expect(tabs.breached == open.total && open.total > 0 && open.total <= usual.total, "\(viewer.userId)")
                closedOrResolvedSeen = closedOrResolvedSeen || open.total < usual.total
                // A count past its limit says so, as the usual read's does.
                let cappedUsual = try await page(viewer, countLimit: 3, arms: false), capped = try await page(viewer, countLimit: 3, arms: true)
                #expect(capped.total == cappedUsual.total && capped.totalExact == cappedUsual.totalExact, "\(viewer.userId)")
            }
            // The whole organisation's tab: the open tickets past due and the marked ones.
            let admin = try await app.adminPrincipal()
            let adminTabs = try await app.store.read { db in
                try await TicketQueries.queueCounts(db, viewer: admin, now: now, calendar: TicketQueueTests.calendar, dialect: dialect)
            }
            let adminOpen = try await page(admin, openOnly, countLimit: 10_000, arms: false)
            #expect(adminTabs.breached == adminOpen.total && adminOpen.total > 0)
            // The viewers see different numbers of breached tickets, none of them none: the fixture tells them apart.
            #expect(seen.count >= 4 && !seen.contains(0) && closedOrResolvedSeen, "\(seen)")
        }
    }

    /// Another condition, a customer and the whole organisation keep the usual count.
    @Test func onlyAUnitsPlainBreachedListIsCountedOffTheIndexes() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let agent = try await app.principal(org.agent.id), admin = try await app.adminPrincipal()
            let dialect = app.store.dialect
            func taken(_ viewer: Principal, onlyScope: Bool = true, _ change: (inout TicketFilter) -> Void = { _ in }) async throws -> Bool {
                var f = TicketFilter()
                f.breached = true
                change(&f)
                let filter = f
                return try await app.store.read { db in
                    try await TicketQueries.breachedScopeCount(db, filter, onlyScope: onlyScope, viewer: viewer, now: Clock.millis(), cap: 10, dialect: dialect)
                } != nil
            }
            #expect(try await taken(agent))
            #expect(try await !taken(agent, onlyScope: false))
            #expect(try await !taken(agent) { $0.breached = false })
            #expect(try await !taken(admin))
        }
    }
}
