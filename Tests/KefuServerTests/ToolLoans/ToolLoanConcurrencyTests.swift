import Foundation
import Testing

/// #13.5: loans of one tool sent at the same moment take turns on the tool's balance row (locked on PostgreSQL; SQLite
/// has one writer), so together they never lend more than the site holds, and the numbers stay gapless.
@Suite("Tool loans at the same moment (#13.5, LND-01)")
struct ToolLoanConcurrencyTests {
    @Test func parallelLoansNeverLendMoreThanTheSiteHolds() async throws {
        try await TestApp.run { app in
            let s = try await ToolLoanFlowTests.site(app)
            let body = try JSONSerialization.data(withJSONObject: ToolLoanFlowTests.loan(s.f, quantity: 2))
            let answers = try await Parallel.post(app, token: s.f.keeperA1, (0..<6).map { (tag: $0, path: "/api/v1/tool-loans", body: body) })
            let created = answers.filter { $0.status == 201 }
            #expect(created.count == 2, "five on hand lend two loans of two: \(answers.map { "\($0.status) \($0.code ?? "")" })")
            #expect(answers.filter { $0.status != 201 }.allSatisfy { $0.status == 422 && $0.code == "not_enough_on_site" }, "\(answers.map(\.status))")
            #expect(Set(created.compactMap { $0.number.map { String($0.suffix(6)) } }) == ["000001", "000002"])
            let open = try await app.call(.get, "/api/v1/tool-loans?view=open", token: s.f.accA)
            #expect(open.items.count == 2)
        }
    }
}
