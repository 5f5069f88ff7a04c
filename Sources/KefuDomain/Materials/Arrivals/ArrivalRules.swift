/// Arrival checks (到货验收, SPEC ARR-01..07, #13.2): goods reaching a site are counted against the delivery note and
/// packing list before they are stored and booked; the check is due within 5 working days (ARR-06); goods without
/// papers are received provisionally once the production-warehouse shipper confirms (ARR-05).

/// Where the goods came from (API.md `materialRequestId` | `transferId` | `supplierId`).
public enum ArrivalSource: String, CaseIterable, Codable, Sendable {
    /// Against a material request (REQ); the request is another feature's record, kept by its id only.
    case materialRequest = "material_request"
    /// A transfer's goods (ARR-07: received like any delivery).
    case transfer
    /// A supplier's shipment.
    case supplier
}

/// checking (recorded, counted) → completed (the receipt drafted and linked).
public enum ArrivalStatus: String, CaseIterable, Codable, Sendable {
    case checking, completed
}

/// Where an open check stands against its clock (ARR-06).
public enum ArrivalClock: String, CaseIterable, Codable, Sendable {
    /// Due later than tomorrow.
    case running
    /// Due today or tomorrow.
    case dueSoon = "due_soon"
    /// Past its due time and not completed.
    case late
    /// Completed in time.
    case checkedInTime = "checked_in_time"
    /// Completed after its due time.
    case checkedLate = "checked_late"
}

public enum ArrivalRules {
    /// ARR-06, SLA-05: the check is done within 5 working days of arrival.
    public static let checkWorkingDays = 5

    /// Who records and completes a check: those who keep the warehouse's documents (DOC-08: the site keeper, the
    /// department accountant, the HQ materials office, an administrator), as `MaterialPermissions.canEditDocuments`.
    /// ARR-05: who confirms goods without papers — the production warehouse's shipper (decision #13.2: the `production`
    /// role; it ships to every site, so its confirmation is not limited to a unit).
    public static let confirmers: Set<Role> = [.production]

    /// ARR-06: the day by which the check is due — the 5th working day after the day of arrival on the working-day
    /// calendar (weekends, 放假, 调休上班); the check is in time until that day ends.
    public static func dueDay(arrivedOn day: CivilDay, calendar: WorkCalendar) -> CivilDay {
        calendar.adding(workingDays: checkWorkingDays, to: day)
    }

    /// The instant the check becomes late: the end of the due day in the organisation's time zone.
    public static func dueAt(arrivedAt: Int64, calendar: WorkCalendar) -> Int64 {
        calendar.startOfDay(dueDay(arrivedOn: calendar.day(of: arrivedAt), calendar: calendar).adding(days: 1))
    }

    /// ARR-05: an arrival without a delivery note and without a packing list has no papers.
    public static func hasPapers(deliveryNoteRef: String?, packingListRef: String?) -> Bool {
        !(deliveryNoteRef ?? "").isEmpty || !(packingListRef ?? "").isEmpty
    }

    /// ARR-02, ARR-04: a line whose counted quantity is not the expected one (short or over).
    public static func difference(expected: Quantity, counted: Quantity) -> Quantity {
        Quantity(milli: counted.milli - expected.milli)
    }

    /// ARR-04: what must be reported to the site chief and the department — any line short, over or damaged.
    public static func needsReport(_ lines: [(expected: Quantity, counted: Quantity, damaged: Bool)]) -> Bool {
        lines.contains { $0.damaged || $0.expected != $0.counted }
    }

    public enum Violation: Equatable, Sendable {
        /// A completed check takes no further step.
        case alreadyCompleted
        /// ARR-05: goods without papers wait for the production warehouse's confirmation.
        case awaitingConfirmation
        /// Confirmation is for goods without papers only, once.
        case confirmationNotNeeded
        /// A counted or expected quantity below zero, or a line that counts nothing at all.
        case badQuantity(line: Int)
        case noLines
    }

    /// ARR-01: the check is counted before it is booked; quantities are never negative, and a line expects or counts something.
    public static func validateLines(_ lines: [(expected: Quantity, counted: Quantity)]) -> Violation? {
        if lines.isEmpty { return .noLines }
        for (i, l) in lines.enumerated() where l.expected.isNegative || l.counted.isNegative || (l.expected.milli == 0 && l.counted.milli == 0) {
            return .badQuantity(line: i + 1)
        }
        return nil
    }

    /// Completion (ARR-01, ARR-05): not twice, and without papers only after the shipper's confirmation.
    public static func mayComplete(status: ArrivalStatus, provisional: Bool, confirmed: Bool) -> Violation? {
        if status == .completed { return .alreadyCompleted }
        if provisional, !confirmed { return .awaitingConfirmation }
        return nil
    }

    /// ARR-05: the shipper confirms an open provisional arrival, once.
    public static func mayConfirm(status: ArrivalStatus, provisional: Bool, confirmed: Bool) -> Violation? {
        if status == .completed { return .alreadyCompleted }
        if !provisional || confirmed { return .confirmationNotNeeded }
        return nil
    }

    /// Where a check stands at `now` (ARR-06). "Due soon": the due time is within the next two calendar days.
    public static func clock(status: ArrivalStatus, dueAt: Int64, completedAt: Int64?, now: Int64) -> ArrivalClock {
        if status == .completed, let completedAt { return completedAt <= dueAt ? .checkedInTime : .checkedLate }
        if now > dueAt { return .late }
        return dueAt - now <= 2 * 86_400_000 ? .dueSoon : .running
    }
}
