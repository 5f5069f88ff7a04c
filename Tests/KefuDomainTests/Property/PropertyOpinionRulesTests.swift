import KefuDomain
import Testing

/// SAT-10 the half-yearly owners' opinion survey: half years as typed, who is put on the return-visit plan, the
/// average score in exact tenths.
@Suite("Property opinion survey rules (SAT-10)")
struct PropertyOpinionRulesTests {
    @Test(arguments: [
        ("2026-H2", String?.some("2026-H2")),
        ("2026h1", "2026-H1"),
        ("2026 - H2", "2026-H2"),
        ("2026年下半年", "2026-H2"),
        ("2026年上半年", "2026-H1"),
        ("2026-H3", nil),
        ("26-H1", nil),
        ("2026-Q4", nil),
    ])
    func halfYearsAreReadAsTyped(typed: String, iso: String?) {
        #expect(HalfYear(typed)?.iso == iso)
    }

    @Test func aMonthFallsInItsHalf() {
        #expect(HalfYear(year: 2026, month: 6)?.iso == "2026-H1")
        #expect(HalfYear(year: 2026, month: 7)?.iso == "2026-H2")
        #expect(HalfYear(year: 2026, month: 13) == nil)
        #expect(HalfYear("2026-H1")! < HalfYear("2026-H2")!)
        #expect(HalfYear("2026-H2")?.zh == "2026年下半年")
    }

    @Test(arguments: [
        (5, String?.none, false),
        (3, nil, false),
        (3, "  ", false),
        (2, nil, true),
        (1, nil, true),
        (5, "希望增加儿童游乐设施", true),
    ])
    func ownersBelowTheSatisfiedMarkOrWithACommentAreVisited(overall: Int, comment: String?, visit: Bool) {
        #expect(PropertyOpinionRules.needsReturnVisit(overall: overall, comment: comment) == visit)
    }

    @Test(arguments: [
        ([Int](), Int?.none, "—"),
        ([5], 50, "5.0"),
        ([5, 4], 45, "4.5"),
        ([5, 4, 4], 43, "4.3"),
        ([5, 5, 4], 47, "4.7"),
        ([1, 2], 15, "1.5"),
    ])
    func theAverageIsInExactTenths(scores: [Int], tenths: Int?, text: String) {
        #expect(PropertyOpinionRules.averageTenths(scores) == tenths)
        #expect(PropertyOpinionRules.averageText(tenths) == text)
    }
}
