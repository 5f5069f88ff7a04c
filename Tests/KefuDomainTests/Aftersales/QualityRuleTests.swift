import KefuDomain
import Testing

@Suite("Aftersales: 3-month rule, money, satisfaction formula")
struct QualityRuleTests {
    func d(_ s: String) -> LocalDate { LocalDate(s)! }

    @Test func threeMonthsFromFactoryInclusive() {
        #expect(ReturnQualityRule.withinWindow(shippedAt: d("2026-08-29"), requestedOn: d("2026-11-29")))
        #expect(!ReturnQualityRule.withinWindow(shippedAt: d("2026-08-28"), requestedOn: d("2026-11-29")))
        // Month ends clamp: 11-30 + 3 months = 02-28.
        #expect(ReturnQualityRule.withinWindow(shippedAt: d("2026-11-30"), requestedOn: d("2027-02-28")))
        #expect(!ReturnQualityRule.withinWindow(shippedAt: d("2026-11-30"), requestedOn: d("2027-03-01")))
        #expect(d("2027-11-30").adding(months: 3) == d("2028-02-29"))
        // Shipped after the request date: not plausible, not within.
        #expect(!ReturnQualityRule.withinWindow(shippedAt: d("2026-12-01"), requestedOn: d("2026-11-29")))
        #expect(ReturnQualityRule.eligible(shippedAt: d("2026-10-01"), requestedOn: d("2026-11-29"), qualityIssue: true, responsibility: .product))
        #expect(!ReturnQualityRule.eligible(shippedAt: d("2026-10-01"), requestedOn: d("2026-11-29"), qualityIssue: true, responsibility: .customer))
        #expect(!ReturnQualityRule.eligible(shippedAt: d("2026-10-01"), requestedOn: d("2026-11-29"), qualityIssue: false, responsibility: nil))
    }

    @Test func datesParseStrictly() {
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2026-1-05") == nil)
        #expect(LocalDate("2026-13-01") == nil)
        #expect(LocalDate("２０２６-01-01") == nil)
        #expect(d("2026-01-05").description == "2026-01-05")
    }

    @Test func yuanIsExactFen() {
        #expect(Yuan.fen("350.00") == 35_000)
        #expect(Yuan.fen("350") == 35_000)
        #expect(Yuan.fen("0.1") == 10)
        #expect(Yuan.fen("1234.56") == 123_456)
        // #11.2: amounts as people type them.
        #expect(Yuan.fen("1,000") == 100_000)
        #expect(Yuan.fen("3,500") == 350_000)
        #expect(Yuan.fen("¥3,500.00") == 350_000)
        #expect(Yuan.fen("３５００元") == 350_000)
        for bad in ["", "-1", "1.234", "1,00", "12,34,567", "abc", "1.", ".5", "1e3", "+1", "1000000000.01", "-1,000"] { #expect(Yuan.fen(bad) == nil, "\(bad)") }
        #expect(Yuan.text(35_000) == "350.00")
        #expect(Yuan.text(5) == "0.05")
        #expect(Yuan.text(123_456) == "1234.56")
    }

    @Test func satisfactionFormulaOfSAT08() {
        // 基本满意 or better counts as satisfied (D10).
        let rate = SatisfactionRate(overallRatings: [.verySatisfied, .satisfied, .basicallySatisfied, .notVerySatisfied, .dissatisfied])
        #expect(rate.responses == 5)
        #expect(rate.satisfied == 3)
        #expect(rate.percentText == "60.00")
        #expect(SatisfactionRate(responses: 13, satisfied: 12).percentText == "92.31")
        #expect(SatisfactionRate(responses: 3, satisfied: 2).percentText == "66.67")
        #expect(SatisfactionRate(responses: 0, satisfied: 0).percentText == nil)
        #expect(SatisfactionRate(responses: 10, satisfied: 9).meets(targetBasisPoints: 9000) == true)
        #expect(SatisfactionRate(responses: 10, satisfied: 8).meets(targetBasisPoints: 9000) == false)
        #expect(!SatisfactionLevel.notVerySatisfied.countsAsSatisfied)
        #expect(SatisfactionLevel.basicallySatisfied.countsAsSatisfied)
    }

    @Test func onlyTheRightRolesActOnTheProcedure() {
        #expect(AftersalesPermission.granted(.quality, to: [.qa]))
        #expect(!AftersalesPermission.granted(.quality, to: [.csAgent, .csManager]))
        #expect(AftersalesPermission.granted(.approveActions, to: [.csManager]))
        #expect(AftersalesPermission.granted(.approveActions, to: [.qa, .deptManager]))
        #expect(!AftersalesPermission.granted(.approveActions, to: [.qa]))
        #expect(!AftersalesPermission.granted(.approveActions, to: [.csAgent, .csSupervisor]))
        #expect(AftersalesPermission.granted(.salesManager, to: [.salesManager]))
        #expect(!AftersalesPermission.granted(.salesManager, to: [.sales, .csManager]))
        #expect(!AftersalesPermission.granted(.view, to: [.customer]))
        #expect(AftersalesPermission.granted(.supervise, to: [.csSupervisor]))
        #expect(AftersalesPermission.granted(.setQualityTarget, to: [.csManager]))
        #expect(!AftersalesPermission.granted(.setQualityTarget, to: [.csSupervisor]))
        #expect(AftersalesPermission.mayPlanActions(roles: [.production], userPath: "/r/p/", responsibleUnitPath: "/r/p/"))
        #expect(!AftersalesPermission.mayPlanActions(roles: [.production], userPath: "/r/q/", responsibleUnitPath: "/r/p/"))
        #expect(!AftersalesPermission.mayPlanActions(roles: [.qa], userPath: "/r/q/", responsibleUnitPath: nil))
        #expect(!AftersalesPermission.granted(.supervise, to: [.csAgent, .qa]))
    }
}
