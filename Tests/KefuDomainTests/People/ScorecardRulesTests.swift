import KefuDomain
import Testing

@Suite("Agent scorecard rules (KPI-01)")
struct ScorecardRulesTests {
    typealias F = ScorecardRules.Facts

    @Test(arguments: [
        // part, whole, basis points
        (0, 0, nil), (1, 1, 10_000), (0, 3, 0), (2, 3, 6_667), (1, 3, 3_333), (9, 10, 9_000), (1, 8, 1_250), (1, 16, 625), (1, 32_000, 0), (1, 20_000, 1),
    ] as [(Int, Int, Int?)])
    func percentagesAreExactBasisPointsRoundedHalfUp(part: Int, whole: Int, expected: Int?) {
        #expect(ScorecardRules.basisPoints(part, of: whole) == expected)
    }

    @Test(arguments: [
        // No data at all: no score ("—"), never 0, no division by zero.
        (F(), nil),
        // Complaints alone give no score either.
        (F(complaints: 2), nil),
        // Only first response: its value alone (the other weights are left out, not counted as 0).
        (F(firstResponseEligible: 4, firstResponseOnTime: 3), 7_500),
        // All perfect.
        (F(firstResponseEligible: 2, firstResponseOnTime: 2, resolutionDue: 2, resolvedWithinTarget: 2, escalations: 1, lateEscalations: 0,
           surveys: 1, satisfied: 1, qualityHundredths: 10_000), 10_000),
        // 25·10000 + 25·5000 + 10·0 + 20·10000 + 20·8000 = 735 000 / 100 = 7350.
        (F(firstResponseEligible: 2, firstResponseOnTime: 2, resolutionDue: 2, resolvedWithinTarget: 1, escalations: 1, lateEscalations: 1,
           surveys: 4, satisfied: 4, qualityHundredths: 8_000), 7_350),
        // The same less two complaints (5 points each).
        (F(firstResponseEligible: 2, firstResponseOnTime: 2, resolutionDue: 2, resolvedWithinTarget: 1, escalations: 1, lateEscalations: 1,
           surveys: 4, satisfied: 4, complaints: 2, qualityHundredths: 8_000), 6_350),
        // Never below 0.
        (F(firstResponseEligible: 1, firstResponseOnTime: 0, complaints: 1), 0),
        // Rounded half up: (25·10000 + 20·3333) / 45 = 7037.33… → 7037; (25·6667 + 25·10000)/50 = 8333.5 → 8334.
        (F(firstResponseEligible: 1, firstResponseOnTime: 1, surveys: 3, satisfied: 1), 7_037),
        (F(firstResponseEligible: 3, firstResponseOnTime: 2, resolutionDue: 1, resolvedWithinTarget: 1), 8_334),
    ] as [(F, Int?)])
    func theScoreCombinesThePartsTheAgentHas(facts: F, expected: Int?) {
        #expect(ScorecardRules.score(facts) == expected)
    }

    @Test func theDefaultWeightsCoverEveryPartAndSumTo100() {
        #expect(Set(ScorecardRules.defaultWeights.keys) == Set(ScorecardRules.Part.allCases))
        #expect(ScorecardRules.defaultWeights.values.reduce(0, +) == 100)
    }

    @Test func qualityOutsideTheScaleIsClamped() {
        #expect(ScorecardRules.parts(F(qualityHundredths: 12_000))[.quality] == 10_000)
        #expect(ScorecardRules.parts(F(qualityHundredths: nil))[.quality] == nil)
    }

    @Test(arguments: [(nil, "—"), (0, "0.00"), (5, "0.05"), (7_350, "73.50"), (10_000, "100.00"), (6_667, "66.67")] as [(Int?, String)])
    func basisPointsShowWithTwoDecimals(bp: Int?, text: String) {
        #expect(ScorecardRules.text(bp) == text)
    }

    @Test(arguments: [
        ("2026-12-02", "2026-11-01", "2026-11-30"), ("2026-01-15", "2025-12-01", "2025-12-31"), ("2028-03-01", "2028-02-01", "2028-02-29"),
    ])
    func theDefaultPeriodIsTheLastFullMonth(today: String, from: String, to: String) {
        let p = ScorecardRules.lastFullMonth(before: CivilDay(iso: today)!)
        #expect(p.from.iso == from)
        #expect(p.to.iso == to)
    }

    @Test func readersAndRows() {
        #expect(ScorecardRules.mayReadTeam([.csSupervisor]))
        #expect(ScorecardRules.mayReadTeam([.qa]))
        #expect(!ScorecardRules.mayReadTeam([.csAgent]))
        #expect(!ScorecardRules.mayReadTeam([.engineer]))
        #expect(ScorecardRules.hasOwnRow([.csAgent]))
        #expect(!ScorecardRules.hasOwnRow([.admin]))
    }
}
