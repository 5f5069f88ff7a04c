import Foundation
import KefuDomain
import Testing

/// Instants as Beijing wall-clock strings keep the tables readable.
private func bj(_ text: String) -> Int64 {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return Int64(f.date(from: text + ":00+08:00")!.timeIntervalSince1970 * 1000)
}

private let calendar = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))
private let minute: Int64 = 60_000

@Suite("Working-day calendar")
struct WorkCalendarTests {
    @Test func civilDaysRoundTrip() {
        for text in ["1970-01-01", "2000-02-29", "2026-02-15", "2026-12-31", "2100-03-01"] {
            #expect(CivilDay(iso: text)?.iso == text)
        }
        #expect(CivilDay(iso: "2026-02-30") == nil)
        #expect(CivilDay(iso: "2026-2-3") == nil)
        #expect(CivilDay(iso: "2026-02-13")!.weekday == 5)
        #expect(CivilDay(iso: "2026-03-01")!.weekday == 0)
    }

    @Test(arguments: [
        ("2026-02-13", DayKind.workday, nil as String?),
        ("2026-02-14", .adjustedWorkday, "调休上班"),
        ("2026-02-15", .holiday, "春节"),
        ("2026-02-23", .holiday, "春节"),
        ("2026-02-24", .workday, nil),
        ("2026-02-28", .adjustedWorkday, "调休上班"),
        ("2026-03-01", .weekend, nil),
        ("2026-10-01", .holiday, "国庆节"),
        ("2026-10-07", .holiday, "国庆节"),
        ("2026-10-08", .workday, nil),
        ("2026-10-10", .adjustedWorkday, "调休上班"),
        ("2025-10-08", .holiday, "国庆节、中秋节"),
        ("2027-01-01", .workday, nil),   // no notice for 2027 yet: plain Monday–Friday
        ("2027-01-02", .weekend, nil),
    ])
    func dayKinds(day: String, kind: DayKind, name: String?) {
        let k = calendar.schedule.kind(of: CivilDay(iso: day)!)
        #expect(k.kind == kind)
        #expect(k.name == name)
    }

    @Test(arguments: [
        // 春节 2026: Saturday 02-14 is worked, 02-15..02-23 are off.
        ("2026-02-13T17:00", 120, "2026-02-14T10:00"),
        ("2026-02-14T17:30", 60, "2026-02-24T09:30"),
        ("2026-02-14T20:00", 5, "2026-02-24T09:05"),
        ("2026-02-15T10:00", 5, "2026-02-24T09:05"),
        // 国庆 2026: 10-01..10-07 off, Saturday 10-10 worked.
        ("2026-09-30T17:00", 120, "2026-10-08T10:00"),
        ("2026-10-09T17:00", 120, "2026-10-10T10:00"),
        ("2026-10-10T17:59", 2, "2026-10-12T09:01"),
        // Ending exactly at closing time stays on that day.
        ("2026-03-02T17:00", 60, "2026-03-02T18:00"),
        // Before opening counts from opening.
        ("2026-03-02T07:00", 5, "2026-03-02T09:05"),
        // Three working days (D9's default resolution target) over a weekend.
        ("2026-03-06T10:00", 1620, "2026-03-11T10:00"),
    ])
    func addingWorkingMinutes(start: String, minutes: Int, expected: String) {
        #expect(calendar.adding(minutes: minutes, to: bj(start), .businessHours) == bj(expected))
    }

