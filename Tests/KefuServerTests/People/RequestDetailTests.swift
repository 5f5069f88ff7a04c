import Foundation
import Testing

/// #15 leftovers: the detail pages of a swap form and a leave request — the request, its rule checks, who consented and
/// approved when, the viewer's steps — seen only within scope, and linked from the lists and the quick search.
@Suite("Swap and leave detail pages (#15 leftovers)")
struct RequestDetailTests {
    static func session(_ app: TestApp, _ user: String) async throws -> PageSession {
        let s = PageSession(app)
        _ = try await s.signIn(user, "password-\(user)")
        return s
    }

    @Test func aSwapsDetailShowsItsStepsToWhoMaySeeIt() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ids = try await f.plan(app, "2026-11", [(10, f.ann.id, f.early), (12, f.bo.id, f.early)])
            let swap = try await f.swap(app, f.ann.token, ids["10/\(f.ann.id)/\(f.early)"], ids["12/\(f.bo.id)/\(f.early)"])
            let id = swap.string("id")!, number = swap.string("number")!
            let path = "/people/swaps/\(id)"
            let bo = try await Self.session(app, "pplbo")
            let waiting = try await bo.get(path)
            #expect(waiting.status == .ok)
            #expect(waiting.text.contains(number) && waiting.text.contains("id=\"request-checks\"") && waiting.text.contains("SHF-07"))
            #expect(waiting.text.contains("action=\"/people/swaps/\(id)/consent\""), "the colleague may consent here")
            #expect(waiting.text.contains("class=\"request-history-row\" data-action=\"request\""))
            // The colleague consents from the page and comes back to it.
            let csrf = PageSession.csrf(in: waiting.text) ?? ""
            let consented = try await bo.post("/people/swaps/\(id)/consent", form: ["back": "detail", "_csrf": csrf], from: path)
            #expect(consented.status == .seeOther && (consented.headers[.location] ?? "").hasPrefix(path), "\(consented.headers[.location] ?? "")")
            // The manager sees who consented, and may approve; after approval the history names the approver.
            let manager = try await Self.session(app, "pplmgr")
            let toDecide = try await manager.get(path)
            #expect(toDecide.text.contains("data-action=\"consent\"") && toDecide.text.contains("action=\"/people/swaps/\(id)/approve\""))
            #expect(try await app.call(.post, "/api/v1/shift-swaps/\(id)/approve", token: f.manager.token, json: [String: Any]()).string("status") == "effective")
            let done = try await (try await Self.session(app, "pplann")).get(path)
            #expect(done.text.contains("data-status=\"effective\"") && done.text.contains("data-action=\"approve\"") && !done.text.contains("/approve\""), "no step left")
            // Not a party, not in scope: refused; unknown: not found.
            #expect(try await (try await Self.session(app, "pplcy")).get(path).status == .forbidden)
            #expect(try await (try await Self.session(app, "pploutmgr")).get(path).status == .forbidden)
            #expect(try await manager.get("/people/swaps/no-such-swap").status == .notFound)
            // The lists and the quick search link to it.
            #expect(try await bo.get("/people/my-shifts").text.contains("href=\"\(path)\""))
            let hits = try await QuickSearchTests.search(app, f.supervisor.token, number)
            #expect(hits.first { $0["kind"] as? String == "shift_swap" }?["href"] as? String == path)
        }
    }

    @Test func aLeaveRequestsDetailShowsItsDecisionToWhoMaySeeIt() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ids = try await f.plan(app, "2026-11", [(10, f.ann.id, f.early)])
            let asked = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": ids["10/\(f.ann.id)/\(f.early)"]!, "reason": "看病"])
            let id = asked.string("id")!, number = asked.string("number")!
            let path = "/people/leave/\(id)"
            let supervisor = try await Self.session(app, "pplsup")
            let open = try await supervisor.get(path)
            #expect(open.status == .ok && open.text.contains(number) && open.text.contains("看病") && open.text.contains("SHF-09"))
            #expect(open.text.contains("action=\"/people/leave/\(id)/approve\"") && open.text.contains("action=\"/people/leave/\(id)/reject\""))
            let ann = try await Self.session(app, "pplann")
            let own = try await ann.get(path)
            #expect(own.status == .ok && !own.text.contains("/approve\""), "the requester sees it without the approver's steps")
            #expect(try await app.call(.post, "/api/v1/leave-requests/\(id)/reject", token: f.supervisor.token, json: ["reason": "人手不足"]).status == .ok)
            let rejected = try await ann.get(path)
            #expect(rejected.text.contains("id=\"leave-detail-decider\"") && rejected.text.contains("人手不足") && rejected.text.contains("data-action=\"reject\""))
            // The rejection's notification opens this page.
            let told = try await app.call(.get, "/api/v1/notifications", token: f.ann.token).items
            #expect(told.contains { $0["link"] as? String == path }, "\(told)")
            // Another agent and another unit's manager are refused.
            #expect(try await (try await Self.session(app, "pplbo")).get(path).status == .forbidden)
            #expect(try await (try await Self.session(app, "pploutmgr")).get(path).status == .forbidden)
            #expect(try await ann.get("/people/my-shifts").text.contains("href=\"\(path)\""))
        }
    }
}
