import Foundation
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import SQLKit
import Testing

/// #17.7: a queue in due order is read arm by arm off the indexes in that order (`TicketQueries.dueOrderedArms`,
/// desk-014 on SQLite, desk-015 on PostgreSQL). Whatever the read, every page must hold exactly the tickets, in exactly the order, of the usual read.
@Suite("Tickets: queues in due order read arm by arm (#17.7)", .serialized)
struct TicketQueueArmsTests {
    @Test func everyPageOfAQueueIsTheSameReadArmByArm() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let units = try await QueueUnits.make(app, org)
            let siteAgent = units.siteAgent, otherAgent = units.otherAgent
            let authors = [org.agent, org.colleague, siteAgent, otherAgent]
            var created: [String] = []
            for i in 0..<36 {
                let reply = try await app.createTicket(authors[i % authors.count].token, subject: "来电\(i)")
                #expect(reply.status == .created, "\(reply.text)")
                created.append(reply.string("id")!)
            }
            let ids = created
            func step(_ id: String, _ path: String, _ token: String, _ body: [String: Any], patch: Bool = false) async throws {
                let reply = try await app.call(patch ? .patch : .post, "/api/v1/tickets/\(id)\(path)", token: token, json: body)
                #expect(reply.status == .ok, "\(path) \(reply.text)")
            }
            // Handled by someone else, forwarded to the unit, waiting on the customer, resolved.
            for i in stride(from: 3, to: 36, by: 8) { try await step(ids[i], "", otherAgent.token, ["assigneeId": org.agent.id], patch: true) }
            for i in stride(from: 7, to: 36, by: 8) { try await step(ids[i], "/forward", otherAgent.token, ["toOrgUnitId": org.cs]) }
            for i in stride(from: 1, to: 36, by: 5) { try await step(ids[i], "/status", authors[i % authors.count].token, ["status": "pending_customer"]) }
            for i in stride(from: 4, to: 36, by: 9) { try await step(ids[i], "/status", authors[i % authors.count].token, ["status": "resolved"]) }
            let agent = try await app.principal(org.agent.id), site2 = try await app.principal(siteAgent.id)
            let other2 = try await app.principal(otherAgent.id), supervisor = try await app.principal(org.supervisor.id)
            // Due times that tie (rid decides), clocks stopped (no due time: last), and a ticket whose stored unit path
            // is older than a move of its unit (a path under the agent's unit that no unit has now).
            try await app.store.write { db in
                for (n, id) in ids.enumerated() {
                    let due: Int64? = n % 6 == 0 ? nil : 1_800_000_000_000 + Int64((n * 7) % 5) * 60_000
                    try await db.raw("UPDATE tickets SET due_at = \(bind: due) WHERE id = \(bind: id)").run()
                }
                try await db.raw("UPDATE tickets SET org_path = \(bind: agent.orgPath + "moved-away/") WHERE id = \(bind: ids[8])").run()
            }

