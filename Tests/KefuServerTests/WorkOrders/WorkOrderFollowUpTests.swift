import Foundation
import Testing

/// WO-10: the daily follow-up list and the manager's assessment per technician, in the viewer's scope.
@Suite("Work order follow-up (WO-10)")
struct WorkOrderFollowUpTests {
    @Test func theListHoldsWhatIsNotDoneAndTheAssessmentCountsPerTechnician() async throws {
        try await TestApp.run { app in
            let a = try await WorkOrderFlowTests.actors(app)
            let first = try await WorkOrderFlowTests.issue(app, a)
            let second = try await WorkOrderFlowTests.issue(app, a)
            #expect(try await WorkOrderFlowTests.step(app, a.tech.token, first, "accept").status == .ok)
            #expect(try await WorkOrderFlowTests.step(app, a.tech.token, first, "arrive").status == .ok)

            let page = PageSession(app)
            _ = try await page.signIn("tech2", "password-tech2")
            let shown = try await page.get("/work-orders/follow-up")
            #expect(shown.status == .ok)
            for id in [first, second] { #expect(shown.text.contains("data-id=\"\(id)\""), "\(id) to follow up") }
            #expect(shown.text.contains("id=\"assessment-list\"") && shown.text.contains("用户tech"), "the technician's row")
            #expect(shown.text.contains("100%"), "arrived within the 5 minutes")
            #expect(shown.text.contains("data-print"))

            // Outside the unit nothing shows; a role that reads no work orders is refused.
            let outside = PageSession(app)
            _ = try await outside.signIn("qatech", "password-qatech")
            let other = try await outside.get("/work-orders/follow-up")
            #expect(other.status == .ok && !other.text.contains("data-id=\"\(first)\""))
            let finance = PageSession(app)
            _ = try await finance.signIn("fin", "password-fin")
            #expect(try await finance.get("/work-orders/follow-up").status == .forbidden)
        }
    }
}
