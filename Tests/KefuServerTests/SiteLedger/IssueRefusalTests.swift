import Foundation
import Testing

/// #12.4, ISS-05: a refusal at the counter is logged with its reason and reported to the site chief.
@Suite("Refusals at the counter (#12.4, ISS-05)")
struct IssueRefusalTests {
    @Test func aKeepersRefusalIsLoggedAndTheSiteChiefIsTold() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let warehouses = try await app.call(.get, "/api/v1/warehouses", token: f.hqMaterials).items
            let siteA1 = try #require(warehouses.first { $0["code"] as? String == "A1G" }?["orgUnitId"] as? String)
            let lead = try await app.createUser(f.admin, "leada1", roles: ["site_lead"], unitId: siteA1).token
            let body: [String: Any] = ["warehouseId": f.A1G, "itemId": f.bolt, "quantity": 20, "requestedBy": "外包施工队 王师傅", "purpose": "自家农机维修",
                                       "reason": "非现场正常工作用料（ISS-05）"]
            let r = try await app.call(.post, "/api/v1/issue-refusals", token: f.keeperA1, json: body)
            #expect(r.status == .created, "\(r.text)")
            #expect(r["reportedTo"] as? Int == 1)
            let told = try await app.call(.get, "/api/v1/notifications", token: lead).items
            #expect(told.contains { $0["kind"] as? String == "issue_refused" }, "\(told)")

            var noReason = body; noReason["reason"] = " "
            #expect(try await app.call(.post, "/api/v1/issue-refusals", token: f.keeperA1, json: noReason).errorCode == "validation_failed")
            // Another site's keeper cannot log one for A1G, nor see A1G's.
            #expect(try await app.call(.post, "/api/v1/issue-refusals", token: f.keeperA2, json: body).status == .forbidden)
            #expect(try await app.call(.get, "/api/v1/issue-refusals", token: f.keeperA2).items.isEmpty)
            #expect(try await app.call(.get, "/api/v1/issue-refusals?orgUnitId=\(f.deptA)", token: f.accA).items.count == 1)
            #expect(try await app.call(.get, "/api/v1/issue-refusals", token: f.agent).status == .forbidden)
        }
    }
}
