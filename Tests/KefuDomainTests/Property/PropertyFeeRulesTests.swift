import KefuDomain
import Testing

/// #14 item 2 the fee rules (PRP-01..03): amounts exact to the fen, half-up; payments allocated in line order; the
/// collection rate to a tenth of a percent; billing months, periods and notice numbers.
@Suite("Property fee rules (#14 item 2, PRP-01..03)")
struct PropertyFeeRulesTests {
    @Test(arguments: [
        // area (m²), rate (yuan/m²·month), months, fen
        ("89.50", "1.85", 1, Int64(16558)),   // 165.575 → 165.58 (half-up)
        ("100", "2", 1, Int64(20000)),
        ("120.33", "1.2345", 1, Int64(14855)), // 148.547385 → 148.55
        ("89.50", "1.85", 3, Int64(49673)),   // 496.725 → 496.73
        ("0.01", "0.0001", 1, Int64(0)),      // 0.000001 yuan → 0
        ("1", "0.005", 1, Int64(1)),          // 0.005 yuan = 0.5 fen → 1 fen
        ("1", "0.0049", 1, Int64(0)),
    ])
    func thePropertyFeeIsAreaTimesRateTimesMonthsHalfUp(area: String, rate: String, months: Int, fen: Int64) throws {
        let a = try #require(PropertyArea.centi(area)), r = try #require(PropertyRate.e4(rate))
        #expect(PropertyFeeRules.perArea(areaCenti: a, rateE4: r, months: months) == fen)
    }

    @Test func areasAndRatesAreParsedExactly() {
        #expect(PropertyArea.centi("89.5") == 8950)
        #expect(PropertyArea.centi("1,203.25㎡") == 120325)
        #expect(PropertyArea.centi("８９．５０") == 8950)
        #expect(PropertyArea.centi("89.505") == nil)
        #expect(PropertyArea.centi("0") == nil)
        #expect(PropertyArea.centi("-3") == nil)
        #expect(PropertyRate.e4("1.85") == 18500)
        #expect(PropertyRate.e4("2.3456") == 23456)
        #expect(PropertyRate.e4("2.34567") == nil)
        #expect(PropertyRate.e4("abc") == nil)
        #expect(PropertyRate.text(18500) == "1.85")
        #expect(PropertyRate.text(23456) == "2.3456")
        #expect(PropertyRate.text(20000) == "2.00")
    }

    @Test func theSharedCostIsSplitByAreaEachShareRoundedOnItsOwn() {
        // 1,000.00 yuan over 300 m²: 100 m² → 333.33; 200 m² → 666.67.
        #expect(PropertyFeeRules.areaShare(totalFen: 100_000, areaCenti: 10_000, totalAreaCenti: 30_000) == 33_333)
        #expect(PropertyFeeRules.areaShare(totalFen: 100_000, areaCenti: 20_000, totalAreaCenti: 30_000) == 66_667)
        #expect(PropertyFeeRules.areaShare(totalFen: 100_000, areaCenti: 1, totalAreaCenti: 0) == 0)
        #expect(PropertyFeeRules.amount(basis: .fixed, rateE4: 0, amountFen: 3_000, areaCenti: 9_000, totalAreaCenti: 1) == 3_000)
        #expect(PropertyFeeRules.amount(basis: .fixed, rateE4: 0, amountFen: 3_000, areaCenti: 9_000, totalAreaCenti: 1, months: 2) == 6_000)
    }

    @Test func eachKindHasItsBases() {
        #expect(PropertyFeeRules.allows(.propertyFee, .perArea))
        #expect(!PropertyFeeRules.allows(.propertyFee, .fixed))
        #expect(PropertyFeeRules.allows(.publicCost, .areaShare) && PropertyFeeRules.allows(.publicCost, .fixed))
        #expect(PropertyFeeRules.allows(.specialService, .fixed) && !PropertyFeeRules.allows(.specialService, .areaShare))
    }