    @Test func aBreakStopsBusinessHoursClocks() {
        let lunch = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years),
                                 hours: BusinessHours(start: "09:00", end: "18:00", breakStart: "12:00", breakEnd: "13:30")!)
        #expect(lunch.adding(minutes: 5, to: bj("2026-03-02T11:58"), .businessHours) == bj("2026-03-02T13:33"))
        #expect(lunch.adding(minutes: 5, to: bj("2026-03-02T12:30"), .businessHours) == bj("2026-03-02T13:35"))
        #expect(lunch.adding(minutes: 120, to: bj("2026-03-02T11:00"), .businessHours) == bj("2026-03-02T14:30"))
        #expect(lunch.workingMillis(from: bj("2026-03-02T09:00"), to: bj("2026-03-02T18:00"), .businessHours) == 450 * minute)
        #expect(!lunch.isWorkingTime(bj("2026-03-02T12:45"), .businessHours))
        #expect(lunch.nextWorkingInstant(atOrAfter: bj("2026-03-02T12:45"), .businessHours) == bj("2026-03-02T13:30"))
        #expect(lunch.hours.minutesPerDay == 450)
        #expect(BusinessHours(start: "09:00", end: "18:00", breakStart: "08:00", breakEnd: "10:00") == nil)
        #expect(BusinessHours(start: "09:00", end: "18:00", breakStart: "12:00", breakEnd: nil) == nil)
        #expect(BusinessHours(start: "09:00", end: "18:00", breakStart: "", breakEnd: "") == .standard)
    }

    @Test func aroundTheClockIgnoresTheCalendar() {
        #expect(calendar.adding(minutes: 5, to: bj("2026-02-15T23:58"), .allDay) == bj("2026-02-16T00:03"))
        #expect(calendar.workingMillis(from: bj("2026-02-15T00:00"), to: bj("2026-02-16T00:00"), .allDay) == 24 * 60 * minute)
    }

    @Test func workingTimeAcrossSpringFestival() {
        // 02-13 (Fri), 02-14 (adjusted Saturday) and 02-24 are the only working days in between.
        #expect(calendar.workingMillis(from: bj("2026-02-13T09:00"), to: bj("2026-02-25T09:00"), .businessHours) == 27 * 60 * minute)
        #expect(calendar.workingMillis(from: bj("2026-02-16T09:00"), to: bj("2026-02-20T18:00"), .businessHours) == 0)
        #expect(calendar.workingMillis(from: bj("2026-10-09T12:00"), to: bj("2026-10-09T11:00"), .businessHours) == 0)
    }

    @Test func nextWorkingInstant() {
        #expect(calendar.nextWorkingInstant(atOrAfter: bj("2026-09-30T18:30"), .businessHours) == bj("2026-10-08T09:00"))
        #expect(calendar.nextWorkingInstant(atOrAfter: bj("2026-10-08T10:15"), .businessHours) == bj("2026-10-08T10:15"))
        #expect(calendar.isWorkingTime(bj("2026-10-10T09:00"), .businessHours))
        #expect(!calendar.isWorkingTime(bj("2026-10-11T09:00"), .businessHours))
    }

    @Test func workingTimeLeftIsNegativeWhenOverdue() {
        // Friday 17:00 to Monday 10:00 is two working hours either way.
        #expect(calendar.workingTimeLeft(from: bj("2026-03-06T17:00"), until: bj("2026-03-09T10:00"), .businessHours) == 120 * minute)
        #expect(calendar.workingTimeLeft(from: bj("2026-03-09T10:00"), until: bj("2026-03-06T17:00"), .businessHours) == -120 * minute)
    }

    @Test func workingDays() {
        // SLA-05 "5 working days" from the Friday before 国庆: 09-30 → 10-08, 09, 10 (adjusted), 12, 13.
        #expect(calendar.adding(workingDays: 5, to: CivilDay(iso: "2026-09-30")!).iso == "2026-10-13")
    }

    @Test func businessHoursParse() {
        #expect(BusinessHours(start: "08:30", end: "17:30")?.minutesPerDay == 540)
        #expect(BusinessHours(start: "18:00", end: "09:00") == nil)
        #expect(BusinessHours(start: "9:00", end: "18:00") == nil)
        #expect(BusinessHours(start: "00:00", end: "24:00")?.end == "24:00")
    }

    @Test func yearValidation() {
        let good = HolidayYear(holidays: [.init(name: "元旦", from: "2027-01-01", to: "2027-01-03")], workdays: ["2027-01-09"])
        #expect(good.problem(forYear: 2027) == nil)
        #expect(good.problem(forYear: 2028) == .outsideYear("2027-01-01"))
        #expect(HolidayYear(holidays: [.init(name: "x", from: "2027-01-05", to: "2027-01-03")], workdays: []).problem(forYear: 2027) == .rangeReversed(name: "x"))
        #expect(HolidayYear(holidays: [], workdays: ["2027-01-05"]).problem(forYear: 2027) == .workdayNotWeekend("2027-01-05"))
        #expect(HolidayYear(holidays: [.init(name: " ", from: "2027-01-02", to: "2027-01-02")], workdays: []).problem(forYear: 2027) == .nameMissing)
        #expect(HolidayYear(holidays: [.init(name: "a", from: "2027-01-02", to: "2027-01-03")], workdays: ["2027-01-02"]).problem(forYear: 2027) == .workdayIsHoliday("2027-01-02"))
        #expect(HolidayYear(holidays: [], workdays: ["2027-13-01"]).problem(forYear: 2027) == .badDate("2027-13-01"))
    }

    @Test func replacingAYearForgetsItsOldDays() {
        var schedule = HolidaySchedule(years: ShippedHolidays.years)
        schedule.set(2026, HolidayYear(holidays: [], workdays: []))
        #expect(schedule.kind(of: CivilDay(iso: "2026-02-16")!).kind == .workday)
        #expect(schedule.kind(of: CivilDay(iso: "2025-01-28")!).kind == .holiday)
    }

    @Test func shippedScheduleMatchesTheDataFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/cn-public-holidays.json")
        struct DataFile: Decodable { let years: [String: HolidayYear] }
        let decoded = try JSONDecoder().decode(DataFile.self, from: Data(contentsOf: file))
        #expect(Dictionary(uniqueKeysWithValues: decoded.years.map { (Int($0.key)!, $0.value) }) == ShippedHolidays.years)
        for (year, data) in ShippedHolidays.years { #expect(data.problem(forYear: year) == nil) }
    }
}

