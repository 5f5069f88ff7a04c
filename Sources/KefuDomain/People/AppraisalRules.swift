/// #15.5 KPI-04 (seed 篇7 §二(一).5): a department head keeps the appraisal of its subordinates and writes a reward and
/// penalty plan (考核奖惩方案) for a month; the plan takes effect only once the general manager (总经理) approves it.
/// Pure rules: who writes, who approves, the states and steps, and what a plan line may hold.
public enum AppraisalRules {
    // MARK: roles

    /// KPI-04: the department heads who appraise their subordinates: 客服经理, 业务部经理, and 客服主管 for their unit.
    public static let authors: Set<Role> = [.csManager, .deptManager, .csSupervisor]
    /// KPI-04: only the general manager makes a plan effective (or returns it); never the plan's own author.
    public static let approvers: Set<Role> = [.generalManager]
    /// Who reads a unit's plans: their authors, the general manager, and administrators (read only: an administrator
    /// neither writes nor approves a plan — decided: KPI-04 names the department head and the GM).
    public static let readers: Set<Role> = authors.union(approvers).union([.admin])

    // MARK: states (KPI-04)

    public enum Status: String, CaseIterable, Sendable {
        /// Being written (or rewritten after a return); counts nowhere.
        case draft
        /// Waiting for the general manager; counts nowhere.
        case submitted
        /// Approved by the general manager: the only state that counts.
        case effective
        /// Sent back by the general manager with a reason; editable again, counts nowhere.
        case returned

        /// The plan's lines may be changed (by a head of its unit).
        public var editable: Bool { self == .draft || self == .returned }
        /// KPI-04: only an approved plan counts anywhere (an agent sees its lines, reports sum them).
        public var counts: Bool { self == .effective }
    }

    public enum Step: String, CaseIterable, Sendable {
        case submit, approve, `return`
    }

    public enum Refusal: String, Sendable, Equatable {
        /// The caller's role may not take this step (a non-head submits, a non-GM decides).
        case notAllowed = "not_allowed"
        /// The general manager wrote the plan himself: nobody approves their own plan.
        case ownPlan = "own_plan"
        /// The plan is not in a state for this step.
        case wrongState = "plan_state"
        /// A return needs its reason.
        case reasonMissing = "reason_missing"
    }

    /// KPI-04: draft or returned → submitted (by a head of the unit) → effective or returned (by the general manager).
    public static func next(after status: Status, _ step: Step) -> Status? {
        switch (status, step) {
        case (.draft, .submit), (.returned, .submit): return .submitted
        case (.submitted, .approve): return .effective
        case (.submitted, .return): return .returned
        default: return nil
        }
    }

    /// Whether `roles` may take `step` on a plan in `status`; nil when allowed. The scope (the plan's unit under the
    /// caller's) is checked by the caller of this rule.
    public static func check(_ step: Step, status: Status, roles: Set<Role>, isAuthor: Bool, reason: String = "") -> Refusal? {
        switch step {
        case .submit:
            guard !roles.isDisjoint(with: authors) else { return .notAllowed }
        case .approve, .return:
            guard !roles.isDisjoint(with: approvers) else { return .notAllowed }
            if isAuthor { return .ownPlan }
        }
        guard next(after: status, step) != nil else { return .wrongState }
        if step == .return && reason.isEmpty { return .reasonMissing }
        return nil
    }

    /// The steps open to `roles` on a plan in `status` (for the page's buttons and the API's `actions`).
    public static func steps(status: Status, roles: Set<Role>, isAuthor: Bool) -> [Step] {
        Step.allCases.filter { check($0, status: status, roles: roles, isAuthor: isAuthor, reason: "x") == nil }
    }

    // MARK: lines

    /// A line rewards (奖励) or penalises (处罚) one subordinate.
    public enum Kind: String, CaseIterable, Sendable {
        case reward, penalty

        /// "reward", "penalty", and as typed on the page: 奖 / 奖励 / 罚 / 处罚 / 罚款.
        public init?(typed: String) {
            switch typed.trimmingCharacters(in: .whitespaces).lowercased() {
            case "reward", "奖", "奖励": self = .reward
            case "penalty", "罚", "处罚", "罚款": self = .penalty
            default: return nil
            }
        }
    }

    /// Decided (the seed names no ceiling): one line is at least 0.01 yuan and at most 100,000.00 yuan.
    public static let maxLineFen: Int64 = 10_000_000
    /// At most 200 lines in one plan (a unit's subordinates for one month).
    public static let maxLines = 200
    public static let maxReasonLength = 500
    public static let maxEvidenceLength = 100

    /// An amount in yuan as typed ("200", "1,500.50", "¥300元"), in fen; nil when it is not a positive exact amount
    /// of at most two decimals within the ceiling.
    public static func amountFen(_ typed: String) -> Int64? {
        guard let fen = Yuan.fen(typed), fen > 0, fen <= maxLineFen else { return nil }
        return fen
    }

    /// A plan's net effect for one person: rewards minus penalties, in fen (exact).
    public static func net(_ lines: [(kind: Kind, fen: Int64)]) -> Int64 {
        lines.reduce(0) { $0 + ($1.kind == .reward ? $1.fen : -$1.fen) }
    }
}
