import Foundation
import Testing

/// #13.3 DMG-06: a damaged part is in one application only, also when several department users combine the same part
/// at the same moment (the parts' rows are locked in id order); the numbers stay gapless.
@Suite("Commercial repair: one part, one application, under concurrency (#13.3, DMG-06)")
struct CommercialRepairConcurrencyTests {
    @Test func parallelApplicationsNamingOnePartLetOnlyOneThrough() async throws {
        try await TestApp.run { app in
            let f = try await MaterialsFixture.make(app)
            let a = try await CommercialRepairFlowTests.register(app, f, serial: "C-1")
            let b = try await CommercialRepairFlowTests.register(app, f, serial: "C-2")
            // Six applications at once, each naming both parts (in either order): exactly one is created.
            let requests: [(tag: Int, path: String, body: Data?)] = try (0..<6).map { i in
                (i, "/api/v1/commercial-repairs", try JSONSerialization.data(withJSONObject: ["orgUnitId": f.deptA, "partIds": i % 2 == 0 ? [a, b] : [b, a]]))
            }
            let answers = try await Parallel.post(app, token: f.accA, requests)
            let created = answers.filter { $0.status == 201 }
            #expect(created.count == 1, "\(answers)")
            #expect(answers.filter { $0.status != 201 }.allSatisfy { $0.status == 409 && $0.code == "part_in_other_repair" }, "\(answers)")
            #expect(created.first?.number?.hasSuffix("-000001") == true, "\(answers)")
            let list = try await app.call(.get, "/api/v1/commercial-repairs", token: f.accA)
            #expect(list["total"] as? Int == 1)
        }
    }
}
