import Foundation
import KefuDomain
import KefuPlatform
import SQLKit
import Testing
@testable import KefuServiceDesk

/// #17.7/#18.5 (desk-017): a search within a unit or for one person reads that scope's newest documents, then its next
/// window or the GIN index for the rest, on PostgreSQL; whichever part finds them, the answer is the scope's newest matches, newest first.
/// The parts are exercised with windows smaller than the scope. On SQLite the same search is FTS5's (checked the same).
@Suite("Searches within a scope")
struct SearchScopeWalkTests {
    func rid(_ app: TestApp, _ id: String) async throws -> Int {
        try await app.store.read { db in try await db.raw("SELECT rid FROM tickets WHERE id = \(bind: id)").first()!.decode(column: "rid", as: Int.self) }
    }

    func newest(_ app: TestApp, _ q: String, scope: [String], limit: Int, window: Int) async throws -> [Int] {
        let query = TicketSearchIndex.newest(SearchTokenizer.queryTerms(q), scope: scope, dialect: app.store.dialect, limit: limit, window: window)
        return try await app.store.read { db in try await db.raw(query).all().map { try $0.decode(column: "rid", as: Int.self) } }
    }

    @Test func aScopesNewestMatchesAreFoundByTheWalkTheIndexOrBoth() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "outsider", roles: ["cs_agent"], unitId: other)
            // The department's three matches come first, then the other unit's, then the department's newest, which do
            // not match: its matches lie behind a window of its two newest documents.
            var matches: [Int] = []
            for i in 1...3 {
                matches.append(try await rid(app, try await app.createTicket(org.agent.token, subject: "\(i)号风机偏航异响").string("id")!))
                _ = try await app.createTicket(outsider.token, subject: "\(i)号风机变桨故障")
            }
            for i in 1...2 { _ = try await app.createTicket(org.agent.token, subject: "\(i)号箱变跳闸") }
            let newestFirst = Array(matches.reversed())
            let unit = TicketSearchIndex.unitToken(org.cs), person = TicketSearchIndex.personToken(org.agent.id)

            for scope in [[unit], [person], [unit, person]] {
                #expect(try await newest(app, "风机", scope: scope, limit: 101, window: 1_000) == newestFirst, "the walk alone")
                #expect(try await newest(app, "风机", scope: scope, limit: 101, window: 2) == newestFirst, "the index alone")
                #expect(try await newest(app, "风机", scope: scope, limit: 101, window: 4) == newestFirst, "the walk, then the index")
                #expect(try await newest(app, "风机", scope: scope, limit: 2, window: 2) == Array(newestFirst.prefix(2)))
                #expect(try await newest(app, "风机", scope: scope, limit: 2, window: 4) == Array(newestFirst.prefix(2)))
                #expect(try await newest(app, "跳闸 风机", scope: scope, limit: 101, window: 2).isEmpty)
            }
            // The other unit's matches are its own, and the department's never among them.
            let theirs = try await newest(app, "风机", scope: [TicketSearchIndex.unitToken(other)], limit: 101, window: 1)
            #expect(theirs.count == 3 && Set(theirs).isDisjoint(with: matches))
            // Through the API: the department's agent gets the three, newest first, counted once each.
            let reply = try await app.call(.get, "/api/v1/tickets?q=%E9%A3%8E%E6%9C%BA&per=20", token: org.agent.token)
            #expect(reply["total"] as? Int == 3)
            // A page past the last match is empty and still counts them.
            let past = try await app.call(.get, "/api/v1/tickets?q=%E9%A3%8E%E6%9C%BA&per=2&page=3", token: org.agent.token)
            #expect(past.status == .ok && past.items.isEmpty && past["total"] as? Int == 3, "\(past.text)")
        }
    }

    /// #18.5: a walk that found at least half of what it needs walks the scope's next window before it asks the index;
    /// every window and limit gives the scope's newest matches, whichever parts run.
    @Test func theNextWindowContinuesTheWalkWithoutAGap() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "outsider", roles: ["cs_agent"], unitId: other)
            // The department's documents, oldest first: M M N M N M N M (M holds 齿轮), each followed by another unit's
            // match, so that the scope's windows are not the organisation's.
            var matches: [Int] = []
            for (i, matching) in [true, true, false, true, false, true, false, true].enumerated() {
                let id = try await app.createTicket(org.agent.token, subject: matching ? "\(i)号齿轮箱漏油" : "\(i)号箱变跳闸").string("id")!
                if matching { matches.append(try await rid(app, id)) }
                _ = try await app.createTicket(outsider.token, subject: "\(i)号齿轮箱异响")
            }
            let newestFirst = Array(matches.reversed())
            let unit = TicketSearchIndex.unitToken(org.cs)
            for window in 1...9 {
                for limit in 1...6 {
                    #expect(try await newest(app, "齿轮", scope: [unit], limit: limit, window: window) == Array(newestFirst.prefix(limit)),
                            "window \(window), limit \(limit)")
                }
            }
            guard app.store.dialect == .postgres else { return }
            // Window 4, limit 3: the walk finds two (M N M N), the next window the third (M N M M), and the index is not read.
            let query = TicketSearchIndex.newest(SearchTokenizer.queryTerms("齿轮"), scope: [unit], dialect: .postgres, limit: 3, window: 4)
            let plan = try await app.store.read { db in
                try await db.raw("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) \(query)").all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }
            }
            func rowsOf(_ cte: String) -> String? {
                guard let at = plan.firstIndex(where: { $0.contains("CTE \(cte)") }) else { return nil }
                return plan[(at + 1)...].first { $0.contains("actual") }.flatMap { $0.firstMatch(of: /rows=(\d+)/).map { String($0.1) } }
            }
            #expect(rowsOf("walk") == "2" && rowsOf("further") == "1" && rowsOf("rest") == "0", "\(plan.joined(separator: "\n"))")
        }
    }

    /// desk-018 on PostgreSQL: a search never gets a parallel plan (its workers were started even for a part that did not
    /// run), and the scope rows are vacuumed for new rows after a fixed count, not a fifth of the table.
    @Test func searchTablesKeepTheirSettings() async throws {
        try await TestApp.run { app in
            guard app.store.dialect == .postgres else { return }
            // The table of this test's schema (its search_path), not another test's of the same name.
            func options(_ table: String) async throws -> Set<String> {
                try await Set(app.store.read { db in
                    try await db.raw("SELECT COALESCE(reloptions, '{}') AS o FROM pg_class WHERE oid = to_regclass(\(bind: table))")
                        .first()!.decode(column: "o", as: [String].self)
                })
            }
            let documents = try await options("ticket_search"), scopeRows = try await options("ticket_search_scopes")
            #expect(documents == ["parallel_workers=0"])
            #expect(scopeRows == ["autovacuum_vacuum_insert_threshold=2000", "autovacuum_vacuum_insert_scale_factor=0"])
        }
    }

    /// desk-017 on PostgreSQL: each document's scope rows are the scope tokens it holds, through forwarding, assigning,
    /// a change of owner, a removal and a rebuild, so that a walk never starts from a scope the document has left.
    @Test func scopeRowsFollowTheDocument() async throws {
        try await TestApp.run { app in
            guard app.store.dialect == .postgres else { return }
            let org = try await OrgFixture.make(app)
            let id = try await app.createTicket(org.agent.token, subject: "塔筒螺栓松动").string("id")!
            let r = try await rid(app, id)
            func rows() async throws -> (scopes: Set<String>, document: Set<String>) {
                try await app.store.read { db in
                    let scopes = try await db.raw("SELECT token FROM ticket_search_scopes WHERE rid = \(bind: r)").all()
                        .map { try $0.decode(column: "token", as: String.self) }
                    let tokens = try await db.raw("SELECT tokens FROM ticket_search WHERE rid = \(bind: r)").first()!.decode(column: "tokens", as: [String].self)
                    return (Set(scopes), Set(tokens.filter { $0.hasPrefix(TicketSearchIndex.scopeMark) }))
                }
            }
            var now = try await rows()
            #expect(now.scopes == now.document && now.scopes.contains(TicketSearchIndex.personToken(org.agent.id)))
            #expect(try await app.call(.post, "/api/v1/tickets/\(id)/forward", token: org.agent.token, json: ["toOrgUnitId": org.qa]).status == .ok)
            #expect(try await app.call(.patch, "/api/v1/tickets/\(id)", token: org.agent.token, json: ["assigneeId": org.qaUser.id]).status == .ok)
            now = try await rows()
            #expect(now.scopes == now.document && now.scopes.contains(TicketSearchIndex.unitToken(org.qa))
                    && now.scopes.contains(TicketSearchIndex.personToken(org.qaUser.id)))
            #expect(try await app.call(.post, "/api/v1/tickets/\(id)/owner", token: org.supervisor.token,
                                       json: ["ownerId": org.colleague.id, "reason": "交接"]).status == .ok)
            now = try await rows()
            #expect(now.scopes == now.document && !now.scopes.contains(TicketSearchIndex.personToken(org.agent.id)))
            // The old owner's own search no longer finds it.
            let mine = try await app.call(.get, "/api/v1/tickets?view=mine&q=%E8%9E%BA%E6%A0%93", token: org.agent.token)
            #expect(mine["total"] as? Int == 0)
            // The rows follow the document whoever writes it (a trigger): gone with it, back with the rebuild.
            try await app.store.write { db in try await db.raw("DELETE FROM ticket_search WHERE rid = \(bind: r)").run() }
            #expect(try await app.store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM ticket_search_scopes WHERE rid = \(bind: r)").first()!.decode(column: "n", as: Int.self)
            } == 0)
            try await TicketSearchRebuild.request(app.store)
            try await TicketSearchRebuild.runIfRequested(app.store)
            now = try await rows()
            #expect(now.scopes == now.document && now.scopes.contains(TicketSearchIndex.personToken(org.colleague.id)))
        }
    }
}
