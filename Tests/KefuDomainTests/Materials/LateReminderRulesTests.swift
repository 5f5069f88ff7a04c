import Foundation
import KefuDomain
import Testing

/// #13 loose ends: when a freight approval becomes late (2 working days after the day it was recorded, on the shipped
/// calendar with its holidays and 调休 workdays), and when a tool loan is overdue (LND-02).
@Suite("Late reminders: freight approvals and tool loans (#13, FRT-04..06, LND-02)")
struct LateReminderRulesTests {
    static func bj(_ text: String) -> Int64 {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return Int64(f.date(from: text + ":00+08:00")!.timeIntervalSince1970 * 1000)
    }

    static let calendar = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))

    @Test(arguments: [
        // Monday → Tuesday and Wednesday are the two working days → late from Thursday 00:00.
        ("2026-11-02T10:00", "2026-11-05T00:00"),
        ("2026-11-02T23:59", "2026-11-05T00:00"),
        // Friday evening → Monday, Tuesday → late from Wednesday.
        ("2026-11-06T17:00", "2026-11-11T00:00"),
        // Before 国庆节: the holiday week does not count; Oct 8 and 9 do.
        ("2026-09-30T09:00", "2026-10-10T00:00"),
        // Friday before 春节: Saturday 02-14 is a 调休 workday, then the holiday, then Tuesday 02-24.
        ("2026-02-13T09:00", "2026-02-25T00:00"),
    ])
    func aFreightApprovalIsLateAfterTwoWorkingDays(recorded: String, late: String) {
        #expect(LateReminderRules.freightApprovalLateAt(recordedAt: Self.bj(recorded), calendar: Self.calendar) == Self.bj(late))
    }

    @Test func neverEarlierThan48Hours() {
        // The pass reads only records older than 48 hours; the rule must never make one late sooner.
        var t = Self.bj("2026-01-01T00:00")
        while t < Self.bj("2026-12-31T00:00") {
            #expect(LateReminderRules.freightApprovalLateAt(recordedAt: t, calendar: Self.calendar) - t >= 48 * 3_600_000)
            t += 7 * 3_600_000
        }
    }

    @Test func aLoanIsOverdueFromTheDayAfterItsDueDate() {
        let due = CivilDay(iso: "2026-11-10")!
        #expect(!LateReminderRules.loanOverdue(dueOn: due, today: due))
        #expect(LateReminderRules.loanOverdue(dueOn: due, today: due.adding(days: 1)))
        #expect(!LateReminderRules.loanOverdue(dueOn: due, today: due.adding(days: -1)))
    }
}
