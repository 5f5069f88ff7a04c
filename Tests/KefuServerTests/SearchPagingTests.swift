import Foundation
import KefuDomain
import Testing
@testable import KefuServiceDesk

/// #18.5: the search answered by the index alone (page and count from one walk of the newest matches, in one
/// statement). Runs on SQLite and, with KEFU_TEST_POSTGRES_URL, on PostgreSQL.
@Suite("Ticket search pages and counts")
struct SearchPagingTests {
    func page(_ app: TestApp, _ token: String, _ q: String, page: Int, per: Int) async throws -> (ids: [String], total: Int?, exact: Bool?) {
        let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let reply = try await app.call(.get, "/api/v1/tickets?q=\(encoded)&page=\(page)&per=\(per)", token: token)
        #expect(reply.status == .ok, "\(q): \(reply.text)")
        return (reply.items.compactMap { $0["id"] as? String }, reply["total"] as? Int, reply["totalExact"] as? Bool)
    }

    @Test func pagesAreNewestFirstWithExactTotalsWithinScope() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            let other = try await app.createUnit(org.admin, code: "CS2", name: "客服二部", parentId: org.root)
            let outsider = try await app.createUser(org.admin, "outsider", roles: ["cs_agent"], unitId: other)
            var mine: [String] = []
            for i in 1...5 {
                mine.append(try await app.createTicket(org.agent.token, subject: "\(i)号风机偏航异响", description: "现场巡检发现").string("id")!)
                _ = try await app.createTicket(outsider.token, subject: "\(i)号风机变桨故障", description: "集控中心报警")
            }
            _ = try await app.createTicket(org.agent.token, subject: "箱变跳闸", description: "风电场停电")
            let newestFirst = Array(mine.reversed())

