/// Leaving the work area (离岗, SHF-12; seed 篇6 §四 现场纪律: "出入办公区不得超过规定时限，如有特殊情况需请示值班经理").
/// The seed names no time limit, so each unit sets its own (a unit without one inherits the nearest unit above it, else
/// `defaultAllowedMinutes`). Within the allowed time a leave is only logged; beyond it the duty manager approves it first.
public enum WorkAreaLeaveRules {
    /// Decision (the seed gives no number): 15 minutes, a break away from the seat without being a leave of absence.
    public static let defaultAllowedMinutes = 15
    /// Decision: longer than 4 hours (half a day shift) is leave (请假, SHF-05), not leaving the work area.
    public static let maxMinutes = 240
    /// The limit a unit may set.
    public static let allowedRange = 1...120
    /// Who is duty manager (值班经理): the CS supervisors and managers of the person's unit or above.
    public static let dutyManagers: Set<Role> = [.csSupervisor, .csManager]

    public enum Status: String, Sendable, CaseIterable {
        /// Beyond the allowed time: waiting for the duty manager.
        case requested
        /// Away from the work area (logged at once within the allowed time, or approved).
        case out
        case rejected
        /// Back; `overstayMinutes` says by how much the approved time was exceeded.
        case returned
    }

    /// The status a new request starts in: within the allowed time it is just logged (the person is away now).
    public static func initialStatus(minutes: Int, allowedMinutes: Int) -> Status {
        minutes <= allowedMinutes ? .out : .requested
    }

    /// Whole minutes beyond the approved time, 0 when back in time. Elapsed time counts started minutes only when
    /// complete: 15 min 59 s away on a 15-minute leave is not an overstay.
    public static func overstayMinutes(leftAtMillis: Int64, returnedAtMillis: Int64, minutes: Int) -> Int {
        let elapsed = Int(max(0, returnedAtMillis - leftAtMillis) / 60_000)
        return max(0, elapsed - minutes)
    }

    /// Who may decide a request: a duty-manager role covering the person's unit, not the person itself; when some duty
    /// manager of the unit is on duty now (rostered), only those on duty decide; when none is, any of them does.
    /// (Decision: the seed names the duty manager without saying who it is when nobody is rostered.)
    public static func mayDecide(deciderId: String, deciderRoles: Set<Role>, covers: Bool, requesterId: String,
                                 dutyManagersOnDuty: Set<String>) -> Bool {
        guard deciderId != requesterId, covers, !deciderRoles.isDisjoint(with: dutyManagers) else { return false }
        return dutyManagersOnDuty.isEmpty || dutyManagersOnDuty.contains(deciderId)
    }
}
