import Foundation
import HTTPTypes
import Hummingbird
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import NIOCore
import SQLKit
import Testing

/// #11.4: queue counts per view, "due soon" on the working-time clock, and the live queue stream.
@Suite("Tickets: queues, counts and the live stream (#11.4)", .serialized)
struct TicketQueueTests {
    static let calendar = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))

    /// The latest working day before today that is followed by a day off (a Friday, or the eve of a holiday), within 20 days.
    static func lastWorkingDayBeforeADayOff() -> CivilDay {
        var d = calendar.day(of: Clock.millis(Date())).adding(days: -2)
        for _ in 0..<20 {
            if calendar.isWorkingTime(calendar.startOfDay(d) + 10 * 3_600_000, .businessHours),
               !calendar.isWorkingTime(calendar.startOfDay(d.adding(days: 1)) + 10 * 3_600_000, .businessHours) { return d }
            d = d.adding(days: -1)
        }
        return d
    }

    @Test func dueSoonCountsWorkingTimeAcrossTheDaysOff() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            // Received at 17:58 on the last working day before days off, on the seed's business-hours policy: its first
            // response (5 working minutes) is due at 09:03 on the next working day.
            let eve = Self.lastWorkingDayBeforeADayOff()
            let received = Self.calendar.startOfDay(eve) + (17 * 60 + 58) * 60_000
            let reply = try await app.createTicket(org.agent.token, subject: "周末前来电", extra: ["receivedAt": Times.rfc3339(received)])
            #expect(reply.status == .created, "\(reply.text)")
            let due = Times.parse((reply["sla"] as! [String: Any])["firstResponseDueAt"] as! String).map(Clock.millis)!
            #expect(due - received > 12 * 3_600_000, "due on the next working day")
            // Half past six that evening: 3 working minutes are left, though the wall clock says more than 14 hours.
            let evening = Date(timeIntervalSince1970: Double(Self.calendar.startOfDay(eve) + (18 * 60 + 30) * 60_000) / 1000)
            let supervisor = try await app.principal(org.supervisor.id)
            let queries = TicketQueries(store: app.store)
            var filter = TicketFilter()
            filter.dueWithinMinutes = 60
            filter.statuses = TicketStatus.allCases.filter(\.isOpen)
            let soon = try await queries.list(filter, paging: Paging(page: 1, per: 25), viewer: supervisor, now: evening)
            #expect(soon.items.map(\.subject) == ["周末前来电"])
            let counts = try await app.store.read { db in
                try await TicketQueries.queueCounts(db, viewer: supervisor, now: evening, calendar: Self.calendar, dialect: app.store.dialect)
            }
            #expect(counts.soon == 1)
            #expect(counts.breached == 0)
            // The horizon itself: 60 working minutes from that evening end at 10:00 on the next working day.
            let horizon = DueSoonHorizon(minutes: 60, now: Clock.millis(evening), calendar: Self.calendar)
            #expect(Self.calendar.workingMillis(from: Clock.millis(evening), to: horizon.businessHoursUntil, .businessHours) == 60 * 60_000)
            #expect(horizon.businessHoursUntil - Clock.millis(evening) > 14 * 3_600_000)
            #expect(horizon.allDayUntil - Clock.millis(evening) == 60 * 60_000)
        }
    }

    @Test func countsPerViewFollowTheViewersScope() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let queries = TicketQueries(store: app.store)
            let agent = try await app.principal(org.agent.id), qa = try await app.principal(org.qaUser.id)
            let agentBefore = try await queries.queueCounts(viewer: agent), qaBefore = try await queries.queueCounts(viewer: qa)
            let id = try await app.createTicket(org.agent.token, subject: "新来电").string("id")!
            _ = try await app.createTicket(org.colleague.token, subject: "同事的来电")
            let agentAfter = try await queries.queueCounts(viewer: agent)
            #expect(agentAfter.mine == agentBefore.mine + 1)
            #expect(agentAfter.team == agentBefore.team + 2)
            #expect(agentAfter.unassigned == agentBefore.unassigned + 2)
            #expect(agentAfter.stamp != agentBefore.stamp)
            // Outside QA's scope: its stream has nothing to tell.
            #expect(try await queries.queueCounts(viewer: qa).stamp == qaBefore.stamp)
            // Assigned: no longer unassigned. Forwarded to QA: now QA's to see.
            _ = try await app.call(.patch, "/api/v1/tickets/\(id)", token: org.agent.token, json: ["assigneeId": org.colleague.id])
            #expect(try await queries.queueCounts(viewer: agent).unassigned == agentBefore.unassigned + 1)
            _ = try await app.call(.post, "/api/v1/tickets/\(id)/forward", token: org.agent.token, json: ["toOrgUnitId": org.qa])
            let qaAfter = try await queries.queueCounts(viewer: qa)
            #expect(qaAfter.stamp != qaBefore.stamp)
            #expect(qaAfter.all == qaBefore.all + 1)
            // The page shows the counts on its tabs, and the assignee and due-time columns.
            let session = PageSession(app)
            _ = try await session.signIn("agent", "password-agent")
            let page = try await session.get("/tickets?view=team")
            #expect(page.text.contains("id=\"count-team\">2<"))
            #expect(page.text.contains("id=\"count-mine\">1<"))
            #expect(page.text.contains("data-live-queue=\"/tickets/live\""))
            #expect(page.text.contains("到期时间") && page.text.contains("处理人"))
            // A forward to a unit without a person clears the assignee: both are unassigned again.
            let unassigned = try await session.get("/tickets?view=team&unassigned=true")
            #expect(unassigned.text.contains("同事的来电") && unassigned.text.contains(">新来电<"))
            #expect(unassigned.text.contains("id=\"tab-unassigned\" class=\"active\""))
        }
    }

    /// #17.7: each tab counts up to its cap and the page's total up to its limit, so neither reads every open ticket at
    /// a million; the stamp still changes when a ticket leaves the queue with every count at its cap.
    @Test func countsStopAtTheirCapAndTheStampStillSeesATicketLeave() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            var ids: [String] = []
            for i in 0..<4 { ids.append(try await app.createTicket(org.agent.token, subject: "来电\(i)").string("id")!) }
            let agent = try await app.principal(org.agent.id)
            let calendar = Self.calendar, dialect = app.store.dialect
            func counts(cap: Int) async throws -> TicketQueueCounts {
                try await app.store.read { db in
                    try await TicketQueries.queueCounts(db, viewer: agent, now: Date(), calendar: calendar, dialect: dialect, cap: cap)
                }
            }
            let exact = try await counts(cap: 1_000)
            #expect(exact.mine == 4 && exact.team == 4 && exact.all == 4 && exact.unassigned == 4 && exact.today == 4)
            let capped = try await counts(cap: 3)
            #expect(capped.mine == 3 && capped.team == 3 && capped.all == 3 && capped.unassigned == 3 && capped.today == 3)
            // Resolving one leaves every capped count where it was; the stamp changes all the same.
            let reply = try await app.call(.post, "/api/v1/tickets/\(ids[0])/status", token: org.agent.token, json: ["status": "resolved"])
            #expect(reply.status == .ok, "\(reply.text)")
            let after = try await counts(cap: 3)
            #expect(after.mine == 3 && after.all == 3)
            #expect(after.stamp != capped.stamp)
            // The page's total: exact below its limit, "at least" beyond it.
            var mineFilter = TicketFilter()
            mineFilter.view = .mine
            let filter = mineFilter
            let page = try await app.store.read { db in
                try await TicketQueries.listing(db, filter, paging: Paging(page: 1, per: 2), viewer: agent, now: Date(), calendar: nil,
                                                dialect: dialect, countLimit: 2)
            }.page
            #expect(page.items.count == 2 && page.total == 2 && page.totalExact == false)
            let whole = try await app.store.read { db in
                try await TicketQueries.listing(db, filter, paging: Paging(page: 1, per: 2), viewer: agent, now: Date(), calendar: nil,
                                                dialect: dialect, countLimit: 10)
            }.page
            #expect(whole.total == 4 && whole.totalExact == true)
            // A broad list read by walking its order's index lists what the planner's own choice lists.
            for sort in [TicketFilter.Sort.due, .created, .updated, .priority] {
                var teamFilter = TicketFilter()
                teamFilter.view = .team
                teamFilter.sort = sort
                teamFilter.statuses = TicketStatus.allCases.filter(\.isOpen)
                let f = teamFilter
                let planned = try await app.store.read { db in
                    try await TicketQueries.listing(db, f, paging: Paging(page: 1, per: 10), viewer: agent, now: Date(), calendar: nil, dialect: dialect)
                }.page.items.map(\.id)
                let walked = try await app.store.read { db in
                    try await TicketQueries.listing(db, f, paging: Paging(page: 1, per: 10), viewer: agent, now: Date(), calendar: nil, dialect: dialect,
                                                    walkOrderAbove: 0)
                }.page.items.map(\.id)
                #expect(walked == planned && planned.count == 3, "\(sort)")
            }
            // The indexes a broad list walks on SQLite exist under the names the query gives (else SQLite refuses it).
            if dialect == .sqlite {
                let names = try await app.store.read { db in try await db.raw("PRAGMA index_list(tickets)").all().map { try $0.decode(column: "name", as: String.self) } }
                for sort in [TicketFilter.Sort.due, .created, .updated] {
                    let walk = try #require(sort.sqliteWalk)
                    #expect(names.contains(String(walk.dropFirst("INDEXED BY ".count))), "\(walk) names no index of tickets: \(names)")
                }
            }
            // The tab shows the cap's "999+" form only at the product's cap; here the page shows the exact 3 open ones.
            let session = PageSession(app)
            _ = try await session.signIn("agent", "password-agent")
            #expect(try await session.get("/tickets?view=mine").text.contains("id=\"count-mine\">3<"))
        }
    }

    /// Collects what an event stream writes.
    final class Collector: ResponseBodyWriter, @unchecked Sendable {
        var text = ""
        func write(_ buffer: ByteBuffer) async throws { text += String(buffer: buffer) }
        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    actor Source {
        var stamps: [String]
        init(_ stamps: [String]) { self.stamps = stamps }
        func next() -> (stamp: String, data: String) {
            let s = stamps.count > 1 ? stamps.removeFirst() : stamps[0]
            return (s, "{\"stamp\":\"\(s)\"}")
        }
    }

    @Test func theStreamSendsAnEventOnEachChangeAndIsBounded() async throws {
        let slots = EventStreamSlots(limit: 1)
        // In virtual time: polls every 20 ms for 3 s. The six stamps take the first five polls; after the last one the
        // source repeats it, so the rest of the stream sends no more events, only a keep-alive each quiet 60 ms.
        let stream = EventStream(slots: slots, interval: .milliseconds(20), heartbeat: .milliseconds(60), lifetime: .seconds(3),
                                 clock: InstantSleepClock())
        let source = Source(["a", "a", "b", "b", "b", "c"])
        let response = try await stream.response(event: "queue") { await source.next() }
        #expect(response.headers[.contentType] == "text/event-stream; charset=utf-8")
        // A second stream beyond the limit is refused (503) while the first is open.
        do {
            _ = try await stream.response(event: "queue") { ("x", "x") }
            Issue.record("a stream beyond the limit was opened")
        } catch let error as AppError {
            #expect(error.status == .serviceUnavailable)
        }
        let collector = Collector()
        try await response.body.write(collector)
        let text = collector.text
        #expect(text.hasPrefix("retry: 3000\nevent: ready\ndata: {\"stamp\":\"a\"}\n\n"))
        #expect(text.components(separatedBy: "event: queue\n").count - 1 == 2)
        #expect(text.contains("data: {\"stamp\":\"b\"}") && text.contains("data: {\"stamp\":\"c\"}"))
        // c came at 100 ms; quiet from then to 3 s is 2.9 s, a keep-alive at each 60 ms of it: 48 (the last poll is at 3 s).
        #expect(text.components(separatedBy: ": keep-alive\n").count - 1 == 48)
        // Ended: its slot is free again.
        #expect(await slots.open == 0)
    }

    @Test func theStreamNeedsSignIn() async throws {
        try await TestApp.run { app in
            let anonymous = try await app.call(.get, "/tickets/live")
            #expect(anonymous.status != .ok)
            #expect(anonymous.headers[.contentType]?.hasPrefix("text/event-stream") != true)
        }
    }
}
