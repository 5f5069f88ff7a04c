import KefuDomain
import Testing

private func day(_ iso: String) -> CivilDay { CivilDay(iso: iso)! }
private func month(_ text: String) -> TrainingRules.Month { TrainingRules.Month(text)! }

@Suite("Training, attendance and qualification rules (TRN-01..03)")
struct TrainingRulesTests {
    /// TRN-01: a month is a gap only once it is over; its last day still belongs to it, the first of the next does not.
    @Test(arguments: [
        ("2026-11", 0, "2026-11-30", TrainingRules.MonthStatus.open),   // the last day of the month: not over yet
        ("2026-11", 0, "2026-12-01", .gap),                              // the day after: over, flagged
        ("2026-11", 1, "2026-12-01", .covered),
        ("2026-12", 0, "2026-11-15", .open),                             // a month still to come
        ("2024-02", 0, "2024-02-29", .open),                             // leap day is February's last
        ("2024-02", 0, "2024-03-01", .gap),
        ("2026-12", 0, "2027-01-01", .gap),                              // across the year boundary
    ])
    func monthStatus(_ m: String, _ held: Int, _ today: String, _ expected: TrainingRules.MonthStatus) {
        #expect(TrainingRules.monthStatus(month(m), heldSessions: held, today: day(today)) == expected)
    }

    @Test func monthsParseAndSpan() {
        #expect(TrainingRules.Month("2026-11-30") == month("2026-11"))
        #expect(TrainingRules.Month("2026-13") == nil && TrainingRules.Month("2026-1") == nil && TrainingRules.Month("2026-02-30") == nil)
        #expect(month("2026-12").next.description == "2027-01" && month("2027-01").previous.description == "2026-12")
        #expect(month("2024-02").last == day("2024-02-29") && month("2026-02").last == day("2026-02-28"))
        #expect(TrainingRules.months(from: month("2026-11"), to: month("2027-02"))?.map(\.description) == ["2026-11", "2026-12", "2027-01", "2027-02"])
        #expect(TrainingRules.months(from: month("2027-01"), to: month("2026-12")) == nil)
        #expect(TrainingRules.months(from: month("2025-01"), to: month("2026-12"))?.count == 24)
        #expect(TrainingRules.months(from: month("2025-01"), to: month("2027-01")) == nil, "at most 24 months")
    }

    @Test func aSessionCountsOnceSomeoneAttended() {
        #expect(!TrainingRules.isHeld(presentCount: 0))
        #expect(TrainingRules.isHeld(presentCount: 1))
        #expect(TrainingRules.isValidScore(0) && TrainingRules.isValidScore(100) && !TrainingRules.isValidScore(101) && !TrainingRules.isValidScore(-1))
    }

    /// TRN-03: agents below 80 characters a minute are flagged, 80 itself passes; other roles carry no typing flag.
    @Test func typingFlag() {
        #expect(TrainingRules.typingFlag(speed: 79, roles: [.csAgent]) == .belowRequired)
        #expect(TrainingRules.typingFlag(speed: 80, roles: [.csAgent]) == nil)
        #expect(TrainingRules.typingFlag(speed: nil, roles: [.csAgent]) == .notRecorded)
        #expect(TrainingRules.typingFlag(speed: 30, roles: [.csSupervisor]) == nil)
        #expect(TrainingRules.typingFlag(speed: nil, roles: [.engineer]) == nil)
    }

    /// TRN-03: valid through the expiry day (alerted from 30 days before, the day itself included), expired the day after.
    @Test(arguments: [
        ("2026-12-01", "2026-12-01", TrainingRules.CertificateStatus.expiring), // expiring on the day
        ("2026-11-30", "2026-12-01", .expired),
        ("2026-12-31", "2026-12-01", .expiring),                                  // 30 days ahead
        ("2027-01-01", "2026-12-01", .valid),                                     // 31 days ahead
    ])
    func certificateStatus(_ expires: String, _ today: String, _ expected: TrainingRules.CertificateStatus) {
        #expect(TrainingRules.certificateStatus(expiresOn: day(expires), today: day(today)) == expected)
    }

    @Test func aCertificateWithoutExpiry() {
        #expect(TrainingRules.certificateStatus(expiresOn: nil, today: day("2026-12-01")) == .permanent)
        #expect(!TrainingRules.needsAlert(.permanent) && !TrainingRules.needsAlert(.valid) && TrainingRules.needsAlert(.expired) && TrainingRules.needsAlert(.expiring))
    }

    /// TRN-02: draft → submitted → approved or returned; a returned plan goes back in; nothing leaves `approved`.
    @Test func planStates() {
        #expect(TrainingRules.next(after: .draft, .submit) == .submitted)
        #expect(TrainingRules.next(after: .returned, .submit) == .submitted)
        #expect(TrainingRules.next(after: .submitted, .approve) == .approved)
        #expect(TrainingRules.next(after: .submitted, .return) == .returned)
        #expect(TrainingRules.next(after: .draft, .approve) == nil)
        for step in TrainingRules.PlanStep.allCases { #expect(TrainingRules.next(after: .approved, step) == nil) }
        #expect(TrainingRules.next(after: .submitted, .submit) == nil)
    }

    /// TRN-02: the CS supervisor writes and submits, the manager (office director) decides, never on a plan of their own.
    @Test func whoTakesAPlanStep() {
        #expect(TrainingRules.mayTake(.submit, roles: [.csSupervisor], isAuthor: true))
        #expect(!TrainingRules.mayTake(.submit, roles: [.csAgent], isAuthor: false))
        #expect(TrainingRules.mayTake(.approve, roles: [.csManager], isAuthor: false))
        #expect(!TrainingRules.mayTake(.approve, roles: [.csSupervisor], isAuthor: false))
        #expect(!TrainingRules.mayTake(.approve, roles: [.admin], isAuthor: true), "nobody approves their own plan")
        #expect(TrainingRules.mayTake(.return, roles: [.deptManager], isAuthor: false))
    }
}
