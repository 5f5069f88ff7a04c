import Foundation

/// KPI-07 (篇12 职责一.10 "负责定期对服务质量进行统计、分析，并提出整改方案"; 职责二.11 the month-end statistical report):
/// a unit's periodic service-quality analysis (服务质量分析) with its rectification plan (整改方案). Pure rules: who writes
/// and who approves, the period, the targets each figure is held to, when a plan is required, the states and steps, and
/// when a plan line is overdue.
public enum QualityAnalysisRules {
    // MARK: roles

    /// The unit's customer-service supervisor writes the analysis (or a CS manager / administrator over the unit).
    public static let authors: Set<Role> = [.csSupervisor, .csManager, .admin]
    /// TRN-02's decision: the CS manager stands in for the management office director (管理处主任) who approves.
    public static let approvers: Set<Role> = [.csManager]
    /// Who reads a unit's analyses: authors, approvers and QA, for their unit and below.
    public static let readers: Set<Role> = authors.union(approvers).union([.qa])

    // MARK: period

    /// A month ("2026-11") or a quarter ("2026-Q4"), with its first and last day.
    public struct Period: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        public let first: CivilDay
        public let last: CivilDay

        public init?(_ typed: String) {
            let text = typed.trimmingCharacters(in: .whitespaces).uppercased()
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].count == 2, parts[1].first == "Q",
               let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
                let firstMonth = CivilMonth(year: year, month: q * 3 - 2), lastMonth = CivilMonth(year: year, month: q * 3)
                description = String(year) + "-Q" + String(q)
                first = firstMonth.first
                last = lastMonth.last
                return
            }
            guard let month = CivilMonth(text), text.count == 7 else { return nil }
            description = month.description
            first = month.first
            last = month.last
        }
    }

    // MARK: targets

    /// The figures of a unit for a period, counted by the features that own them (summed over the unit's agents).
    public struct Figures: Codable, Sendable, Equatable {
        public var ticketsReceived = 0
        public var firstResponseDue = 0, firstResponseOnTime = 0
        public var resolutionDue = 0, resolvedWithinTarget = 0
        public var escalations = 0, lateEscalations = 0
        public var complaints = 0, verifiedComplaints = 0
        public var surveys = 0, satisfied = 0
        public var inspections = 0
        /// The mean inspection score in hundredths of a point (8650 = 86.50); nil without inspections.
        public var inspectionScoreHundredths: Int?
        public var penalties = 0
        /// SAT-09: the company's satisfaction target in basis points when one is set.
        public var satisfactionTargetBasisPoints: Int?
        public init() {}
    }

    /// A figure held to a target.
    public enum Metric: String, CaseIterable, Codable, Sendable {
        /// SLA-01: every first response within its time (target 100 %).
        case firstResponse
        /// SLA-03: resolved within target (target 90 %).
        case resolution
        /// ESC-01: every escalation within the hour (target: none late).
        case escalation
        /// SAT-09: satisfaction at or above the company target (only when one is set).
        case satisfaction
    }

    /// SLA-01: first responses on time, 100 % in basis points.
    public static let firstResponseTarget = 10_000
    /// SLA-03: 90 % of requests resolved within target.
    public static let resolutionTarget = 9_000

    /// `part / whole` in basis points, rounded half up; nil when `whole` is 0 (no data: never a miss).
    public static func basisPoints(_ part: Int, of whole: Int) -> Int? {
        guard whole > 0 else { return nil }
        return (part * 20_000 + whole) / (2 * whole)
    }

    /// The metrics that miss their target (KPI-07, SLA-01/03, ESC-01, SAT-09). A figure without data misses nothing.
    public static func misses(_ f: Figures) -> [Metric] {
        var out: [Metric] = []
        if let bp = basisPoints(f.firstResponseOnTime, of: f.firstResponseDue), bp < firstResponseTarget { out.append(.firstResponse) }
        if let bp = basisPoints(f.resolvedWithinTarget, of: f.resolutionDue), bp < resolutionTarget { out.append(.resolution) }
        if f.lateEscalations > 0 { out.append(.escalation) }
        if let target = f.satisfactionTargetBasisPoints, let bp = basisPoints(f.satisfied, of: f.surveys), bp < target { out.append(.satisfaction) }
        return out
    }

    // MARK: states and steps

    public enum Status: String, CaseIterable, Sendable {
        /// Being written, or returned by the approver with a reason (the figures show live).
        case draft
        /// Waiting for the approver; the figures are frozen.
        case submitted
        /// Approved: the plan lines are being carried out.
        case approved
        /// 已完成: every plan line is done.
        case completed

        public var editable: Bool { self == .draft }
        /// The figures are stored, not computed live.
        public var frozen: Bool { self != .draft }
    }

    public enum Step: String, CaseIterable, Sendable {
        case submit, approve, `return`
    }

    public enum Refusal: String, Sendable, Equatable {
        case notAllowed = "not_allowed"
        /// The approver wrote the analysis: nobody approves their own.
        case ownAnalysis = "own_analysis"
        case wrongState = "invalid_transition"
        case reasonMissing = "reason_missing"
        /// A figure misses its target and the plan has no line (KPI-07).
        case planMissing = "plan_required"
    }

    /// draft → submitted → approved, or back to draft with the reason (returned).
    public static func next(after status: Status, _ step: Step) -> Status? {
        switch (status, step) {
        case (.draft, .submit): return .submitted
        case (.submitted, .approve): return .approved
        case (.submitted, .return): return .draft
        default: return nil
        }
    }

    /// Whether `roles` may take `step`; nil when allowed. The unit scope is checked by the caller.
    public static func check(_ step: Step, status: Status, roles: Set<Role>, isAuthor: Bool, reason: String = "",
                             misses: [Metric] = [], lines: Int = 1) -> Refusal? {
        switch step {
        case .submit:
            guard !roles.isDisjoint(with: authors) else { return .notAllowed }
        case .approve, .return:
            guard !roles.isDisjoint(with: approvers) else { return .notAllowed }
            if isAuthor { return .ownAnalysis }
        }
        guard next(after: status, step) != nil else { return .wrongState }
        if step == .return && reason.isEmpty { return .reasonMissing }
        if step == .submit && !misses.isEmpty && lines == 0 { return .planMissing }
        return nil
    }

    /// The steps open to `roles` (the page's buttons and the API's `actions`).
    public static func steps(status: Status, roles: Set<Role>, isAuthor: Bool) -> [Step] {
        Step.allCases.filter { check($0, status: status, roles: roles, isAuthor: isAuthor, reason: "x") == nil }
    }

    // MARK: plan lines

    /// A line is marked done once the analysis is approved, by its responsible person or an author over the unit.
    public static func mayMarkDone(status: Status, isResponsible: Bool, isAuthorRole: Bool, alreadyDone: Bool) -> Refusal? {
        guard isResponsible || isAuthorRole else { return .notAllowed }
        guard status == .approved, !alreadyDone else { return .wrongState }
        return nil
    }

    /// 逾期: not done and its due day is before today.
    public static func isOverdue(due: CivilDay, done: Bool, today: CivilDay) -> Bool { !done && due < today }

    public static let maxLines = 50
    public static let maxTextLength = 500
    public static let maxFindingsLength = 4000
}
