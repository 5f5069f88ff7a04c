/// Training, attendance and staff qualifications (#15.4; SPEC TRN-01..03; seed 总述 方面4 方案4, 篇6 §一.4–5, 篇12 职责一.11).
/// Pure rules: who plans, records and approves; which months lack a training; which agents type too slowly; which
/// certificates are about to expire.
public enum TrainingRules {
    // MARK: roles

    /// TRN-01: sessions and attendance are recorded by the unit's supervisors and managers (客服主管, 客服经理, 部门主管/经理),
    /// who also keep their staff's qualification records (TRN-03); administrators.
    public static let organisers: Set<Role> = [.admin, .csSupervisor, .csManager, .deptSupervisor, .deptManager]
    /// TRN-02: the training plan is written by the customer-service supervisor (客服主管; 部门主管 where a unit has no CS supervisor).
    public static let planAuthors: Set<Role> = [.admin, .csSupervisor, .deptSupervisor]
    /// TRN-02: … and approved by the management office director (管理处主任), in Kefu's roles the unit's manager:
    /// 客服经理 or 业务部经理; administrators. Nobody approves a plan they wrote.
    public static let planApprovers: Set<Role> = [.admin, .csManager, .deptManager]
    /// Who reads the training plans: their authors and approvers.
    public static let planReaders: Set<Role> = planAuthors.union(planApprovers)
    /// TRN-03: the typing requirement applies to the agents (客服代表).
    public static let typingRequiredRoles: Set<Role> = [.csAgent]
    /// TRN-01: the customer-service team that must train monthly: a unit with a member holding one of these roles.
    public static let trainedTeamRoles: Set<Role> = [.csAgent, .csSupervisor, .csManager]

    // MARK: TRN-03 thresholds

    /// TRN-03, 篇6 §一.5: 五笔输入法, at least 80 characters a minute.
    public static let minimumTypingSpeed = 80
    /// Certificates expiring within this many days (or expired) are alerted.
    public static let certificateWarningDays = 30

    // MARK: attendance

    public enum Attendance: String, CaseIterable, Sendable {
        case present, absent, excused
    }

    /// An attendance score is a whole number 0…100 (an examination after the session), optional.
    public static func isValidScore(_ score: Int) -> Bool { (0...100).contains(score) }

    /// TRN-01: a session counts as held when at least one person attended it.
    public static func isHeld(presentCount: Int) -> Bool { presentCount > 0 }

    // MARK: months (TRN-01)

    /// A calendar month (shared: `CivilMonth`, KefuDomain/Calendar).
    public typealias Month = CivilMonth

    /// At most two years of months in one gap report.
    public static let maximumMonths = 24

    /// The months from `from` to `to`, both included; nil when `to` is before `from` or the span is longer than allowed.
    public static func months(from: Month, to: Month) -> [Month]? {
        guard from <= to, to.index - from.index < maximumMonths else { return nil }
        var out: [Month] = []
        var m = from
        while m <= to { out.append(m); m = m.next }
        return out
    }

    /// TRN-01 for one unit and month.
    public enum MonthStatus: String, Sendable {
        /// At least one session held.
        case covered
        /// The month is over and no session was held: flagged.
        case gap
        /// The month is not over yet (or still to come) and no session was held so far: not yet a gap.
        case open
    }

    /// A month whose last day is before `today` is over; without a held session it is a gap.
    public static func monthStatus(_ month: Month, heldSessions: Int, today: CivilDay) -> MonthStatus {
        if heldSessions > 0 { return .covered }
        return month.last < today ? .gap : .open
    }

    // MARK: qualifications (TRN-03)

    /// The national Putonghua proficiency levels (普通话水平测试): 一级甲等 … 三级乙等.
    public static let mandarinLevels: [(code: String, zh: String, en: String)] = [
        ("1A", "一级甲等", "Level 1-A"), ("1B", "一级乙等", "Level 1-B"), ("2A", "二级甲等", "Level 2-A"),
        ("2B", "二级乙等", "Level 2-B"), ("3A", "三级甲等", "Level 3-A"), ("3B", "三级乙等", "Level 3-B"),
    ]

    public static func isMandarinLevel(_ code: String) -> Bool { mandarinLevels.contains { $0.code == code } }

    public enum TypingFlag: String, Sendable {
        /// Tested below 80 characters a minute.
        case belowRequired = "below_required"
        /// Never tested.
        case notRecorded = "not_recorded"
    }

    /// TRN-03: an agent must type at least 80 characters a minute; other roles are not flagged.
    public static func typingFlag(speed: Int?, roles: Set<Role>) -> TypingFlag? {
        guard !roles.isDisjoint(with: typingRequiredRoles) else { return nil }
        guard let speed else { return .notRecorded }
        return speed < minimumTypingSpeed ? .belowRequired : nil
    }

    public enum CertificateStatus: String, Sendable {
        case valid, expiring, expired
        /// No expiry date (a lifelong certificate).
        case permanent
    }

    /// TRN-03 (持证上岗): a certificate is valid through its expiry date; it is `expiring` from 30 days before that date
    /// up to and including the date itself, and `expired` from the day after.
    public static func certificateStatus(expiresOn: CivilDay?, today: CivilDay) -> CertificateStatus {
        guard let expiresOn else { return .permanent }
        if expiresOn < today { return .expired }
        return expiresOn.number - today.number <= certificateWarningDays ? .expiring : .valid
    }

    /// Whether a certificate needs an alert.
    public static func needsAlert(_ status: CertificateStatus) -> Bool { status == .expiring || status == .expired }

    // MARK: the plan (TRN-02)

    public enum PlanStatus: String, CaseIterable, Sendable {
        case draft, submitted, approved, returned
    }

    public enum PlanStep: String, CaseIterable, Sendable {
        case submit, approve, `return`
    }

    /// TRN-02: draft or returned → submitted (by its author) → approved or returned (by the director).
    public static func next(after status: PlanStatus, _ step: PlanStep) -> PlanStatus? {
        switch (status, step) {
        case (.draft, .submit), (.returned, .submit): return .submitted
        case (.submitted, .approve): return .approved
        case (.submitted, .return): return .returned
        default: return nil
        }
    }

    /// Who may take a step: a plan author of the unit submits (the unit's supervisors share its plan), an approver other
    /// than the plan's author decides.
    public static func mayTake(_ step: PlanStep, roles: Set<Role>, isAuthor: Bool) -> Bool {
        switch step {
        case .submit: return !roles.isDisjoint(with: planAuthors)
        case .approve, .return: return !roles.isDisjoint(with: planApprovers) && !isAuthor
        }
    }
}
