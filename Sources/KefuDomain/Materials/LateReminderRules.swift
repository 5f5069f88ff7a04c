/// #13 late reminders (decisions of the loose ends, where SPEC and the seed are silent on a deadline):
/// - LND-02: a tool loan still open after its due date is overdue (from the calendar day after it, as the register
///   counts); the site lead who keeps the loan form (LND-01) and whoever lent it are told once per loan and due date.
/// - FRT-04..06: a freight record awaiting its department's approval longer than **2 working days** (on the working-day
///   calendar of #3, SLA-05) is told once to the people who may decide it. The seed asks for a per-shipment
///   application but gives no deadline; two working days keep a reimbursement inside the week it was shipped.
public enum LateReminderRules {
    /// The working days a freight approval may wait: the whole day it was recorded on, then two working days.
    public static let freightApprovalWorkingDays = 2

    /// The instant a freight approval becomes late: the start of the day after the second working day following the
    /// day it was recorded (recorded Monday → late from Thursday 00:00; recorded Friday → late from Wednesday 00:00).
    public static func freightApprovalLateAt(recordedAt: Int64, calendar: WorkCalendar) -> Int64 {
        let last = calendar.adding(workingDays: freightApprovalWorkingDays, to: calendar.day(of: recordedAt))
        return calendar.startOfDay(last.adding(days: 1))
    }

    /// LND-02: open after its due date (the day after `dueOn` or later).
    public static func loanOverdue(dueOn: CivilDay, today: CivilDay) -> Bool { dueOn < today }
}