            // The department's agent sees the department's five, in pages of two, newest first, counted exactly.
            let p1 = try await page(app, org.agent.token, "风机", page: 1, per: 2)
            let p2 = try await page(app, org.agent.token, "风机", page: 2, per: 2)
            let p3 = try await page(app, org.agent.token, "风机", page: 3, per: 2)
            let p4 = try await page(app, org.agent.token, "风机", page: 4, per: 2)
            #expect(p1.ids + p2.ids + p3.ids == newestFirst)
            #expect(p4.ids.isEmpty)
            for p in [p1, p2, p3, p4] {
                #expect(p.total == 5)
                #expect(p.exact != false)
            }
            // The administrator sees both departments' ten.
            let all = try await page(app, org.admin, "风机", page: 1, per: 50)
            #expect(all.total == 10)
            #expect(all.ids.count == 10)
            // A one-token term and a phrase that needs the text together; the phrase's characters alone do not match.
            #expect(try await page(app, org.agent.token, "风机 偏航异响", page: 1, per: 50).ids == newestFirst)
            #expect(try await page(app, org.agent.token, "风机 变桨", page: 1, per: 50).total == 0)
            #expect(try await page(app, org.admin, "风机 变桨", page: 1, per: 50).total == 5)
            #expect(try await page(app, org.agent.token, "机风", page: 1, per: 50).total == 0)
            // A single character, and a Latin word, are whole tokens too.
            #expect(try await page(app, org.agent.token, "偏", page: 1, per: 50).ids == newestFirst)
            let wordTicket = try await app.createTicket(org.agent.token, subject: "SCADA 通讯中断").string("id")!
            #expect(try await page(app, org.agent.token, "scada", page: 1, per: 50).ids == [wordTicket])
            #expect(try await page(app, org.agent.token, "scad", page: 1, per: 50).total == 0)  // words are whole
            // Nothing found: an empty page and an exact zero.
            let none = try await page(app, org.agent.token, "龙卷风", page: 1, per: 20)
            #expect(none.ids.isEmpty && none.total == 0)
        }
    }

    /// #18.5/#17.7: a search counts exactly up to 100 matches, or one page past the page asked for; beyond that the
    /// total says "at least". Pages still follow one another without a gap or a repeat, and a filtered search (which
    /// is not answered by the index alone) counts the same way.
    @Test func totalsAreExactUpToAHundredOrOnePagePastThePage() async throws {
        try await TestApp.run { app in
            let org = try await OrgFixture.make(app)
            var made: [String] = []
            for i in 1...105 {
                made.append(try await app.createTicket(org.agent.token, subject: "\(i)号风机齿轮箱漏油", description: "巡检").string("id")!)
            }
            _ = try await app.createTicket(org.agent.token, subject: "箱变跳闸", description: "风电场停电")
            let newestFirst = Array(made.reversed())

            let first = try await page(app, org.admin, "漏油", page: 1, per: 20)
            #expect(first.ids == Array(newestFirst[0..<20]))
            #expect(first.total == 100 && first.exact == false)
            var walked: [String] = []
            for n in 1...6 { walked += try await page(app, org.admin, "漏油", page: n, per: 20).ids }
            #expect(walked == newestFirst)
            // Page 5 of 20 counts to 120: all 105, exactly. Page 9 of 10 counts to 100 and says "100+", so the pager
            // still offers page 10.
            let fifth = try await page(app, org.admin, "漏油", page: 5, per: 20)
            #expect(fifth.total == 105 && fifth.exact == true)
            let ninth = try await page(app, org.admin, "漏油", page: 9, per: 10)
            #expect(ninth.total == 100 && ninth.exact == false && ninth.ids == Array(newestFirst[80..<90]))
            // A page past the last match is empty and still counts them.
            let past = try await page(app, org.admin, "漏油", page: 4, per: 50)
            #expect(past.ids.isEmpty && past.total == 105 && past.exact == true)
            // The department's agent searches in scope, through the same walk.
            let scoped = try await page(app, org.agent.token, "漏油", page: 1, per: 20)
            #expect(scoped.ids == Array(newestFirst[0..<20]) && scoped.total == 100 && scoped.exact == false)
            // A filtered search reads through the list's conditions and counts as far.
            let reply = try await app.call(.get, "/api/v1/tickets?q=%E6%BC%8F%E6%B2%B9&status=new&per=20", token: org.admin)
            #expect(reply.status == .ok)
            #expect(reply.items.compactMap { $0["id"] as? String } == Array(newestFirst[0..<20]))
            #expect(reply["total"] as? Int == 100 && reply["totalExact"] as? Bool == false)
        }
    }

    /// desk-013: on PostgreSQL the search documents are written lz4-compressed (the CI's and Debian's servers are built
    /// with lz4), so the walk of the newest documents decompresses each faster.
    @Test func onPostgreSQLSearchDocumentsAreCompressedWithLZ4() async throws {
        try await TestApp.run { app in
            guard app.store.dialect == .postgres else { return }
            let methods = try await app.store.read { db in
                try await db.raw("""
                    SELECT attname, attcompression::text AS method FROM pg_attribute
                    WHERE attrelid = 'ticket_search'::regclass AND attname IN ('tokens', 'body') ORDER BY attname
                    """).all().map { try $0.decode(column: "attname", as: String.self) + "=" + $0.decode(column: "method", as: String.self) }
            }
            #expect(methods == ["body=l", "tokens=l"])
        }
    }

    /// On PostgreSQL each term is also found in the document's text (`strpos`): a character that LIKE would take as a
    /// wildcard is taken literally.
    @Test func theTextTestTakesWildcardsLiterally() async throws {
        try await TestApp.run { app in
            guard app.store.dialect == .postgres else { return }
            let org = try await OrgFixture.make(app)
            let percent = try await app.createTicket(org.agent.token, subject: "负载50%运行", description: "巡检").string("id")!
            _ = try await app.createTicket(org.agent.token, subject: "负载50 运行", description: "巡检")
            _ = try await app.createTicket(org.agent.token, subject: "负载5_0运行", description: "巡检")
            #expect(try await page(app, org.admin, "50%", page: 1, per: 20).ids == [percent])
        }
    }

    /// The token arrays go to PostgreSQL as array literals in text; every element comes back as it was.
    @Test func tokenArraysRoundTripThroughTheirLiteral() async throws {
        let tokens = ["风机", "a\"b", "c\\d", "e,f", "{g}", " h ", "NULL", "", TicketSearchIndex.unitToken("1-2")]
        #expect(TicketSearchIndex.arrayLiteral(["风机", "a\"b"]) == "{\"风机\",\"a\\\"b\"}")
        #expect(TicketSearchIndex.arrayLiteral([]) == "{}")
        try await TestApp.run { app in
            guard app.store.dialect == .postgres else { return }
            let back = try await app.store.read { db in
                try await db.raw("SELECT unnest(\(bind: TicketSearchIndex.arrayLiteral(tokens))::text[]) AS t").all()
                    .map { try $0.decode(column: "t", as: String.self) }
            }
            #expect(back == tokens)
        }
    }

    /// PostgreSQL walks the newest documents testing each one's text first and its tokens only where the text matched
    /// (the planner orders conditions by their cost; `documentTest`). A plan that tests the tokens first answers the
    /// same, three times slower.
    @Test func theWalkTestsTheTextBeforeTheTokens() async throws {
        try await TestApp.run { app in
            guard app.store.dialect == .postgres else { return }
            let org = try await OrgFixture.make(app)
            for i in 1...3 { _ = try await app.createTicket(org.agent.token, subject: "\(i)号风机漏油", description: "巡检") }
            let terms = SearchTokenizer.queryTerms("风机")
            for scope: [String]? in [nil, [TicketSearchIndex.unitToken(org.cs)]] {
                // Read through a fence (OFFSET 0) so that no index takes a condition: every one is in the filter.
                let filter = try await app.store.read { db in
                    try await db.raw("""
                        EXPLAIN (COSTS OFF) SELECT rid FROM (SELECT * FROM ticket_search OFFSET 0) ticket_search
                        WHERE \(TicketSearchIndex.documentTest(terms, scope: scope, table: "ticket_search"))
                        """).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.first { $0.contains("Filter:") }
                } ?? ""
                let order = ["strpos(", "tokens @>"] + (scope == nil ? [] : ["tokens &&"])
                let positions = order.compactMap { filter.range(of: $0)?.lowerBound }
                #expect(positions.count == order.count && positions == positions.sorted(), "\(filter)")
            }
        }
    }

    /// PostgreSQL: a document's scope tokens come first in its token array (`TicketSearchIndex.insert`), so that the
    /// scope test of a search stops at the first element instead of reading past every text token.
    @Test func aDocumentsScopeTokensLeadItsTokenArray() async throws {
        try await TestApp.run { app in
            guard app.store.dialect == .postgres else { return }
            let org = try await OrgFixture.make(app)
            _ = try await app.createTicket(org.agent.token, subject: "3号风机齿轮箱漏油", description: "现场巡检发现油位偏低")
            let tokens = try await app.store.read { db in
                try await db.raw("SELECT tokens FROM ticket_search").first()?.decode(column: "tokens", as: [String].self)
            } ?? []
            let scope = tokens.prefix { $0.hasPrefix(TicketSearchIndex.scopeMark) }
            #expect(scope.contains(TicketSearchIndex.unitToken(org.cs)) && scope.contains(TicketSearchIndex.personToken(org.agent.id)))
            #expect(tokens.count > scope.count + 10 && !tokens.dropFirst(scope.count).contains { $0.hasPrefix(TicketSearchIndex.scopeMark) })
        }
    }
}
