import Foundation
import KefuDomain
import KefuPlatform
@testable import KefuServiceDesk
import SQLKit
import Testing

/// #17.7: the whole organisation's "breached" list, newest first. On PostgreSQL it is read from its two sources apart
/// (`TicketQueries.breachedNewestArms`); on both engines every page and every total must be exactly the tickets past
/// due or with a breach on record, whatever their status.
@Suite("Tickets: the organisation's breached list (#17.7)", .serialized)
struct TicketBreachedListTests {
    @Test func everyPageHoldsTheTicketsPastDueOrWithABreachOnRecord() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            var created: [String] = []
            for i in 0..<14 {
                let reply = try await app.createTicket(org.agent.token, subject: "来电\(i)")
                #expect(reply.status == .created, "\(reply.text)")
                created.append(reply.string("id")!)
            }
            let ids = created
            let now = Date()
            let nowMillis = Clock.millis(now)
            // Past due (late), due later, no running clock; breaches on record on some of each, one ticket with two.
            let late: Set = [0, 3, 4, 9, 12], recorded: Set = [1, 4, 6, 9, 13]
            try await app.store.write { db in
                for (n, id) in ids.enumerated() {
                    let due: Int64? = late.contains(n) ? nowMillis - 60_000 * Int64(n + 1) : n % 2 == 0 ? nil : nowMillis + 86_400_000
                    let status = n == 6 ? "closed" : n == 13 ? "resolved" : "open"
                    try await db.raw("UPDATE tickets SET due_at = \(bind: due), status = \(bind: status) WHERE id = \(bind: id)").run()
                }
                for (n, kind) in recorded.sorted().map({ ($0, "first_response") }) + [(9, "resolution")] {
                    try await db.raw("""
                        INSERT INTO ticket_breaches (id, ticket_id, kind, due_at, recorded_at)
                        VALUES (\(bind: UUID().uuidString), \(bind: ids[n]), \(bind: kind), \(bind: nowMillis - Int64(n) * 1_000), \(bind: nowMillis))
                        """).run()
                }
                // As the scanner marks the ticket with its record (desk-016).
                try await db.raw("UPDATE tickets SET breached_at = \(bind: nowMillis) WHERE id IN (SELECT ticket_id FROM ticket_breaches)").run()
            }
            // Newest first: the later a ticket was created, the higher its rid.
            let expected = ids.indices.filter { late.contains($0) || recorded.contains($0) }.reversed().map { ids[$0] }
            let admin = try await app.adminPrincipal()
            let dialect = app.store.dialect
            var f = TicketFilter()
            f.view = .all
            f.breached = true
            f.sort = .created
            let filter = f
            func page(_ paging: Paging, countLimit: Int? = nil) async throws -> ListPage<TicketView> {
                try await app.store.read { db in
                    try await TicketQueries.listing(db, filter, paging: paging, viewer: admin, now: now, calendar: nil,
                                                    dialect: dialect, countLimit: countLimit).page
                }
            }
            for n in 1...4 {
                let read = try await page(Paging(page: n, per: 3))
                #expect(read.items.map(\.id) == Array(expected.dropFirst((n - 1) * 3).prefix(3)), "page \(n)")
                #expect(read.total == expected.count && read.totalExact, "page \(n): \(read.total)")
            }
            let capped = try await page(Paging(page: 1, per: 3), countLimit: 5)
            #expect(capped.items.map(\.id) == Array(expected.prefix(3)))
            #expect(capped.total == 5 && !capped.totalExact)
            let exactAtLimit = try await page(Paging(page: 2, per: 3), countLimit: expected.count)
            #expect(exactAtLimit.total == expected.count && exactAtLimit.totalExact)

            // The read from two sources is taken on PostgreSQL only, and only for this list.
            func arms(_ change: (inout TicketFilter) -> Void, onlyCondition: Bool = true) async throws -> [String]? {
                var g = filter
                change(&g)
                let asked = g
                return try await app.store.read { db in
                    try await TicketQueries.breachedNewestArms(db, asked, onlyCondition: onlyCondition, paging: Paging(page: 1, per: 50),
                                                               now: nowMillis, countLimit: 10_000, dialect: dialect)
                }.map { $0.rows.map(\.id) }
            }
            #expect(try await arms { _ in } == (dialect == .postgres ? expected : nil))
            #expect(try await arms { $0.sort = .due } == nil)
            #expect(try await arms { $0.breached = false } == nil)
            #expect(try await arms({ _ in }, onlyCondition: false) == nil)

            // Through the API as well: the administrator's breached list, and what is not breached.
            let listed = try await app.call(.get, "/api/v1/tickets?breached=true&per=50", token: org.admin)
            #expect(listed.status == .ok, "\(listed.text)")
            #expect(listed.items.compactMap { $0["id"] as? String } == expected)
        }
    }
}
