import KefuDomain
import Testing

private let calendar = HolidaySchedule(years: ShippedHolidays.years)
private let early = ShiftTimes(startMinute: 8 * 60, endMinute: 16 * 60, mealStartMinute: 12 * 60, mealEndMinute: 13 * 60 + 30)
private let late = ShiftTimes(startMinute: 16 * 60, endMinute: 24 * 60, cleaningDuty: true)
private let night = ShiftTimes(startMinute: 0, endMinute: 8 * 60)

private func day(_ iso: String) -> CivilDay { CivilDay(iso: iso)! }
private func shift(_ id: String, _ user: String, _ iso: String, _ t: ShiftTimes = early, swapped: Bool = false) -> RosterShift {
    RosterShift(entryId: id, userId: user, day: day(iso), times: t, swapped: swapped)
}
private func swap(_ a: String, _ b: String, _ days: String...) -> ActiveSwap {
    ActiveSwap(requesterId: a, counterpartId: b, requesterEntryId: "x" + days.joined(), counterpartEntryId: "y" + days.joined(), days: days.map(day))
}

@Suite("Shift swap and leave rules (SHF-05..10, SHF-13, D13)")
struct ShiftSwapPolicyTests {
    @Test func aPlainSwapPasses() {
        let mine = shift("m", "ann", "2026-11-10"), theirs = shift("t", "bo", "2026-11-12")
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: [], calendar: calendar) == nil)
    }

    @Test func samePersonIsRefused() {
        let a = shift("m", "ann", "2026-11-10"), b = shift("t", "ann", "2026-11-12")
        #expect(ShiftSwapPolicy.check(mine: a, theirs: b, shifts: [a, b], swaps: [], calendar: calendar) == .sameUser)
    }

    /// D13: 放假 days from the shipped calendar are holiday duty; 调休 Saturdays are working days and may be swapped.
    @Test(arguments: [
        ("2026-02-15", "2026-02-10", ShiftSwapPolicy.Refusal.holidayDuty as ShiftSwapPolicy.Refusal?), // 春节
        ("2026-02-10", "2026-02-23", .holidayDuty), // last day of 春节
        ("2026-10-01", "2026-09-29", .holidayDuty), // 国庆节, either side
        ("2026-02-14", "2026-02-10", nil), // 调休上班 Saturday
        ("2026-02-28", "2026-02-26", nil), // 调休上班 Saturday
        ("2026-11-07", "2026-11-10", nil), // plain Saturday: not a holiday
        ("2025-01-01", "2025-01-03", .holidayDuty), // 元旦 2025
    ])
    func holidayDuty(_ a: String, _ b: String, _ expected: ShiftSwapPolicy.Refusal?) {
        let mine = shift("m", "ann", a), theirs = shift("t", "bo", b)
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: [], calendar: calendar) == expected)
    }

    @Test func aFourthSwapInAMonthIsRefusedForEitherPerson() {
        let mine = shift("m", "ann", "2026-11-20"), theirs = shift("t", "bo", "2026-11-24")
        let three = [swap("ann", "cy", "2026-11-02", "2026-11-04"), swap("dee", "ann", "2026-11-08", "2026-11-06"), swap("ann", "ed", "2026-11-12", "2026-11-14")]
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: three, calendar: calendar) == .swapLimitReached)
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: Array(three.prefix(2)), calendar: calendar) == nil)
        let bos = three.map { ActiveSwap(requesterId: $0.requesterId == "ann" ? "bo" : $0.requesterId, counterpartId: $0.counterpartId == "ann" ? "bo" : $0.counterpartId,
                                         requesterEntryId: $0.requesterEntryId, counterpartEntryId: $0.counterpartEntryId, days: $0.days) }
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: bos, calendar: calendar) == .swapLimitReached)
    }

    /// Month boundaries: a swap counts in each calendar month one of its shifts falls in; October's swaps do not
    /// count in November.
    @Test func theLimitCountsPerCalendarMonth() {
        let october = [swap("ann", "cy", "2026-10-12", "2026-10-14"), swap("ann", "cy", "2026-10-20", "2026-10-22"), swap("ann", "cy", "2026-10-26", "2026-10-28")]
        let mine = shift("m", "ann", "2026-11-10"), theirs = shift("t", "bo", "2026-11-12")
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: october, calendar: calendar) == nil)
        // A swap across the boundary (Oct 31 ↔ Nov 3) counts in October, where three are used.
        let across = shift("m2", "ann", "2026-10-31"), novTheirs = shift("t2", "bo", "2026-11-03")
        #expect(ShiftSwapPolicy.check(mine: across, theirs: novTheirs, shifts: [across, novTheirs], swaps: october, calendar: calendar) == .swapLimitReached)
        // December 31 ↔ January 2 of the next year: each month counted on its own.
        let dec = [swap("ann", "cy", "2026-12-03", "2026-12-05"), swap("ann", "cy", "2026-12-10", "2026-12-12"), swap("ann", "cy", "2026-12-17", "2026-12-19")]
        let newYear = shift("m3", "ann", "2027-01-05"), newYearTheirs = shift("t3", "bo", "2027-01-07")
        #expect(ShiftSwapPolicy.check(mine: newYear, theirs: newYearTheirs, shifts: [newYear, newYearTheirs], swaps: dec, calendar: calendar) == nil)
        let dec31 = shift("m4", "ann", "2026-12-31"), jan = shift("t4", "bo", "2027-01-05")
        #expect(ShiftSwapPolicy.check(mine: dec31, theirs: jan, shifts: [dec31, jan], swaps: dec, calendar: calendar) == .swapLimitReached)
    }

    @Test func consecutiveSwapsAreRefused() {
        let mine = shift("m", "ann", "2026-11-10"), theirs = shift("t", "bo", "2026-11-16")
        // A shift that already changed hands by a swap is not swapped again.
        let swappedMine = shift("m", "ann", "2026-11-10", swapped: true)
        #expect(ShiftSwapPolicy.check(mine: swappedMine, theirs: theirs, shifts: [swappedMine, theirs], swaps: [], calendar: calendar) == .consecutiveSwap)
        // A shift already in a pending swap.
        let pending = ActiveSwap(requesterId: "cy", counterpartId: "bo", requesterEntryId: "c1", counterpartEntryId: "t", days: [day("2026-11-03"), day("2026-11-16")])
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: [pending], calendar: calendar) == .consecutiveSwap)
        // Another swap of the requester the day before.
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: [swap("ann", "cy", "2026-11-09", "2026-11-03")], calendar: calendar) == .consecutiveSwap)
        // … of the counterpart the day after its shift.
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: [swap("dee", "bo", "2026-11-25", "2026-11-17")], calendar: calendar) == .consecutiveSwap)
        // Two days apart is not consecutive.
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs], swaps: [swap("ann", "cy", "2026-11-08", "2026-11-03")], calendar: calendar) == nil)
    }

    @Test func backToBackShiftsForEitherPartyAreRefused() {
        // Ann takes Bo's late shift on the 10th but keeps her own night shift on the 11th: 16:00–24:00 then 00:00 (连班).
        let mine = shift("m", "ann", "2026-11-12"), theirs = shift("t", "bo", "2026-11-10", late)
        let annNight = shift("n", "ann", "2026-11-11", night)
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: theirs, shifts: [mine, theirs, annNight], swaps: [], calendar: calendar) == .backToBackShift)
        // The counterpart gets Ann's early shift on the 12th right after his own night shift on the 12th (00:00–08:00).
        let boNight = shift("bn", "bo", "2026-11-12", night)
        let plainTheirs = shift("t", "bo", "2026-11-16")
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: plainTheirs, shifts: [mine, plainTheirs, boNight], swaps: [], calendar: calendar) == .backToBackShift)
        // A late shift then the next day's early shift leaves 8 hours: allowed.
        let boLate = shift("bl", "bo", "2026-11-11", late)
        #expect(ShiftSwapPolicy.check(mine: mine, theirs: plainTheirs, shifts: [mine, plainTheirs, boLate], swaps: [], calendar: calendar) == nil)
        // The shift given away does not count: Ann's own early shift on the 12th leaves her roster.
        #expect(!ShiftSwapPolicy.hasBackToBack([shift("a", "ann", "2026-11-11", late), shift("b", "ann", "2026-11-12")]))
        #expect(ShiftSwapPolicy.hasBackToBack([shift("a", "ann", "2026-11-12", early), shift("b", "ann", "2026-11-12", late)]))
    }

    @Test func leaveIsRefusedOnSwappedShiftsAndHolidayDuty() {
        #expect(LeavePolicy.check(shift("a", "ann", "2026-11-10"), inPendingSwap: false, calendar: calendar) == nil)
        #expect(LeavePolicy.check(shift("a", "ann", "2026-11-10", swapped: true), inPendingSwap: false, calendar: calendar) == .swappedShift)
        #expect(LeavePolicy.check(shift("a", "ann", "2026-11-10"), inPendingSwap: true, calendar: calendar) == .swappedShift)
        #expect(LeavePolicy.check(shift("a", "ann", "2026-10-03"), inPendingSwap: false, calendar: calendar) == .holidayDuty)
        #expect(LeavePolicy.check(shift("a", "ann", "2026-10-10"), inPendingSwap: false, calendar: calendar) == nil) // 调休上班
    }

    @Test func shiftTimesAndMealBreak() {
        #expect(ShiftTimes.minute("12:00") == 720)
        #expect(ShiftTimes.minute("24:00") == 1440)
        #expect(ShiftTimes.minute("24:01") == nil)
        #expect(ShiftTimes.minute("8:00") == nil)
        #expect(ShiftTimes.text(810) == "13:30")
        #expect(late.lengthMinutes == 480)
        #expect(ShiftTimes(startMinute: 22 * 60, endMinute: 6 * 60).lengthMinutes == 480)
        #expect(ShiftTimes.check(start: 480, end: 960, mealStart: 720, mealEnd: 810) == nil)
        #expect(ShiftTimes.check(start: 480, end: 960, mealStart: 720, mealEnd: 780) == .mealNotTwoHalfHours)
        #expect(ShiftTimes.check(start: 960, end: 1440, mealStart: 720, mealEnd: 810) == .mealOutsideShift)
        #expect(ShiftTimes.check(start: 480, end: 480, mealStart: nil, mealEnd: nil) == .emptyShift)
        #expect(ShiftTimes.spansDefaultMeal(start: 480, end: 960))
        #expect(!ShiftTimes.spansDefaultMeal(start: 960, end: 1440))
    }
}
