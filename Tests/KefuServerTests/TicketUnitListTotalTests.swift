import Foundation
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import SQLKit
import Testing

/// #17.7: a unit's "all" and "team" lists stop counting when the unit's own tickets alone reach the cap
/// (`TicketQueries.unitAloneReaches`); the totals are the usual read's, capped or exact.
@Suite("Tickets: a unit's list total past its cap (#17.7)", .serialized)
struct TicketUnitListTotalTests {
    @Test func theTotalIsTheUsualReadsCappedOrExact() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let units = try await QueueUnits.make(app, org)
            for (n, author) in [org.agent, org.colleague, org.agent, units.siteAgent, org.colleague, units.otherAgent, units.otherAgent].enumerated() {
                let reply = try await app.createTicket(author.token, subject: "来电\(n)")
                #expect(reply.status == .created, "\(reply.text)")
                if n == 6 {
                    let assigned = try await app.call(.patch, "/api/v1/tickets/\(reply.string("id")!)", token: author.token, json: ["assigneeId": org.agent.id])
                    #expect(assigned.status == .ok, "\(assigned.text)")
                }
            }
            let agent = try await app.principal(org.agent.id), other = try await app.principal(units.otherAgent.id)
            let qa = try await app.principal(org.qaUser.id)
            let dialect = app.store.dialect
            func page(_ viewer: Principal, _ view: TicketFilter.View, countLimit: Int, arms: Bool) async throws -> ListPage<TicketView> {
                var f = TicketFilter()
                f.view = view
                let filter = f
                return try await app.store.read { db in
                    try await TicketQueries.listing(db, filter, paging: Paging(page: 1, per: 2), viewer: viewer, now: Date(), calendar: nil,
                                                    dialect: dialect, countLimit: countLimit, readArms: arms).page
                }
            }
            func reaches(_ viewer: Principal, cap: Int) async throws -> Bool {
                try await app.store.read { db in try await TicketQueries.unitAloneReaches(db, cap: cap, viewer: viewer, dialect: dialect) }
            }
            // The agent's unit (客服部 and its site) owns five tickets and the agent handles a sixth of another unit's.
            let admin = try await app.adminPrincipal()
            let atFive = try await reaches(agent, cap: 5), atSix = try await reaches(agent, cap: 6)
            let qaAtOne = try await reaches(qa, cap: 1), adminAtOne = try await reaches(admin, cap: 1)
            #expect(atFive && !atSix && !qaAtOne && !adminAtOne)
            for (viewer, view, limit, total, exact) in [(agent, TicketFilter.View.all, 3, 3, false), (agent, .team, 4, 4, false),
                                                        (agent, .all, 6, 6, true), (agent, .all, 100, 6, true), (agent, .team, 100, 5, true),
                                                        (other, .all, 1, 1, false), (other, .all, 100, 2, true)] {
                for arms in [true, false] {
                    let read = try await page(viewer, view, countLimit: limit, arms: arms)
                    #expect(read.total == total && read.totalExact == exact && read.items.count == 2, "\(viewer.userId) \(view) \(limit) arms \(arms)")
                }
            }
        }
    }
}
