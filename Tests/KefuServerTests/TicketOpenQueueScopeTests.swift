import Foundation
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import SQLKit
import Testing

/// #17.7: a unit's staff read their queues (open tickets only) through the open-ticket indexes of desk-011 on SQLite
/// (`TicketQueries.openScope`), and "received today" through the received index. Whatever the read, the queue must
/// list exactly the open ones of what the viewer may see.
@Suite("Tickets: a unit's queues read from its open tickets (#17.7)", .serialized)
struct TicketOpenQueueScopeTests {
    @Test func theOpenTicketIndexesRepeatTheDomainsOpenStatuses() {
        // SQLite uses the partial indexes only for a query that repeats their condition word for word.
        let closedOnes = TicketStatus.allCases.filter { !$0.isOpen }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        #expect(ServiceDeskMigrations.openTickets == "status NOT IN (\(closedOnes))")
    }

    @Test func aQueueListsTheOpenOnesOfWhatTheViewerSees() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let units = try await QueueUnits.make(app, org)
            let siteAgent = units.siteAgent, otherAgent = units.otherAgent
            func create(_ token: String, _ subject: String) async throws -> String {
                let reply = try await app.createTicket(token, subject: subject)
                #expect(reply.status == .created, "\(reply.text)")
                return reply.string("id")!
            }
            func step(_ id: String, _ path: String, _ token: String, _ body: [String: Any], patch: Bool = false) async throws {
                let reply = try await app.call(patch ? .patch : .post, "/api/v1/tickets/\(id)\(path)", token: token, json: body)
                #expect(reply.status == .ok, "\(path) \(reply.text)")
            }
            _ = try await create(org.agent.token, "本部来电")
            _ = try await create(org.colleague.token, "同事来电")
            _ = try await create(siteAgent.token, "现场组来电")
            let assigned = try await create(otherAgent.token, "二部指派来电")
            try await step(assigned, "", otherAgent.token, ["assigneeId": org.agent.id], patch: true)
            let forwarded = try await create(otherAgent.token, "二部转来电")
            try await step(forwarded, "/forward", otherAgent.token, ["toOrgUnitId": org.cs])
            _ = try await create(otherAgent.token, "二部自己的来电")
            let toQA = try await create(otherAgent.token, "转品管部来电")
            try await step(toQA, "/forward", otherAgent.token, ["toOrgUnitId": org.qa])
            let resolved = try await create(org.agent.token, "已解决来电")
            try await step(resolved, "/status", org.agent.token, ["status": "resolved"])
            let closed = try await create(org.colleague.token, "已关闭来电")
            try await step(closed, "/status", org.colleague.token, ["status": "resolved"])
            try await step(closed, "/status", org.colleague.token, ["status": "closed"])

