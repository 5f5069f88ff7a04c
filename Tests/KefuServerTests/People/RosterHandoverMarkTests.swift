import Foundation
import KefuDomain
import KefuPeople
import Testing

/// #15 leftovers (SHF-02): the roster calendar marks each shift whose handover is not complete — a handover not yet
/// accepted (linked), or an ended shift with someone rostered to take over and no handover written (SQLite, and
/// PostgreSQL when KEFU_TEST_POSTGRES_URL is set).
@Suite("Roster calendar: handover not complete (#15 leftovers, SHF-02)")
struct RosterHandoverMarkTests {
    /// The `<li>` of `userId`'s shift on `date` in the roster grid.
    static func entry(_ html: String, date: String, userId: String) -> String {
        guard let cell = html.range(of: "data-date=\"\(date)\"") else { return "" }
        let rest = html[cell.upperBound...]
        let end = rest.range(of: "</td>")?.lowerBound ?? rest.endIndex
        let day = rest[..<end]
        guard let li = day.range(of: "<li class=\"roster-entry\" data-user=\"\(userId)\"") else { return "" }
        let tail = day[li.lowerBound...]
        return String(tail[..<(tail.range(of: "</li>")?.upperBound ?? tail.endIndex)])
    }

    @Test func pendingAndMissingHandoversAreMarkedOnTheCalendar() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let day = CivilDay(iso: "2026-03-10")!
            let ids = try await HandoverFlowTests.plan(app, f, [(day, f.ann.id, f.early), (day, f.bo.id, f.late), (day.adding(days: 1), f.cy.id, f.early),
                                                                (CivilDay(iso: "2026-03-20")!, f.cy.id, f.early)])
            let annEarly = ids["2026-03-10/\(f.ann.id)/\(f.early)"]!
            let draft = try await app.call(.post, "/api/v1/handovers", token: f.ann.token, json: ["entryId": annEarly, "equipment": "正常"])
            let id = draft.string("id")!, number = draft.string("number")!
            #expect(try await app.call(.post, "/api/v1/handovers/\(id)/submit", token: f.ann.token).status == .ok)

            let supervisor = PageSession(app)
            _ = try await supervisor.signIn("pplsup", "password-pplsup")
            let page = try await supervisor.get("/people/roster?unit=\(f.cs)&month=2026-03")
            #expect(page.status == .ok)
            // ann signed and waits for bo: marked, linked to the handover.
            let ann = Self.entry(page.text, date: "2026-03-10", userId: f.ann.id)
            #expect(ann.contains("class=\"badge handover-incomplete\" data-mark=\"pending\" href=\"/people/handovers/\(id)\"") && ann.contains(number), Comment(rawValue: ann))
            // bo's late shift ended, cy was rostered next morning, and bo wrote nothing: marked missing.
            let bo = Self.entry(page.text, date: "2026-03-10", userId: f.bo.id)
            #expect(bo.contains("data-mark=\"missing\""), Comment(rawValue: bo))
            // Nobody rostered after cy's shifts within the window: nothing to hand over, no mark.
            for date in ["2026-03-11", "2026-03-20"] {
                let cy = Self.entry(page.text, date: date, userId: f.cy.id)
                #expect(!cy.isEmpty && !cy.contains("handover-incomplete"), Comment(rawValue: cy))
            }
            // Once bo accepts, ann's shift is closed and its mark goes.
            let accepted = try await app.call(.post, "/api/v1/handovers/\(id)/accept", token: f.bo.token)
            #expect(accepted.string("status") == "accepted", "\(accepted.text)")
            let after = try await supervisor.get("/people/roster?unit=\(f.cs)&month=2026-03")
            #expect(!Self.entry(after.text, date: "2026-03-10", userId: f.ann.id).contains("handover-incomplete"))
            #expect(Self.entry(after.text, date: "2026-03-10", userId: f.bo.id).contains("data-mark=\"missing\""))
        }
    }

    @Test func incomingFollowsTheHandoverRule() {
        // The efficient scan agrees with HandoverRules.incoming on a mixed set of shifts.
        let shifts = [HandoverRules.Shift(userId: "a", start: 480, end: 960), HandoverRules.Shift(userId: "b", start: 960, end: 1440),
                      HandoverRules.Shift(userId: "a", start: 1440 + 480, end: 1440 + 960), HandoverRules.Shift(userId: "c", start: 5 * 1440, end: 5 * 1440 + 480),
                      HandoverRules.Shift(userId: "a", start: 600, end: 1000)]
        let fast = HandoverCalendarRules.hasIncoming(shifts)
        #expect(fast == shifts.map { !HandoverRules.incoming(after: $0, among: shifts).isEmpty })
        #expect(fast == [true, true, false, false, true])
        #expect(HandoverCalendarRules.mark(status: .submitted, ended: false, hasIncoming: false) == .pending)
        #expect(HandoverCalendarRules.mark(status: .accepted, ended: true, hasIncoming: true) == nil)
        #expect(HandoverCalendarRules.mark(status: nil, ended: false, hasIncoming: true) == nil)
        #expect(HandoverCalendarRules.mark(status: nil, ended: true, hasIncoming: true) == .missing)
    }
}
