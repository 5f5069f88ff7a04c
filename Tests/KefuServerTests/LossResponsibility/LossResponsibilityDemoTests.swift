import Foundation
import KefuApp
import Testing

@Suite("Material-loss responsibility: kefu demo (#15.5, KPI-06)")
struct LossResponsibilityDemoTests {
    @Test func demoRecordsTheSitesLossesOnce() async throws {
        try await TestApp.run { app in
            let loaded = try await DemoData.load(store: app.store, password: "demo-pass-1")
            #expect(loaded.contains("loss record SS-"), "\(loaded)")
            // The site chief (responsible by default) sees the three, one approved, one rejected, one awaiting the proposal.
            let chief = try await app.token("liuzd", "demo-pass-1")
            let items = try await app.call(.get, "/api/v1/materials/loss-responsibilities", token: chief).items
            #expect(items.count == 3, "\(items)")
            #expect(Set(items.compactMap { $0["status"] as? String }) == ["approved", "rejected", "registered"])
            #expect(Set(items.compactMap { $0["responsibleName"] as? String }) == ["刘站长"])
            #expect(items.contains { $0["total"] as? String == "18600.00" && $0["cause"] as? String == "lost" })
            _ = try await DemoData.load(store: app.store, password: "demo-pass-1")
            #expect(try await app.call(.get, "/api/v1/materials/loss-responsibilities", token: chief).items.count == 3)
        }
    }
}