            let dialect = app.store.dialect, calendar = TicketQueueTests.calendar
            let open = TicketStatus.allCases.filter(\.isOpen)
            func subjects(_ viewer: Principal, _ view: TicketFilter.View, unassigned: Bool = false, today: Bool = false,
                          statuses: [TicketStatus], sort: TicketFilter.Sort, newest: Int? = nil, page: Int = 1, per: Int = 100,
                          dueWithin: Int? = nil) async throws -> [String] {
                var f = TicketFilter()
                f.view = view
                f.unassigned = unassigned
                f.openReceivedToday = today
                f.statuses = statuses
                f.sort = sort
                f.dueWithinMinutes = dueWithin
                let filter = f
                let page = try await app.store.read { db in
                    try await TicketQueries.listing(db, filter, paging: Paging(page: page, per: per), viewer: viewer, now: Date(), calendar: calendar,
                                                    dialect: dialect, countLimit: 10_000, walkOrderAbove: newest == nil ? TicketQueries.walkOrderAbove : 0,
                                                    newestWalked: newest ?? TicketQueries.newestWalked).page
                }
                #expect(per < 100 || page.total == page.items.count && page.totalExact)
                return page.items.filter { statuses.isEmpty ? open.map(\.rawValue).contains($0.status) : true }.map(\.subject)
            }
            let agent = try await app.principal(org.agent.id), site2 = try await app.principal(siteAgent.id)
            let other2 = try await app.principal(otherAgent.id), supervisor = try await app.principal(org.supervisor.id)
            let qa = try await app.principal(org.qaUser.id)
            let admin = try await app.adminPrincipal()
            // Due within a week of working time: every open ticket here. A scoped "due soon" is read off the due index on
            // SQLite; it must find what the administrator's finds, of what the viewer may see.
            let week = 10_080
            let dueAnywhere = Set(try await subjects(admin, .all, statuses: [], sort: .due, dueWithin: week))
            #expect(dueAnywhere.count == 7, "\(dueAnywhere)")
            for viewer in [agent, site2, other2, supervisor, qa] {
                let seen = Set(try await subjects(viewer, .all, statuses: [], sort: .due))
                #expect(Set(try await subjects(viewer, .all, statuses: [], sort: .due, dueWithin: week)) == dueAnywhere.intersection(seen),
                        "due soon \(viewer.userId)")
            }
            // The tabs' "due soon" (60 working minutes) on each kind of read: QA sees only what was forwarded to it.
            let queries = TicketQueries(store: app.store)
            for viewer in [agent, qa] {
                let soon = try await subjects(viewer, .all, statuses: [], sort: .due, dueWithin: TicketQueries.dueSoonMinutes)
                #expect(try await queries.queueCounts(viewer: viewer, now: Date()).soon == soon.count, "soon tab \(viewer.userId)")
            }
            #expect(try await queries.queueCounts(viewer: qa, now: Date()).all == 1)
            for viewer in [agent, site2, other2, supervisor] {
                for view in [TicketFilter.View.mine, .team, .all] {
                    for sort in [TicketFilter.Sort.due, .created] {
                        for unassigned in [false, true] {
                            let queue = try await subjects(viewer, view, unassigned: unassigned, statuses: open, sort: sort)
                            let everything = try await subjects(viewer, view, unassigned: unassigned, statuses: [], sort: sort)
                            #expect(queue == everything, "\(viewer.userId) \(view) \(sort) unassigned \(unassigned)")
                        }
                    }
                    // A unit's list newest first, looked for among the newest few tickets first: each page of two the same
                    // whether it is found there or not (among the whole table, the newest 4, the newest 2).
                    let every = TicketStatus.allCases
                    let planned = try await subjects(viewer, view, statuses: every, sort: .created)
                    for newest in [20_000, 4, 2] {
                        for page in 1...4 {
                            let walked = try await subjects(viewer, view, statuses: every, sort: .created, newest: newest, page: page, per: 2)
                            #expect(walked == Array(planned.dropFirst((page - 1) * 2).prefix(2)), "\(viewer.userId) \(view) newest \(newest) page \(page)")
                        }
                    }
                    // Received today and still open: the same tickets, read off the received index.
                    let today = try await subjects(viewer, view, today: true, statuses: [], sort: .due)
                    #expect(today == (try await subjects(viewer, view, statuses: [], sort: .due)), "today \(viewer.userId) \(view)")
                }
            }
            // What the agent's queues hold: its unit's and sub-unit's open tickets, the one assigned to it and the one
            // forwarded to its unit — not the other unit's own, nor the resolved and closed ones.
            let agentQueue = Set(try await subjects(agent, .all, statuses: open, sort: .created))
            #expect(agentQueue == ["本部来电", "同事来电", "现场组来电", "二部指派来电", "二部转来电"])
            #expect(Set(try await subjects(site2, .all, statuses: open, sort: .created)) == ["现场组来电"])
            // The tabs count the same tickets.
            let counts = try await TicketQueries(store: app.store).queueCounts(viewer: agent)
            #expect(counts.all == 5 && counts.today == 5)
            #expect(counts.mine == (try await subjects(agent, .mine, statuses: open, sort: .due)).count)
            #expect(counts.team == (try await subjects(agent, .team, statuses: open, sort: .due)).count)
            #expect(counts.unassigned == (try await subjects(agent, .team, unassigned: true, statuses: open, sort: .due)).count)
        }
    }

    /// The home page's "my queue" counts up to its cap ("999+" at the product's), and a queue at its cap is read off the
    /// due order's index on SQLite: the same rows, soonest due first.
    @Test func myQueueCountsUpToItsCapAndListsTheSameRowsAtIt() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            for i in 0..<3 { _ = try await app.createTicket(org.agent.token, subject: "我的来电\(i)") }
            let agent = try await app.principal(org.agent.id)
            let dialect = app.store.dialect
            let exact = try await app.store.read { db in try await MyQueue.read(db, viewer: agent, dialect: dialect) }
            #expect(exact.openCount == 3 && exact.openCountLabel == "3")
            let capped = try await app.store.read { db in try await MyQueue.read(db, viewer: agent, dialect: dialect, cap: 2) }
            #expect(capped.openCount == 2 && capped.openCountLabel == "1+")
            #expect(capped.rows.map(\.id) == exact.rows.map(\.id) && exact.rows.count == 3)
        }
    }

    /// #17.7 desk-012: on PostgreSQL a unit's open tickets are read off the partial pattern indexes: a LIKE prefix can use
    /// them in any database collation (desk-001's plain indexes only in "C"), and the queues' open condition is the
    /// indexes' own.
    @Test func onPostgreSQLAUnitsOpenTicketsAreReadOffThePartialPatternIndexes() async throws {
        try await TestApp.run { app in
            guard app.store.dialect == .postgres else { return }
            let plan = try await app.store.write { db in
                try await db.raw("SET LOCAL enable_seqscan = off").run()
                return try await db.raw("""
                    EXPLAIN SELECT t.rid FROM tickets t WHERE (\(StoreDialect.postgres.startsWith("t.org_path", "/r/u/"))
                        OR \(StoreDialect.postgres.startsWith("t.team_path", "/r/u/"))) AND \(TicketQueries.openStatus("", .postgres))
                    """).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            }
            #expect(plan.contains("tickets_open_org") && plan.contains("tickets_open_team"), "\(plan)")
            // The queues' open condition is the indexes' own, word for word (given as the list of open statuses, the
            // planner also read the status index beside them at a million tickets).
            let rendered = try await app.store.read { db in
                var serializer = SQLSerializer(database: db)
                TicketQueries.openStatus("", .postgres).serialize(to: &serializer)
                return serializer.sql
            }
            #expect(rendered == "t." + ServiceDeskMigrations.openTickets, "\(rendered)")
        }
    }

    /// #17.7 TicketOpenArms: on PostgreSQL a unit's tabs are counted as index walks, each side up to the
    /// cap. Sides that overlap (a ticket of the unit that is also the agent's own) count once; the count is exact below the
    /// cap and the cap above it; and the connection's planner setting is back to its default afterwards.
    @Test func aUnitsTabsCountedSideBySideAreExactBelowTheCapAndTheCapAbove() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            for i in 0..<3 { _ = try await app.createTicket(org.agent.token, subject: "本部来电\(i)") }
            for i in 0..<2 { _ = try await app.createTicket(org.colleague.token, subject: "同事来电\(i)") }
            let agent = try await app.principal(org.agent.id), dialect = app.store.dialect
            /// The counts, and the connection's planner settings before and right after them and a count of the unit's list
            /// (the same).
            func counts(cap: Int) async throws -> TicketQueueCounts {
                let (counts, before, after) = try await app.store.read { db in
                    func settings() async throws -> String {
                        guard dialect == .postgres else { return "" }
                        return try await db.raw("SELECT current_setting('enable_bitmapscan') || '/' || current_setting('jit') AS s").first()!
                            .decode(column: "s", as: String.self)
                    }
                    let before = try await settings()
                    let counts = try await TicketQueries.queueCounts(db, viewer: agent, now: Date(), calendar: TicketQueueTests.calendar,
                                                                     dialect: dialect, cap: cap)
                    // The unit's whole list, counted off its indexes (`withoutTableScans`), closed tickets included.
                    let all = try await TicketQueries.listing(db, TicketFilter(), paging: Paging(page: 1, per: 2), viewer: agent, now: Date(),
                                                              calendar: TicketQueueTests.calendar, dialect: dialect, countLimit: cap).page
                    #expect(all.total == min(5, cap) && all.totalExact == (cap >= 5), "\(all.total)")
                    return (counts, before, try await settings())
                }
                #expect(before == after && !after.hasPrefix("off"), "\(before) → \(after)")
                return counts
            }
            let exact = try await counts(cap: 1_000)
            #expect(exact.all == 5 && exact.team == 5 && exact.mine == 3 && exact.today == 5, "\(exact)")
            let capped = try await counts(cap: 4)
            #expect(capped.all == 4 && capped.team == 4 && capped.mine == 3, "\(capped)")
            if dialect == .postgres {
                #expect(TicketQueries.openScopeArms(agent, dialect)?.count == 4)
            } else {
                #expect(TicketQueries.openScopeArms(agent, dialect) == nil)
            }
        }
    }
}
