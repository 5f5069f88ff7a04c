/// Penalty records of quality inspection (#15.5; SPEC KPI-02, CMP-17; seed 篇7 §三.3): a telephone answered after more
/// than three rings, and every third verified complaint about an agent's service attitude, produce a penalty record;
/// an inspection may propose one. The department supervisor confirms or waives each proposal with a reason.
public enum QualityPenaltyRules {
    /// KPI-02: the telephone is answered within three rings (响铃三声之内接听).
    public static let maximumRings = 3

    /// KPI-02: more than three rings before the answer is a penalty; three is not.
    public static func isLateAnswer(rings: Int) -> Bool { rings > maximumRings }

    /// KPI-02, CMP-17: three verified complaints about one agent make one penalty record.
    public static let complaintsPerPenalty = 3

    /// How many complaint penalty records `verified` complaints call for: one for each complete group of three
    /// (the 3rd, the 6th, …). The n-th record's key is fixed, so a repeated pass yields each exactly once.
    public static func complaintPenaltiesDue(verified: Int) -> Int { max(0, verified) / complaintsPerPenalty }

    /// Where a penalty record comes from.
    public enum Source: String, CaseIterable, Codable, Sendable {
        case lateAnswer = "late_answer"
        case complaints
        case inspection
    }

    public enum Status: String, CaseIterable, Codable, Sendable {
        case proposed, confirmed, waived
    }

    public enum Step: String, CaseIterable, Sendable {
        case confirm, waive
    }

    /// Proposed → confirmed or waived; a decided record stays as it is.
    public static func next(after status: Status, _ step: Step) -> Status? {
        guard status == .proposed else { return nil }
        return step == .confirm ? .confirmed : .waived
    }

    /// CMP-17: the department supervisor decides (客服主管 or 部门主管), or a manager above them, or an administrator.
    public static let deciders: Set<Role> = [.admin, .csSupervisor, .deptSupervisor, .csManager, .deptManager]
    /// The register is read by the deciders and the inspectors (an agent reads its own records).
    public static let registerReaders: Set<Role> = deciders.union(InspectionScoring.inspectors)

    /// A decision carries a reason of 1…500 characters.
    public static let maximumReason = 500

    /// What counts against the agent on its scorecard: proposed and confirmed records (a waived one does not). A
    /// proposal counts until it is waived, so an undecided month is not better than a decided one.
    public static func counts(_ status: Status) -> Bool { status != .waived }
}
