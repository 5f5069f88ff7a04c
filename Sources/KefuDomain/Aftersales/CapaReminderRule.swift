/// #11.4 CAPA reminders: a corrective and preventive action is carried out by its due date (CMP-09, CMP-12). Its owner
/// (who planned it for the responsible department) and the complaint's owner are told once when it falls due within
/// one working day, and once when it is overdue. Working days follow the calendar (SLA-05: weekends, 放假, 调休上班).
public enum CapaReminder: String, CaseIterable, Sendable {
    /// Due today or on the next working day.
    case dueSoon = "due_soon"
    /// The due date has passed (D11: a date is a whole local day; overdue from the day after).
    case overdue
}

public enum CapaReminderRule {
    /// The complaint states in which its current round of actions is running (SPEC 4.7).
    public static let running: Set<ComplaintStatus> = [.actionPlanned, .awaitingConfirmation, .actionInProgress]

    /// The last due date that is "due within one working day" on `today`: the next working day after it.
    public static func horizon(today: CivilDay, calendar: WorkCalendar) -> CivilDay {
        calendar.adding(workingDays: 1, to: today)
    }

    /// Which reminder an action due on `due` calls for on `today`, if any.
    public static func due(_ due: CivilDay, today: CivilDay, calendar: WorkCalendar) -> CapaReminder? {
        if due < today { return .overdue }
        return due <= horizon(today: today, calendar: calendar) ? .dueSoon : nil
    }

    /// The reminder to send now, given those already sent for the action: each at most once; none once it is overdue
    /// and told so (an action first seen overdue is told only that).
    public static func toSend(due: CivilDay, today: CivilDay, calendar: WorkCalendar, alreadySent: Set<CapaReminder>) -> CapaReminder? {
        guard let reminder = Self.due(due, today: today, calendar: calendar), !alreadySent.contains(reminder) else { return nil }
        return reminder
    }

    /// Who is told: the action's owner and the complaint's owner, each once.
    public static func recipients(actionOwner: String, complaintOwner: String?) -> [String] {
        guard let complaintOwner, complaintOwner != actionOwner else { return [actionOwner] }
        return [actionOwner, complaintOwner]
    }
}
