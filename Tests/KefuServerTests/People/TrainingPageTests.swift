import Foundation
import Testing

/// #15.4 pages: each renders from one read of the store, shows what its role may do, and refuses the roles it is not for.
@Suite("Training pages (#15.4)")
struct TrainingPageTests {
    @Test func eachTrainingPageReadsOnceAndKnowsItsAudience() async throws {
        let counter = ReadCounter()
        try await TestApp.run(wrapStore: { CountingStore(base: $0, counter: counter) }) { app in
            let f = try await PeopleFixture.make(app)
            let s = try await TrainingFlowTests.session(app, f.supervisor.token, unit: f.cs, date: "2026-11-10")
            let id = s.string("id")!
            _ = try await app.call(.put, "/api/v1/trainings/\(id)/attendance", token: f.supervisor.token, json: ["lines": [["userId": f.ann.id, "status": "present"]]])
            _ = try await app.call(.put, "/api/v1/staff/\(f.ann.id)/qualifications", token: f.supervisor.token,
                                   json: ["typingSpeed": 60, "certificates": [["name": "客服资格证", "number": "KF-7", "expiresOn": TrainingFlowTests.day(5)]]])
            let supervisor = PageSession(app)
            _ = try await supervisor.signIn("pplsup", "password-pplsup")
            let agent = PageSession(app)
            _ = try await agent.signIn("pplann", "password-pplann")

            let pages: [(PageSession, String, String)] = [
                (supervisor, "/people/trainings", "id=\"training-form\""),
                (agent, "/people/trainings", "id=\"training-list\""),
                (supervisor, "/people/trainings/\(id)", "id=\"attendance-sheet\""),
                (agent, "/people/trainings/\(id)", "id=\"attendance-list\""),
                (supervisor, "/people/trainings/\(id)/sign-in", "id=\"sign-in-sheet\""),
                (supervisor, "/people/training-gaps?from=2026-10&to=2026-11", "data-status=\"covered\""),
                (supervisor, "/people/training-plans", "id=\"plan-form\""),
                (supervisor, "/people/qualifications", "id=\"certificate-alerts\""),
                (supervisor, "/people/qualifications/\(f.ann.id)", "id=\"qualification-form\""),
            ]
            for (session, path, mark) in pages {
                let (reads, reply) = try await OnePageOneReadTests.pageReads(session, counter, path)
                #expect(reply.status == .ok, "\(path): \(reply.status)")
                #expect(reply.text.contains(mark), "\(path) does not show \(mark)")
                #expect(reads == 1, "\(path) read the store \(reads) times for one render")
            }
            let list = try await supervisor.get("/people/qualifications?flag=typing")
            #expect(list.text.contains("data-typing-flag=\"below_required\"") && list.text.contains("data-typing-flag=\"not_recorded\""))
            // The agent has no form to record a session, no gap report, no staff list, no plans.
            #expect(!(try await agent.get("/people/trainings")).text.contains("id=\"training-form\""))
            for path in ["/people/training-gaps", "/people/qualifications", "/people/training-plans", "/people/qualifications/\(f.bo.id)"] {
                #expect(try await agent.get(path).status == .forbidden, "\(path)")
            }
        }
    }
}
