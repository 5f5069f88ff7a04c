import Foundation
import KefuDomain
import Testing

@Suite("Inspection scoring and penalty rules (KPI-02, KPI-03, CMP-17)")
struct InspectionScoringTests {
    @Test(arguments: [
        ("25", 2500 as Int?), ("12.5", 1250), ("33.33", 3333), ("100", 10000), ("0.01", 1), (" 40 ", 4000),
        ("0", nil), ("100.01", nil), ("12.345", nil), ("12.", nil), (".5", nil), ("-5", nil), ("abc", nil), ("1e2", nil), ("", nil), ("1000", nil),
    ])
    func weights(_ text: String, _ expected: Int?) {
        #expect(InspectionScoring.weightHundredths(text) == expected)
    }

    @Test(arguments: [
        ([10000], nil as InspectionScoring.WeightRefusal?), ([3333, 3333, 3334], nil), ([5000, 4999], .notHundred), ([5000, 5001], .notHundred),
        ([], .itemCount), (Array(repeating: 100, count: 31), .itemCount), (Array(repeating: 100, count: 30), .notHundred),
    ])
    func weightsTotalExactlyHundred(_ weights: [Int], _ expected: InspectionScoring.WeightRefusal?) {
        #expect(InspectionScoring.check(weights: weights) == expected)
    }

    @Test(arguments: [
        ([100, 100], [5000, 5000], 10000), ([0, 0], [5000, 5000], 0), ([80, 95], [6000, 4000], 8600),
        // 77 × 33.33 + 88 × 33.33 + 99 × 33.34 = 2566.41 + 2933.04 + 3300.66 = 8800.11 → 88.00 (hundredths rounded half up)
        ([77, 88, 99], [3333, 3333, 3334], 8800),
        ([1], [10000], 100), ([67, 33], [3350, 6650], 4439), // 22.445 + 21.945 = 44.39
        ([1, 0], [50, 9950], 1), // 0.005 → 0.01 (half up)
    ])
    func weightedTotal(_ scores: [Int], _ weights: [Int], _ expected: Int) {
        #expect(InspectionScoring.totalHundredths(scores: scores, weights: weights) == expected)
    }

    @Test func textAndDecimalAreExact() {
        #expect(InspectionScoring.text(8750) == "87.50")
        #expect(InspectionScoring.text(10000) == "100.00")
        #expect(InspectionScoring.text(5) == "0.05")
        #expect(InspectionScoring.decimal(8755) == Decimal(string: "87.55"))
        #expect(InspectionScoring.meanHundredths([]) == nil)
        #expect(InspectionScoring.meanHundredths([8000, 9001]) == 8501, "85.005 rounds half up")
        #expect(InspectionScoring.meanHundredths([8000, 9000, 9000]) == 8667)
        #expect(InspectionScoring.isValidScore(0) && InspectionScoring.isValidScore(100))
        #expect(!InspectionScoring.isValidScore(-1) && !InspectionScoring.isValidScore(101))
    }

    @Test(arguments: [(0, false), (1, false), (3, false), (4, true), (10, true)])
    func ringsOverThree(_ rings: Int, _ late: Bool) {
        #expect(QualityPenaltyRules.isLateAnswer(rings: rings) == late)
    }

    @Test(arguments: [(0, 0), (2, 0), (3, 1), (5, 1), (6, 2), (-1, 0)])
    func everyThirdVerifiedComplaint(_ verified: Int, _ due: Int) {
        #expect(QualityPenaltyRules.complaintPenaltiesDue(verified: verified) == due)
    }

    @Test func aProposalIsDecidedOnce() {
        #expect(QualityPenaltyRules.next(after: .proposed, .confirm) == .confirmed)
        #expect(QualityPenaltyRules.next(after: .proposed, .waive) == .waived)
        #expect(QualityPenaltyRules.next(after: .confirmed, .waive) == nil)
        #expect(QualityPenaltyRules.next(after: .waived, .confirm) == nil)
        #expect(QualityPenaltyRules.counts(.proposed) && QualityPenaltyRules.counts(.confirmed) && !QualityPenaltyRules.counts(.waived))
        #expect(!QualityPenaltyRules.deciders.contains(.csAgent) && !QualityPenaltyRules.deciders.contains(.qa))
    }
}
