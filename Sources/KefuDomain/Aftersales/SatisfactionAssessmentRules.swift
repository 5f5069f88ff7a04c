/// SAT-09 (篇8 §5.10): each department's satisfaction for a period against the company quality target. At or above →
/// a reward record (奖励记录); below → a corrective-action notice (整改通知) and a criticism notice (通报批评) with a
/// rectification deadline (整改期限). Pure rules; the service applies them.
public enum SatisfactionOutcome: String, CaseIterable, Codable, Sendable {
    case reward
    case corrective
}

/// The state of an assessment record: a reward is only `recorded`; a notice is `issued`, then `acknowledged` by the
/// department, then `closed` with the rectification done.
public enum SatisfactionNoticeStatus: String, CaseIterable, Codable, Sendable {
    case recorded, issued, acknowledged, closed
}

/// A month ("2026-11") or a quarter ("2026-Q4") that an assessment covers.
public struct SatisfactionPeriod: Hashable, Sendable, CustomStringConvertible {
    public let key: String
    public let first: CivilDay
    public let last: CivilDay

    /// "YYYY-MM" or "YYYY-Qn"; nil for anything else.
    public init?(_ raw: String) {
        let text = raw.uppercased()
        if let m = CivilMonth(text), text.count == 7 {
            key = m.description; first = m.first; last = m.last
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), (1900...9999).contains(y), parts[1].count == 2, parts[1].first == "Q",
              let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
        key = "\(y)-Q\(q)"
        first = CivilMonth(year: y, month: (q - 1) * 3 + 1).first
        last = CivilMonth(year: y, month: q * 3).last
    }

    public var isQuarter: Bool { key.contains("Q") }
    public var description: String { key }
}

public enum SatisfactionAssessmentRules {
    /// Decision (#15.5, the seed says only "限期整改"): the department has 10 working days from the assessment, counted on
    /// the company's working-day calendar (holidays and 调休 Saturdays included).
    public static let rectificationWorkingDays = 10

    /// SAT-09: at or above the target → reward; below → corrective and criticism notices; no responses → no outcome.
    public static func outcome(_ rate: SatisfactionRate, targetBasisPoints: Int) -> SatisfactionOutcome? {
        rate.meets(targetBasisPoints: targetBasisPoints).map { $0 ? .reward : .corrective }
    }

    /// The rectification deadline of a notice issued on `day`.
    public static func deadline(issuedOn day: CivilDay, calendar: WorkCalendar) -> CivilDay {
        calendar.adding(workingDays: rectificationWorkingDays, to: day)
    }

    /// A notice closed after its deadline day is flagged late.
    public static func isLate(closedOn: CivilDay, deadline: CivilDay) -> Bool { closedOn > deadline }

    /// The next state of a notice for a step; nil when the step is not allowed from `status`.
    public static func next(_ status: SatisfactionNoticeStatus, step: Step) -> SatisfactionNoticeStatus? {
        switch (status, step) {
        case (.issued, .acknowledge): return .acknowledged
        case (.acknowledged, .close): return .closed
        default: return nil
        }
    }

    public enum Step: String, Sendable { case acknowledge, close }

    /// The department's managers: told of a notice, and they acknowledge and close it (administrators may act for them).
    public static let departmentHeads: Set<Role> = [.csManager, .deptManager]

    /// Who runs the assessment: as for the target, a head-office CS manager (or administrator).
    public static func mayAssess(_ roles: Set<Role>, userPath: String) -> Bool {
        AftersalesPermission.granted(.setQualityTarget, to: roles, userPath: userPath)
    }

    /// Who acknowledges and closes a department's notice: its heads, in that unit or above, or an administrator there.
    public static func mayAnswer(_ roles: Set<Role>, userPath: String, departmentPath: String) -> Bool {
        (roles.contains(.admin) || !roles.isDisjoint(with: departmentHeads)) && OrgPath.contains(userPath, departmentPath)
    }
}