            let dialect = app.store.dialect, calendar = TicketQueueTests.calendar
            let open = TicketStatus.allCases.filter(\.isOpen)
            func page(_ viewer: Principal, _ filter: TicketFilter, _ paging: Paging, arms: Bool, countLimit: Int = 10_000) async throws -> ListPage<TicketView> {
                try await app.store.read { db in
                    try await TicketQueries.listing(db, filter, paging: paging, viewer: viewer, now: Date(), calendar: calendar,
                                                    dialect: dialect, countLimit: countLimit, readArms: arms).page
                }
            }
            var pagesRead = 0
            for viewer in [agent, site2, other2, supervisor] {
                for view in [TicketFilter.View.mine, .team] {
                    for unassigned in view == .team ? [false, true] : [false] {
                        for statuses in [open, [.open], [.new, .pendingCustomer]] {
                            var f = TicketFilter()
                            f.view = view
                            f.unassigned = unassigned
                            f.statuses = statuses
                            f.sort = .due
                            let filter = f
                            let whole = try await page(viewer, filter, Paging(page: 1, per: 100), arms: false)
                            let label = "\(viewer.userId) \(view) unassigned \(unassigned) \(statuses)"
                            // The arms' read is the one taken, and finds what the usual read finds.
                            let armed = try await app.store.read { db in
                                try await TicketQueries.dueOrderedArms(db, filter, paging: Paging(page: 1, per: 100), viewer: viewer, dialect: dialect)
                            }
                            #expect(armed?.rows.map(\.id) == whole.items.map(\.id), "\(label)")
                            #expect(armed?.counted == whole.total, "\(label)")
                            for n in 1...4 {
                                let paging = Paging(page: n, per: 4)
                                let read = try await page(viewer, filter, paging, arms: true)
                                #expect(read.items.map(\.id) == Array(whole.items.dropFirst((n - 1) * 4).prefix(4)).map(\.id), "\(label) page \(n)")
                                #expect(read.total == whole.total && read.totalExact, "\(label) page \(n)")
                                pagesRead += 1
                            }
                        }
                    }
                }
            }
            #expect(pagesRead == 4 * 3 * 3 * 4)
            // The agent's team queue holds the ticket with the old path.
            var team = TicketFilter()
            team.view = .team
            team.statuses = open
            team.sort = .due
            let teamFilter = team
            let agentTeam = try await page(agent, teamFilter, Paging(page: 1, per: 100), arms: true).items
            #expect(agentTeam.contains { $0.id == ids[8] })
            // A count past its limit says so, as the usual read's does.
            for arms in [true, false] {
                let capped = try await page(agent, teamFilter, Paging(page: 2, per: 3), arms: arms, countLimit: 5)
                #expect(capped.total == 5 && !capped.totalExact && capped.items.map(\.id) == Array(agentTeam.dropFirst(3).prefix(3)).map(\.id), "arms \(arms)")
            }

            // A viewer over more unit paths than the arms take gets the usual read.
            try await app.store.write { db in
                for (n, id) in ids.prefix(TicketQueries.armPathsUpTo + 1).enumerated() {
                    try await db.raw("UPDATE tickets SET org_path = \(bind: agent.orgPath + "old-\(n)/"), status = 'open' WHERE id = \(bind: id)").run()
                }
            }
            let crowded = try await app.store.read { db in
                try await TicketQueries.dueOrderedArms(db, teamFilter, paging: Paging(page: 1, per: 10), viewer: agent, dialect: dialect)
            }
            #expect(crowded == nil)
            let usual = try await page(agent, teamFilter, Paging(page: 1, per: 100), arms: false).items.map(\.id)
            #expect(try await page(agent, teamFilter, Paging(page: 1, per: 100), arms: true).items.map(\.id) == usual)
            #expect(usual.count > TicketQueries.armPathsUpTo)
        }
    }

    /// Other filters, orders and views, customers and roles that see only what is forwarded to them, the whole
    /// organisation's team queue and PostgreSQL keep the usual read.
    @Test func theArmsReadOnlyTheQueuesInDueOrder() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            _ = try await app.createTicket(org.agent.token, subject: "来电")
            let agent = try await app.principal(org.agent.id), qa = try await app.principal(org.qaUser.id)
            let dialect = app.store.dialect
            func armed(_ viewer: Principal, _ change: (inout TicketFilter) -> Void) async throws -> Bool {
                var f = TicketFilter()
                f.view = .team
                f.statuses = TicketStatus.allCases.filter(\.isOpen)
                f.sort = .due
                change(&f)
                let filter = f
                return try await app.store.read { db in
                    try await TicketQueries.dueOrderedArms(db, filter, paging: Paging(page: 1, per: 10), viewer: viewer, dialect: dialect)
                } != nil
            }
            #expect(try await armed(agent) { _ in })
            #expect(try await armed(agent) { $0.view = .mine })
            #expect(try await !armed(agent) { $0.view = .all })
            #expect(try await !armed(agent) { $0.sort = .created })
            #expect(try await !armed(agent) { $0.statuses = [.open, .resolved] })
            #expect(try await !armed(agent) { $0.priority = .high })
            #expect(try await !armed(agent) { $0.breached = true })
            #expect(try await !armed(agent) { $0.q = "来电" })
            #expect(try await !armed(agent) { $0.view = .mine; $0.unassigned = true })
            #expect(try await !armed(qa) { _ in })
            // The whole organisation's team queue is read off the due order's own index; its "my queue" arm by arm.
            let admin = try await app.adminPrincipal()
            #expect(try await !armed(admin) { _ in })
            #expect(try await armed(admin) { $0.view = .mine })
        }
    }
}
