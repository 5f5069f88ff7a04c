import KefuDomain
import Testing

/// #14 CMP-15, PRP-09, RPT-10: closing a property organisation's complaint needs handling and a return visit; the
/// 100 %-target rates; the report's period (a month or a year).
@Suite("Property service rules (#14 CMP-15, PRP-09, RPT-10)")
struct PropertyServiceRulesTests {
    @Test(arguments: [
        // property organisation, handling recorded, return visit recorded, refusal
        (false, false, false, String?.none),
        (false, true, false, String?.none),
        (true, false, true, String?.some("handling_missing")),
        (true, true, false, String?.some("return_visit_missing")),
        (true, false, false, String?.some("handling_missing")),
        (true, true, true, String?.none),
    ])
    func aPropertyComplaintClosesOnlyWithHandlingAndReturnVisit(property: Bool, handling: Bool, visit: Bool, refusal: String?) {
        #expect(PropertyComplaintClosing.refusal(propertyOrganisation: property, handlingRecorded: handling, returnVisitRecorded: visit)?.code == refusal)
    }

    @Test(arguments: [
        // part, whole, text, met
        (0, 0, "—", true),
        (3, 3, "100.0%", true),
        (2, 3, "66.7%", false),
        (1, 3, "33.3%", false),
        (7, 8, "87.5%", false),
        (0, 5, "0.0%", false),
        (1999, 2000, "100.0%", false), // 99.95 % rounds to 100.0 % yet the target is every one
    ])
    func ratesWithAFullTargetAreShownToATenthAndMetOnlyWhenAllAreDone(part: Int, whole: Int, text: String, met: Bool) {
        let r = FullTargetRate(part: part, whole: whole)
        #expect(r.text == text)
        #expect(r.met == met)
    }

    @Test func thePeriodIsAMonthOrAYear() {
        #expect(ServiceReportPeriod("2026-11") == .month(BillingMonth(year: 2026, month: 11)))
        #expect(ServiceReportPeriod("2026年11月") == .month(BillingMonth(year: 2026, month: 11)))
        #expect(ServiceReportPeriod("2026") == .year(2026))
        #expect(ServiceReportPeriod("２０２６年") == .year(2026))
        #expect(ServiceReportPeriod("26") == nil)
        #expect(ServiceReportPeriod("2026-13") == nil)
        #expect(ServiceReportPeriod("1999") == nil)
        #expect(ServiceReportPeriod("2026")?.months.first == BillingMonth(year: 2026, month: 1))
        #expect(ServiceReportPeriod("2026")?.months.last == BillingMonth(year: 2026, month: 12))
        #expect(ServiceReportPeriod("2026-02")?.key == "2026-02")
        #expect(ServiceReportPeriod("2026")?.key == "2026")
    }
}
