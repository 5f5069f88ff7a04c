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

/// #14 WO-10 as an API: the same model as the page, in the caller's scope; refused to a role that reads no work orders.
@Suite("Work order follow-up API (WO-10)")
struct WorkOrderFollowUpAPITests {
    @Test func theFollowUpListAndAssessmentAnswerAsJSONInScope() async throws {
        try await TestApp.run { app in
            let a = try await WorkOrderFlowTests.actors(app)
            let first = try await WorkOrderFlowTests.issue(app, a)
            let second = try await WorkOrderFlowTests.issue(app, a)
            #expect(try await WorkOrderFlowTests.step(app, a.tech.token, first, "accept").status == .ok)
            #expect(try await WorkOrderFlowTests.step(app, a.tech.token, first, "arrive").status == .ok)

            let r = try await app.call(.get, "/api/v1/work-orders/follow-up", token: a.tech2.token)
            #expect(r.status == .ok, "\(r.text)")
            let pending = (r["pending"] as? [[String: Any]]) ?? []
            #expect(pending.compactMap { $0["id"] as? String } == [first, second], "oldest first: \(r.text)")
            let techs = (r["technicians"] as? [[String: Any]]) ?? []
            #expect(techs.count == 1 && techs.first?["accepted"] as? Int == 1 && techs.first?["arrived"] as? Int == 1, "\(r.text)")
            #expect(techs.first?["onTimePercent"] as? Int == 100, "\(r.text)")
            #expect(r.string("from") != nil && r.string("to") != nil)

            let period = try await app.call(.get, "/api/v1/work-orders/follow-up?from=2020-01-01&to=2020-01-31", token: a.f.agent.token)
            #expect(period.status == .ok && (period["technicians"] as? [Any])?.isEmpty == true, "\(period.text)")
            let backwards = try await app.call(.get, "/api/v1/work-orders/follow-up?from=2026-02-01&to=2026-01-01", token: a.f.agent.token)
            #expect(backwards.status == .unprocessableContent || backwards.status == .badRequest, "\(backwards.text)")

            // Another unit sees none of these; a role that reads no work orders is refused.
            let outside = try await app.call(.get, "/api/v1/work-orders/follow-up", token: a.outsideTech.token)
            #expect(outside.status == .ok && !outside.text.contains(first), "\(outside.text)")
            let finance = try await app.call(.get, "/api/v1/work-orders/follow-up", token: a.finance.token)
            #expect(finance.status == .forbidden && finance.errorCode != nil, "\(finance.text)")
        }
    }
}
