import Foundation
import Testing

/// SHF-01: the roster's week view: Monday–Sunday around the date asked (across a month's end), a row per person with
/// the shift codes, previous/next week links, one read of the store, printable.
@Suite("Roster week view (SHF-01)")
struct RosterWeekPageTests {
    @Test func aWeekAcrossTwoMonthsReadsOnceAndLinksItsNeighbours() async throws {
        let counter = ReadCounter()
        try await TestApp.run(wrapStore: { CountingStore(base: $0, counter: counter) }) { app in
            let f = try await PeopleFixture.make(app)
            _ = try await f.plan(app, "2026-12", [(28, f.ann.id, f.early), (31, f.bo.id, f.late), (21, f.cy.id, f.night)])
            let supervisor = PageSession(app)
            _ = try await supervisor.signIn("pplsup", "password-pplsup")
            // A Sunday shows the week from the Monday before; the week reaches into January. The calendar comes from
            // the SLA settings, cached for 15 s (`SlaSettings.maxAge`): on a loaded machine one request can outlast that
            // and refresh them, a read of the cache and not of the page. So the page's own reads are the fewest of three
            // openings in a row (a page that reads twice reads twice every time).
            var reads = Int.max
            var week = try await supervisor.get("/people/roster?view=week&unit=\(f.cs)&date=2027-01-03")
            for _ in 0..<3 {
                let (n, page) = try await OnePageOneReadTests.pageReads(supervisor, counter, "/people/roster?view=week&unit=\(f.cs)&date=2027-01-03")
                reads = min(reads, n)
                week = page
            }
            #expect(week.status == .ok, "\(week.text.prefix(300))")
            #expect(reads == 1, "the week view read the store \(reads) times")
            let t = week.text
            #expect(t.contains("id=\"roster-week\"") && t.contains("2026-12-28 – 2027-01-03"))
            #expect(t.contains("data-user=\"\(f.ann.id)\"") && t.contains("data-user=\"\(f.bo.id)\""))
            #expect(!t.contains("data-user=\"\(f.cy.id)\""), "cy is rostered the week before only")
            #expect(t.contains("data-date=\"2027-01-01\"") && t.contains("data-shift=\"E\"") && t.contains("data-shift=\"L\""))
            #expect(t.contains("date=2026-12-21") && t.contains("date=2027-01-04") && t.contains("id=\"roster-print\""))
            // The month view links to its week view.
            #expect(try await supervisor.get("/people/roster?unit=\(f.cs)&month=2026-12").text.contains("id=\"roster-week-view\""))
            let previous = try await supervisor.get("/people/roster?view=week&unit=\(f.cs)&date=2026-12-21")
            #expect(previous.text.contains("data-user=\"\(f.cy.id)\"") && !previous.text.contains("data-user=\"\(f.ann.id)\""))
        }
    }
}
