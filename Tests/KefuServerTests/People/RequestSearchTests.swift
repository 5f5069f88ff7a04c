import Foundation
import Testing

/// #15 leftovers: swaps and leave found by their numbers in the quick search (within the viewer's scope) and listed by
/// person, state and month, paginated, on `/people/requests` and `view=all` of the API.
@Suite("Swap and leave search (#15 leftovers)")
struct RequestSearchTests {
    @Test func numbersAreFoundByWhoMaySeeThemAndListsFilter() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let nov = try await f.plan(app, "2026-11", [(10, f.ann.id, f.early), (11, f.bo.id, f.early), (12, f.cy.id, f.early), (13, f.ann.id, f.early)])
            let dec = try await f.plan(app, "2026-12", [(10, f.ann.id, f.early)])
            let swap = try await f.swap(app, f.ann.token, nov["10/\(f.ann.id)/\(f.early)"], nov["11/\(f.bo.id)/\(f.early)"])
            #expect(swap.status == .created, "\(swap.text)")
            let swapId = swap.string("id")!, swapNumber = swap.string("number")!
            let novLeave = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": nov["13/\(f.ann.id)/\(f.early)"]!, "reason": "看病"])
            let decLeave = try await app.call(.post, "/api/v1/leave-requests", token: f.ann.token, json: ["shiftId": dec["10/\(f.ann.id)/\(f.early)"]!, "reason": "探亲"])
            let cyLeave = try await app.call(.post, "/api/v1/leave-requests", token: f.cy.token, json: ["shiftId": nov["12/\(f.cy.id)/\(f.early)"]!, "reason": "事假"])
            let novId = novLeave.string("id")!, decId = decLeave.string("id")!, cyId = cyLeave.string("id")!
            let leaveNumber = decLeave.string("number")!
            _ = try await app.call(.post, "/api/v1/leave-requests/\(cyId)/approve", token: f.supervisor.token, json: [String: Any]())

            // The quick search: the parties and the unit's supervisor find the swap; cy (no party) and another unit's manager do not.
            for token in [f.ann.token, f.bo.token, f.supervisor.token, f.manager.token] {
                let hits = try await QuickSearchTests.search(app, token, swapNumber)
                #expect(QuickSearchTests.found(hits, "shift_swap") == [swapId], "\(swapNumber)")
                #expect(hits.first { $0["kind"] as? String == "shift_swap" }?["href"] as? String == "/people/swaps/\(swapId)", "#15 leftovers: the hit opens the swap's detail page")
            }
            for token in [f.cy.token, f.outsider.token] {
                #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, token, swapNumber), "shift_swap").isEmpty)
            }
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, f.supervisor.token, leaveNumber.lowercased()), "leave_request") == [decId])
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, f.bo.token, leaveNumber), "leave_request").isEmpty)

            // Lists: by person, state and month, paginated; an agent sees only its own.
            func ids(_ path: String, _ token: String) async throws -> [String] {
                let r = try await app.call(.get, path, token: token)
                #expect(r.status == .ok, "\(path): \(r.text)")
                return r.items.compactMap { $0["id"] as? String }
            }
            let s = f.supervisor.token
            #expect(Set(try await ids("/api/v1/leave-requests?view=all", s)) == [novId, decId, cyId])
            #expect(Set(try await ids("/api/v1/leave-requests?view=all&person=\(f.ann.id)", s)) == [novId, decId])
            #expect(try await ids("/api/v1/leave-requests?view=all&person=\(f.ann.id)&month=2026-12", s) == [decId])
            #expect(try await ids("/api/v1/leave-requests?view=all&month=2026%2F11&status=approved", s) == [cyId])
            #expect(try await ids("/api/v1/leave-requests?view=all&per=1&page=2&person=\(f.ann.id)", s).count == 1)
            #expect(Set(try await ids("/api/v1/leave-requests?view=all", f.ann.token)) == [novId, decId])
            #expect(try await ids("/api/v1/leave-requests?view=all", f.outsider.token).isEmpty)
            #expect(try await ids("/api/v1/shift-swaps?view=all&person=\(f.bo.id)&status=requested&month=2026-11", s) == [swapId])
            #expect(try await ids("/api/v1/shift-swaps?view=all&month=2026-12", s).isEmpty)
            #expect(try await app.call(.get, "/api/v1/leave-requests?view=all&month=13", token: s).status == .unprocessableContent)
            #expect(try await app.call(.get, "/api/v1/shift-swaps?view=all&status=approved", token: s).status == .unprocessableContent)

            // The page: the filter, the results, the empty state.
            let page = PageSession(app)
            _ = try await page.signIn("pplsup", "password-pplsup")
            let found = try await page.get("/people/requests?kind=leave&person=\(f.ann.id)&month=2026-12")
            #expect(found.status == .ok && found.text.contains("data-id=\"\(decId)\"") && !found.text.contains("data-id=\"\(novId)\""))
            #expect(found.text.contains("id=\"request-filter\"") && found.text.contains(leaveNumber))
            let none = try await page.get("/people/requests?kind=swap&month=2030-01")
            #expect(none.text.contains("id=\"request-results-empty\""))
        }
    }
}
