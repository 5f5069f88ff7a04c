import Foundation
import Testing

/// #13.1 pages: the list's empty state, the request page only in scope, the toolbar by state and role, the planner clock.
@Suite("Material request pages (#13.1)")
struct MaterialRequestPageTests {
    @Test func pagesShowTheStepsOfTheViewerAndStayInScope() async throws {
        try await TestApp.run { app in
            let s = try await MaterialRequestFlowTests.Signers.make(app)
            let keeper = PageSession(app)
            _ = try await keeper.signIn("keepa1", "password-keepa1")
            let empty = try await keeper.get("/materials/requests")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("id=\"empty-state\""))
            #expect(empty.text.contains("id=\"new-material-request\""))
            let id = try await s.draft(app)
            let draft = try await keeper.get("/materials/requests/\(id)")
            #expect(draft.text.contains("id=\"material-request-submit\""))
            #expect(draft.text.contains("id=\"material-request-edit\""))
            #expect(!draft.text.contains("id=\"material-request-approve\""))
            _ = try await MaterialRequestFlowTests.step(app, id, "submit", s.f.keeperA1)
            _ = try await MaterialRequestFlowTests.step(app, id, "approve", s.leadA1)
            let planner = PageSession(app)
            _ = try await planner.signIn("plana", "password-plana")
            let review = try await planner.get("/materials/requests/\(id)")
            #expect(review.text.contains("id=\"planner-clock\""))
            #expect(review.text.contains("id=\"material-request-approve\""))
            #expect(review.text.contains("id=\"return-form\""))
            let outsider = PageSession(app)
            _ = try await outsider.signIn("keepa2", "password-keepa2")
            #expect(try await outsider.get("/materials/requests/\(id)").status == .forbidden)
            #expect(try await outsider.get("/materials/requests").text.contains("id=\"empty-state\""))
        }
    }
}
