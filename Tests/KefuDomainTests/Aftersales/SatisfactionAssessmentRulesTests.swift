import KefuDomain
import Testing

/// #15.5 SAT-09: which outcome for which rate, the periods, the rectification deadline on the working-day calendar and
/// the steps of a notice.
@Suite("Satisfaction assessment (SAT-09)")
struct SatisfactionAssessmentRulesTests {
    static let calendar = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))

    @Test(arguments: [
        // (responses, satisfied, target bp) → outcome
        (10, 9, 9_000, SatisfactionOutcome.reward as SatisfactionOutcome?), // exactly at the target: reward
        (10, 10, 9_000, .reward),
        (3, 2, 6_667, .reward),        // 66.67% (rounded half up) meets 66.67
        (3, 2, 6_668, .corrective),    // one basis point short
        (10, 8, 9_000, .corrective),
        (1, 0, 0, .reward),            // a zero target is always met
        (0, 0, 9_000, nil),            // no returned forms: no outcome
    ])
    func outcome(responses: Int, satisfied: Int, target: Int, expected: SatisfactionOutcome?) {
        #expect(SatisfactionAssessmentRules.outcome(SatisfactionRate(responses: responses, satisfied: satisfied), targetBasisPoints: target) == expected)
    }

    @Test(arguments: [
        ("2026-11", "2026-11", "2026-11-01", "2026-11-30"),
        ("2026-02", "2026-02", "2026-02-01", "2026-02-28"),
        ("2024-02", "2024-02", "2024-02-01", "2024-02-29"),
        ("2026-q4", "2026-Q4", "2026-10-01", "2026-12-31"),
        ("2026-Q1", "2026-Q1", "2026-01-01", "2026-03-31"),
    ])
    func periods(raw: String, key: String, first: String, last: String) throws {
        let p = try #require(SatisfactionPeriod(raw))
        #expect(p.key == key && p.first.iso == first && p.last.iso == last)
    }

    @Test(arguments: ["2026-13", "2026-Q5", "2026-Q0", "26-11", "2026/11", "", "2026-11-01", "2026-Q44"])
    func badPeriods(raw: String) {
        #expect(SatisfactionPeriod(raw) == nil)
    }

    @Test func deadlineIsTenWorkingDaysOnTheCalendar() {
        // Monday 2026-03-02 + 10 working days: the weekends do not count.
        #expect(SatisfactionAssessmentRules.deadline(issuedOn: CivilDay(iso: "2026-03-02")!, calendar: Self.calendar).iso == "2026-03-16")
        // Across 春节 (2026-02-15..23 off): the holiday does not count, so the deadline is in March.
        let spring = SatisfactionAssessmentRules.deadline(issuedOn: CivilDay(iso: "2026-02-12")!, calendar: Self.calendar)
        #expect(spring > CivilDay(iso: "2026-03-01")!, "\(spring.iso)")
        // Late only after the deadline day.
        let due = CivilDay(iso: "2026-03-16")!
        #expect(!SatisfactionAssessmentRules.isLate(closedOn: due, deadline: due))
        #expect(SatisfactionAssessmentRules.isLate(closedOn: CivilDay(iso: "2026-03-17")!, deadline: due))
    }

    @Test func noticeSteps() {
        #expect(SatisfactionAssessmentRules.next(.issued, step: .acknowledge) == .acknowledged)
        #expect(SatisfactionAssessmentRules.next(.acknowledged, step: .close) == .closed)
        #expect(SatisfactionAssessmentRules.next(.issued, step: .close) == nil)      // acknowledged first
        #expect(SatisfactionAssessmentRules.next(.acknowledged, step: .acknowledge) == nil)
        #expect(SatisfactionAssessmentRules.next(.closed, step: .close) == nil)
        #expect(SatisfactionAssessmentRules.next(.recorded, step: .acknowledge) == nil) // a reward has no steps
    }

    @Test func whoAssessesAndWhoAnswers() {
        let root = "/r/", dept = "/r/cs/", other = "/r/cs2/"
        #expect(SatisfactionAssessmentRules.mayAssess([.csManager], userPath: root))
        #expect(!SatisfactionAssessmentRules.mayAssess([.csManager], userPath: dept))   // a department's manager does not assess
        #expect(!SatisfactionAssessmentRules.mayAssess([.csSupervisor], userPath: root))
        #expect(SatisfactionAssessmentRules.mayAnswer([.deptManager], userPath: dept, departmentPath: dept))
        #expect(SatisfactionAssessmentRules.mayAnswer([.csManager], userPath: dept, departmentPath: dept))
        #expect(!SatisfactionAssessmentRules.mayAnswer([.csManager], userPath: other, departmentPath: dept))
        #expect(!SatisfactionAssessmentRules.mayAnswer([.csAgent, .csSupervisor], userPath: dept, departmentPath: dept))
        #expect(SatisfactionAssessmentRules.mayAnswer([.admin], userPath: root, departmentPath: dept))
    }
}
