import KefuDomain
import Testing

/// #11.4: when a corrective action's owner is reminded (CMP-09, CMP-12), on the working-day calendar (SLA-05).
@Suite("CAPA due reminders (CMP-09, CMP-12)")
struct CapaReminderRuleTests {
    static let calendar = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))

    static func day(_ iso: String) -> CivilDay { CivilDay(iso: iso)! }

    @Test(arguments: [
        // (today, due) → reminder
        ("2026-03-09", "2026-03-11", nil as CapaReminder?),   // Monday, due Wednesday: two working days away
        ("2026-03-10", "2026-03-11", .dueSoon),               // Tuesday: due the next working day
        ("2026-03-11", "2026-03-11", .dueSoon),               // due today
        ("2026-03-12", "2026-03-11", .overdue),               // the day after
        ("2026-03-12", "2026-03-16", nil),                    // Thursday, due Monday: Friday comes first
        ("2026-03-13", "2026-03-16", .dueSoon),               // Friday, due Monday: the weekend is no working day
        ("2026-03-13", "2026-03-15", .dueSoon),               // due on a Sunday, before the next working day
        ("2026-02-13", "2026-02-24", nil),                    // Friday before 春节: Saturday 02-14 is a 调休 workday
        ("2026-02-14", "2026-02-24", .dueSoon),               // 调休 Saturday: next working day is 02-24, after the holiday
        ("2026-02-14", "2026-02-25", nil),
        ("2026-02-20", "2026-02-24", .dueSoon),               // inside the holiday
    ])
    func whichReminder(today: String, due: String, expected: CapaReminder?) {
        #expect(CapaReminderRule.due(Self.day(due), today: Self.day(today), calendar: Self.calendar) == expected)
    }

    @Test func eachReminderOnceAndOverdueOnlyOnceOverdue() {
        let due = Self.day("2026-03-11")
        func send(_ today: String, _ sent: Set<CapaReminder>) -> CapaReminder? {
            CapaReminderRule.toSend(due: due, today: Self.day(today), calendar: Self.calendar, alreadySent: sent)
        }
        #expect(send("2026-03-10", []) == .dueSoon)
        #expect(send("2026-03-10", [.dueSoon]) == nil)
        #expect(send("2026-03-11", [.dueSoon]) == nil)
        #expect(send("2026-03-12", [.dueSoon]) == .overdue)
        #expect(send("2026-03-20", [.dueSoon, .overdue]) == nil)
        // First seen overdue: told that only.
        #expect(send("2026-03-12", []) == .overdue)
        #expect(send("2026-03-13", [.overdue]) == nil)
    }

    @Test func theActionOwnerAndTheComplaintOwnerEachOnce() {
        #expect(CapaReminderRule.recipients(actionOwner: "p", complaintOwner: "c") == ["p", "c"])
        #expect(CapaReminderRule.recipients(actionOwner: "p", complaintOwner: "p") == ["p"])
        #expect(CapaReminderRule.recipients(actionOwner: "p", complaintOwner: nil) == ["p"])
    }
}
