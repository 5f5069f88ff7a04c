import Foundation
import KefuDomain
import Testing
@testable import KefuServiceDesk

/// #18.5: the search answered by the index alone (page and count on one snapshot; on PostgreSQL a term that is one
/// whole token is answered by the token index without reading the text). Runs on SQLite and, with
/// KEFU_TEST_POSTGRES_URL, on PostgreSQL.
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

    /// The rule that lets PostgreSQL skip the text check: only a term that is exactly one token qualifies.
    @Test func onlyWholeTokenTermsSkipTheTextCheck() {
        func whole(_ q: String) -> Bool { TicketSearchIndex.answeredByToken(SearchTokenizer.queryTerms(q)[0]) }
        #expect(whole("风机"))
        #expect(whole("风"))
        #expect(whole("scada"))
        #expect(whole("sl1500"))
        #expect(whole("ＳＬ１５００"))      // full width folds to the same token
        #expect(!whole("齿轮箱"))           // two tokens, must stand together: the text decides
        #expect(!whole("风机!"))            // the term holds more than its token
        #expect(!whole("scada风机"))
    }
}
