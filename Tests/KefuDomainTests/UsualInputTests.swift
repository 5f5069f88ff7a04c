import KefuDomain
import Testing

/// #11.2: numbers and dates as people in China type them.
@Suite("Usual input forms")
struct UsualInputTests {
    @Test func numbersWithThousandsSeparatorsAndFullWidthDigits() {
        #expect(UsualInput.number("3,500") == "3500")
        #expect(UsualInput.number("1,234,567.25") == "1234567.25")
        #expect(UsualInput.number("-1,200") == "-1200")
        #expect(UsualInput.number("３，５００") == "3500")
        #expect(UsualInput.number("１２．５") == "12.5")
        #expect(UsualInput.number(" 42 ") == "42")
        #expect(UsualInput.number("1 200") == "1200")
    }

    @Test func misplacedSeparatorsAreRefused() {
        #expect(UsualInput.number("1,23") == nil)
        #expect(UsualInput.number("12,34,567") == nil)
        #expect(UsualInput.number("1234,567") == nil)
        #expect(UsualInput.number(",500") == nil)
        #expect(UsualInput.number("3,500.2.1") == nil)
    }

    @Test func datesInTheUsualChineseForms() {
        let expected = CivilDay(year: 2026, month: 10, day: 20)
        for text in ["2026-10-20", "2026/10/20", "2026.10.20", "2026年10月20日", "2026年10月20号", "20261020", "2026/1O/20".replacingOccurrences(of: "O", with: "0"), "２０２６年１０月２０日"] {
            #expect(UsualInput.day(text) == expected, "\(text)")
        }
        #expect(UsualInput.day("2026/3/5") == CivilDay(year: 2026, month: 3, day: 5))
        #expect(UsualInput.day("2026/02/30") == nil)
        #expect(UsualInput.day("20/10/2026") == nil)
        #expect(UsualInput.day("yesterday") == nil)
    }

    @Test func dayAndTimeOfDay() {
        let r = UsualInput.dayAndMinute("2026/10/20 14:30")
        #expect(r?.day == CivilDay(year: 2026, month: 10, day: 20))
        #expect(r?.minute == 14 * 60 + 30)
        #expect(UsualInput.dayAndMinute("2026年10月20日 9：05")?.minute == 9 * 60 + 5)
        #expect(UsualInput.dayAndMinute("2026-10-20T08:00")?.minute == 480)
        #expect(UsualInput.dayAndMinute("2026-10-20 25:00") == nil)
    }
}
