/// A person's shift on one day as the swap and leave rules see it (SHF-06..10).
public struct RosterShift: Equatable, Sendable {
    public let entryId: String
    public let userId: String
    public let day: CivilDay
    public let times: ShiftTimes
    /// The entry changed hands by an effective swap (a swapped or payback shift, 换班/还班).
    public let swapped: Bool

    public init(entryId: String, userId: String, day: CivilDay, times: ShiftTimes, swapped: Bool = false) {
        self.entryId = entryId
        self.userId = userId
        self.day = day
        self.times = times
        self.swapped = swapped
    }
}

/// A swap already asked for or in effect (rejected ones are forgotten): the two people and the days of both shifts.
public struct ActiveSwap: Equatable, Sendable {
    public let requesterId: String
    public let counterpartId: String
    public let requesterEntryId: String
    public let counterpartEntryId: String
    public let days: [CivilDay]

    public init(requesterId: String, counterpartId: String, requesterEntryId: String, counterpartEntryId: String, days: [CivilDay]) {
        self.requesterId = requesterId
        self.counterpartId = counterpartId
        self.requesterEntryId = requesterEntryId
        self.counterpartEntryId = counterpartEntryId
        self.days = days
    }

    public func involves(_ userId: String) -> Bool { requesterId == userId || counterpartId == userId }
}

/// The seed's swap rules (篇6 §七), checked when a swap is requested (4.9: "refused at request if it breaks SHF-07..10").
/// Codes as API.md: `holiday_duty`, `consecutive_swap`, `swap_limit_reached`, `back_to_back_shift`.
public enum ShiftSwapPolicy {
    /// SHF-07: at most 3 swaps per person per calendar month.
    public static let monthlyLimit = 3
    /// SHF-08 连班 (decision: the seed gives no rest time): two shifts of one person with less than 8 hours between the
    /// end of one and the start of the next (or overlapping) are back to back.
    public static let minimumRestMinutes = 8 * 60

    public enum Refusal: String, Equatable, Sendable, CaseIterable {
        case holidayDuty = "holiday_duty"
        case consecutiveSwap = "consecutive_swap"
        case swapLimitReached = "swap_limit_reached"
        case backToBackShift = "back_to_back_shift"
        case sameUser = "same_person"
    }

    /// `yyyy-mm` of a day.
    public static func monthKey(_ day: CivilDay) -> String { String(day.iso.prefix(7)) }

    /// Checks a requested swap of `mine` (the requester's shift) and `theirs` (the counterpart's shift). `shifts`: both
    /// people's roster around the two days (at least the day before and after each); `swaps`: the active swaps of
    /// both people in the months concerned; `calendar`: the shipped working-day calendar (D13: 放假 days are holiday duty).
    public static func check(mine: RosterShift, theirs: RosterShift, shifts: [RosterShift], swaps: [ActiveSwap],
                             calendar: HolidaySchedule) -> Refusal? {
        guard mine.userId != theirs.userId else { return .sameUser }
        // SHF-10, D13: staff on holiday duty may not swap — neither shift may fall on a 放假 day.
        if calendar.kind(of: mine.day).kind == .holiday || calendar.kind(of: theirs.day).kind == .holiday { return .holidayDuty }
        // SHF-08 连续换班 (decision): a shift already swapped, or already in a pending swap, is not swapped again; nor may
        // either person swap a shift within a day of a shift of another of their swaps (swaps on consecutive days).
        let people = [mine.userId, theirs.userId]
        let entries: Set<String> = [mine.entryId, theirs.entryId]
        if mine.swapped || theirs.swapped { return .consecutiveSwap }
        for s in swaps where !entries.isDisjoint(with: [s.requesterEntryId, s.counterpartEntryId]) { return .consecutiveSwap }
        for person in people {
            for s in swaps where s.involves(person) {
                for d in s.days { for n in [mine.day, theirs.day] where abs(d.number - n.number) <= 1 { return .consecutiveSwap } }
            }
        }
        // SHF-07: the new swap counts in each calendar month one of its shifts falls in, for both people.
        let months = Set([monthKey(mine.day), monthKey(theirs.day)])
        for person in people {
            for month in months {
                let used = swaps.filter { $0.involves(person) && $0.days.contains { monthKey($0) == month } }.count
                if used >= monthlyLimit { return .swapLimitReached }
            }
        }
        // SHF-08 连班: after the swap, neither person's shifts may run back to back.
        let after = shifts.filter { !entries.contains($0.entryId) }
        let mineAfter = after.filter { $0.userId == mine.userId } + [theirs]
        let theirsAfter = after.filter { $0.userId == theirs.userId } + [mine]
        if hasBackToBack(mineAfter) || hasBackToBack(theirsAfter) { return .backToBackShift }
        return nil
    }

    /// Whether any two of one person's shifts overlap or leave less than `minimumRestMinutes` between them.
    public static func hasBackToBack(_ shifts: [RosterShift]) -> Bool {
        let spans = shifts.map { $0.times.interval(on: $0.day) }.sorted { $0.start < $1.start }
        guard spans.count > 1 else { return false }
        for i in 1..<spans.count where spans[i].start - spans[i - 1].end < minimumRestMinutes { return true }
        return false
    }
}

/// Leave on a shift (SHF-05, SHF-09, SHF-10). API code of each refusal.
public enum LeavePolicy {
    public enum Refusal: String, Equatable, Sendable {
        /// SHF-10, D13: the shift is holiday duty (a 放假 day).
        case holidayDuty = "holiday_duty"
        /// SHF-09: the shift is a swapped or payback shift (换班和还班均不得请假), or in a pending swap.
        case swappedShift = "swapped_shift"
    }

    public static func check(_ shift: RosterShift, inPendingSwap: Bool, calendar: HolidaySchedule) -> Refusal? {
        if calendar.kind(of: shift.day).kind == .holiday { return .holidayDuty }
        if shift.swapped || inPendingSwap { return .swappedShift }
        return nil
    }
}

/// Who acts on rosters, swaps and leave (SHF-01, SHF-05, SHF-06), always within their unit and below.
public enum RosterRoles {
    /// SHF-01: supervisors keep the duty roster (客服主管, 部门主管) and managers above them; administrators.
    public static let planners: Set<Role> = [.admin, .csSupervisor, .csManager, .deptSupervisor, .deptManager]
    /// SHF-06: the department manager approves a swap form.
    public static let swapApprovers: Set<Role> = [.admin, .csManager, .deptManager]
    /// SHF-05: leave is approved by the superior (department supervisor or manager).
    public static let leaveApprovers: Set<Role> = [.admin, .csSupervisor, .csManager, .deptSupervisor, .deptManager]
    /// Every staff role (who may read its unit's roster).
    public static let staffRoles: Set<Role> = Set(Role.allCases.filter { $0 != .customer })
    /// Anyone on a roster: staff (not customers).
    public static func isStaff(_ roles: Set<Role>) -> Bool { !roles.isEmpty && !Role.isCustomerOnly(roles) }
}
