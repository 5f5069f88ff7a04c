import Foundation
import Testing

/// #13.4: two leaders deciding on the same freight at once — one decision stands, the other is refused (409), and the
/// trail holds one decision.
@Suite("Freight decisions at once (#13.4)")
struct FreightConcurrencyTests {
    @Test func twoDecisionsAtOnceLeaveOne() async throws {
        try await TestApp.run { app in
            let a = try await FreightFlowTests.actors(app)
            let r = try await FreightFlowTests.freight(app, a.f.keeperA1, ["shipmentRef": "KD-X", "mode": "express", "cost": "300"])
            let id = try #require(r.string("id"))
            let body = Data(#"{"comment":"同意"}"#.utf8)
            let answers = try await Parallel.post(app, token: a.managerA, [(0, "/api/v1/freight/\(id)/approve", body), (1, "/api/v1/freight/\(id)/approve", body),
                                                                          (2, "/api/v1/freight/\(id)/approve", body)])
            #expect(answers.filter { $0.status == 200 }.count == 1, "\(answers)")
            #expect(answers.filter { $0.status == 409 }.count == 2, "\(answers)")
            let trail = try await app.call(.get, "/api/v1/audit-log?entity=freight&entityId=\(id)", token: a.f.admin).items
            #expect(trail.filter { $0["action"] as? String == "approve" }.count == 1, "\(trail)")
        }
    }
}
