import Foundation
import Testing

/// #15 leftovers: absenteeism (KG-) and work-area leave (LG-) records found by their numbers in the quick search, only
/// within the viewer's scope (SQLite, and PostgreSQL when KEFU_TEST_POSTGRES_URL is set).
@Suite("Attendance numbers in the quick search (#15 leftovers)")
struct AttendanceFinderTests {
    @Test func absencesAndWorkAreaLeavesFoundWithinScope() async throws {
        try await TestApp.run { app in
            let f = try await PeopleFixture.make(app)
            let ids = try await f.plan(app, "2026-11", [(13, f.cy.id, f.early)])
            let absence = try await app.call(.post, "/api/v1/absences", token: f.supervisor.token, json: ["shiftId": ids["13/\(f.cy.id)/\(f.early)"]!])
            #expect(absence.status == .created, "\(absence.text)")
            let kg = absence.string("number")!, kgId = absence.string("id")!
            // The absentee and the unit's recorders find it (lower case too); another agent and another unit's manager do not.
            for token in [f.cy.token, f.supervisor.token, f.manager.token] {
                let hits = try await QuickSearchTests.search(app, token, kg.lowercased())
                #expect(QuickSearchTests.found(hits, "absence") == [kgId], "\(kg): \(hits)")
                #expect(hits.first { $0["kind"] as? String == "absence" }?["href"] as? String == "/people/absences?month=2026-11")
            }
            for token in [f.ann.token, f.outsider.token] {
                #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, token, kg), "absence").isEmpty)
            }

            let leave = try await app.call(.post, "/api/v1/work-area-leaves", token: f.ann.token, json: ["minutes": 30, "reason": "去物业办公室"])
            #expect(leave.status == .created, "\(leave.text)")
            let lg = leave.string("number")!, lgId = leave.string("id")!
            #expect(lg.hasPrefix("LG-"))
            for token in [f.ann.token, f.supervisor.token, f.manager.token] {
                #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, token, lg), "work_area_leave") == [lgId], "\(lg)")
            }
            for token in [f.bo.token, f.outsider.token] {
                #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, token, lg), "work_area_leave").isEmpty)
            }
            // A KG number never finds a work-area leave, nor an unknown number anything.
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, f.supervisor.token, kg), "work_area_leave").isEmpty)
            #expect(QuickSearchTests.found(try await QuickSearchTests.search(app, f.supervisor.token, "KG-2026-999999"), "absence").isEmpty)
        }
    }
}