    @Test(arguments: [
        (Int64(5_000), [Int64(16_558), 3_000], [Int64(5_000), 0]),
        (Int64(17_000), [Int64(16_558), 3_000], [Int64(16_558), 442]),
        (Int64(19_558), [Int64(16_558), 3_000], [Int64(16_558), 3_000]),
        (Int64(1), [Int64(0), 3_000], [Int64(0), 1]),
    ])
    func aPaymentSettlesTheLinesInOrder(amount: Int64, outstanding: [Int64], put: [Int64]) {
        #expect(PropertyPaymentRules.allocate(amount, outstanding: outstanding) == put)
    }

    @Test func overpaymentAndNothingAreRefused() {
        #expect(PropertyPaymentRules.allocate(19_559, outstanding: [16_558, 3_000]) == nil)
        #expect(PropertyPaymentRules.allocate(0, outstanding: [100]) == nil)
        #expect(PropertyPaymentRules.allocate(-1, outstanding: [100]) == nil)
    }

    @Test(arguments: [
        (Int64(934), Int64(1_000), "93.4%"),
        (Int64(2), Int64(3), "66.7%"),    // 66.666… → 66.7
        (Int64(1), Int64(3), "33.3%"),
        (Int64(1), Int64(2_000), "0.1%"), // 0.05% → 0.1% (half-up)
        (Int64(0), Int64(7), "0.0%"),
        (Int64(7), Int64(7), "100.0%"),
        (Int64(0), Int64(0), "—"),
    ])
    func theCollectionRateIsExactToATenthOfAPercent(paid: Int64, billed: Int64, text: String) {
        #expect(CollectionRate.text(paid, of: billed) == text)
    }

    @Test func billingMonthsPeriodsAndAges() throws {
        let m = try #require(BillingMonth("2026年12月"))
        #expect(m.iso == "2026-12" && m.compact == "202612")
        #expect(BillingMonth("202612") == m && BillingMonth("2026/12") == m)
        #expect(BillingMonth("2026-13") == nil && BillingMonth("26-12") == nil)
        #expect(m.adding(months: 1).iso == "2027-01")
        #expect(m.adding(months: -12).iso == "2025-12")
        #expect(BillingMonth.age(of: BillingMonth(year: 2026, month: 9), at: m) == 3)
        #expect(BillingMonth.age(of: m, at: m) == 0)
        #expect(CollectionPeriod.quarter.key(BillingMonth(year: 2026, month: 5)) == "2026-Q2")
        #expect(CollectionPeriod.year.key(m) == "2026")
        #expect(CollectionPeriod.month.key(m) == "2026-12")
    }

    @Test func noticeNumbersAreReadAsPeopleTypeThem() {
        #expect(PropertyNoticeNumber.make(BillingMonth(year: 2026, month: 12), sequence: 1) == "JF-202612-000001")
        #expect(PropertyNoticeNumber.parse("jf-202612-000001") == "JF-202612-000001")
        #expect(PropertyNoticeNumber.parse("JF202612-12") == "JF-202612-000012")
        #expect(PropertyNoticeNumber.parse("JF2026121") == "JF-202612-000001")
        #expect(PropertyNoticeNumber.parse("JF-202613-1") == nil)
        #expect(PropertyNoticeNumber.parse("KF2026-000001") == nil)
    }

    @Test func adminsWorkTheirEstatesSupervisorsRead() {
        let estate = "/1/2/"
        #expect(PropertyRules.mayWork(roles: [.propertyAdmin], userPath: "/1/", estatePath: estate))
        #expect(!PropertyRules.mayWork(roles: [.csSupervisor], userPath: "/1/", estatePath: estate))
        #expect(PropertyRules.mayRead(roles: [.csSupervisor], userPath: "/1/2/", estatePath: estate))
        #expect(!PropertyRules.mayRead(roles: [.propertyAdmin], userPath: "/1/3/", estatePath: estate))
        #expect(!PropertyRules.mayRead(roles: [.csAgent], userPath: "/1/", estatePath: estate))
    }
}
