import KefuDomain
import Testing

@Suite("Usual input: whole numbers and ISO days (#11.2)")
struct UsualInputWholeTests {
    @Test func wholeNumbersAsPeopleTypeThem() {
        #expect(UsualInput.wholeNumber("3,500") == 3500)
        #expect(UsualInput.wholeNumber("３５００") == 3500)
        #expect(UsualInput.wholeNumber(" 30 ") == 30)
        for bad in [nil, "", "1,00", "3.5", "abc", "1e3"] as [String?] { #expect(UsualInput.wholeNumber(bad) == nil, "\(bad ?? "nil")") }
    }

    @Test func daysAsPeopleWriteThemBecomeISO() {
        #expect(UsualInput.isoDay("2026/10/20") == "2026-10-20")
        #expect(UsualInput.isoDay("2026年10月20日") == "2026-10-20")
        #expect(UsualInput.isoDay("2026-10-20") == "2026-10-20")
        #expect(UsualInput.isoDay("2026/02/30") == "2026/02/30")
        #expect(UsualInput.isoDay("明天") == "明天")
    }
}
