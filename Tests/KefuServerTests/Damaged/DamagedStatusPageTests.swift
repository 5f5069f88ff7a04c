import Foundation
import Hummingbird
import Testing

/// RPT-08 on the page: the department's view of its own sites by default; another department's accountant (who may
/// see every department, D16) sees it only by choosing that unit; a service agent is refused.
@Suite("Damaged-part return status page (#13.3, RPT-08)")
struct DamagedStatusPageTests {
    @Test func eachDepartmentSeesItsOwnSitesByDefault() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let r = try await app.call(.post, "/api/v1/damaged-parts", token: f.keeperA1, json: DamagedPartTests.part(f, volume: "3"))
            #expect(r.status == .created, "\(r.text)")
            let accA = try await ItemRequestPageTests.signedIn(app, "acca")
            let own = try await accA.get("/materials/damaged-parts/return-status")
            #expect(own.status == .ok && own.text.contains("现场A1") && own.text.contains("data-warning=\"yes\""), "\(own.text.prefix(400))")
            let accB = try await ItemRequestPageTests.signedIn(app, "accb")
            let other = try await accB.get("/materials/damaged-parts/return-status")
            #expect(other.status == .ok && !other.text.contains("现场A1") && other.text.contains("id=\"empty-state\""))
            #expect(try await accB.get("/materials/damaged-parts/return-status?orgUnitId=\(f.deptA)").text.contains("现场A1"))
            let agent = PageSession(app)
            _ = try await agent.signIn("agent", "password-agent")
            #expect(try await agent.get("/materials/damaged-parts/return-status").status == .forbidden)
        }
    }
}