/// Deterministic pseudo-random instants (SplitMix64) so that a failure can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Working-time properties")
struct WorkCalendarPropertyTests {
    /// 2025-01-01 to 2027-12-31: both shipped years and one without data.
    static let span = bj("2025-01-01T00:00")...bj("2027-12-31T00:00")

    static let withLunch = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years),
                                        hours: BusinessHours(start: "08:30", end: "17:30", breakStart: "12:00", breakEnd: "13:30")!)

    @Test(arguments: [calendar, withLunch])
    func monotonicAdditiveAndAlwaysInWorkingTime(calendar: WorkCalendar) {
        var rng = SplitMix(state: 20_261_129)
        for _ in 0..<3000 {
            let t = Int64.random(in: Self.span, using: &rng)
            let a = Int64.random(in: 1...(5 * 540), using: &rng) * minute
            let b = Int64.random(in: 1...(5 * 540), using: &rng) * minute
            let ta = calendar.adding(a, to: t, .businessHours)
            // Never lands in non-working time: just after the result is not working time only at a period's end.
            #expect(calendar.isWorkingTime(ta - 1, .businessHours))
            #expect(ta > t)
            // Monotonic in the amount and in the start.
            #expect(calendar.adding(a + b, to: t, .businessHours) > ta)
            #expect(calendar.adding(a, to: t + b, .businessHours) >= ta)
            // Additive.
            #expect(calendar.adding(b, to: ta, .businessHours) == calendar.adding(a + b, to: t, .businessHours))
            // Working time between start and result is exactly what was added.
            #expect(calendar.workingMillis(from: t, to: ta, .businessHours) == a)
            // Working time splits at any point.
            let mid = t + (ta - t) / 2
            #expect(calendar.workingMillis(from: t, to: mid, .businessHours) + calendar.workingMillis(from: mid, to: ta, .businessHours) == a)
        }
    }
}
