/// The agent scorecard (#15.5; SPEC KPI-01 "staff evaluation combines service-standard metrics (SLA-01..03, ESC-01) and
/// customer feedback (satisfaction, complaints)"; seed 总述 方面6, 方案6). Pure rules: who reads it, whose row it has,
/// and how the figures combine into one score. Every percentage is exact, in basis points (1/100 of a percent).
public enum ScorecardRules {
    /// Who reads the team's scorecard: the customer-service supervisors and managers, quality inspectors (QA) and
    /// administrators — each for their unit and below.
    public static let readers: Set<Role> = [.admin, .csSupervisor, .csManager, .qa]
    /// Whose row the scorecard has: the customer-service staff who own tickets (TKT-03 首问负责人), not administrators.
    public static let agentRoles: Set<Role> = [.csAgent, .csSupervisor, .csManager]

    public static func mayReadTeam(_ roles: Set<Role>) -> Bool { !roles.isDisjoint(with: readers) }
    public static func hasOwnRow(_ roles: Set<Role>) -> Bool { !roles.isDisjoint(with: agentRoles) }

    /// One part of the score and its weight.
    public enum Part: String, CaseIterable, Codable, Sendable {
        /// SLA-01: first responses on time.
        case firstResponse
        /// SLA-02/03, D9: resolved within target of those due.
        case resolution
        /// ESC-01: escalations made within the hour.
        case escalation
        /// SAT-08, D10: surveys "基本满意以上".
        case satisfaction
        /// KPI-02/03: the mean inspection score.
        case quality
    }

    /// Decision (KPI-01 names the parts, not their weights): first response 25, resolution 25, satisfaction 20,
    /// inspection 20, escalation timeliness 10 — the service standards half, customer feedback and quality the other.
    public static let defaultWeights: [Part: Int] = [.firstResponse: 25, .resolution: 25, .satisfaction: 20, .quality: 20, .escalation: 10]
    /// Decision (CMP-17): each complaint about the agent takes 5 points off the score (not below 0).
    public static let complaintDeductionBasisPoints = 500

    /// The facts of one agent for a period, counted by the features that own them.
    public struct Facts: Sendable, Equatable {
        public var firstResponseEligible = 0, firstResponseOnTime = 0
        public var resolutionDue = 0, resolvedWithinTarget = 0
        public var escalations = 0, lateEscalations = 0
        public var surveys = 0, satisfied = 0
        public var complaints = 0
        /// The mean inspection score in hundredths of a point (0–10000); nil without inspections.
        public var qualityHundredths: Int?
        public init(firstResponseEligible: Int = 0, firstResponseOnTime: Int = 0, resolutionDue: Int = 0, resolvedWithinTarget: Int = 0,
                    escalations: Int = 0, lateEscalations: Int = 0, surveys: Int = 0, satisfied: Int = 0, complaints: Int = 0, qualityHundredths: Int? = nil) {
            self.firstResponseEligible = firstResponseEligible; self.firstResponseOnTime = firstResponseOnTime
            self.resolutionDue = resolutionDue; self.resolvedWithinTarget = resolvedWithinTarget
            self.escalations = escalations; self.lateEscalations = lateEscalations
            self.surveys = surveys; self.satisfied = satisfied; self.complaints = complaints; self.qualityHundredths = qualityHundredths
        }
    }

    /// `part / whole` in basis points, rounded half up; nil when `whole` is 0 (shown "—", never 0).
    public static func basisPoints(_ part: Int, of whole: Int) -> Int? {
        guard whole > 0 else { return nil }
        return (part * 20_000 + whole) / (2 * whole)
    }

    /// Each part's value in basis points, nil where the agent has no data for it.
    public static func parts(_ f: Facts) -> [Part: Int] {
        var out: [Part: Int] = [:]
        out[.firstResponse] = basisPoints(f.firstResponseOnTime, of: f.firstResponseEligible)
        out[.resolution] = basisPoints(f.resolvedWithinTarget, of: f.resolutionDue)
        out[.escalation] = basisPoints(f.escalations - f.lateEscalations, of: f.escalations)
        out[.satisfaction] = basisPoints(f.satisfied, of: f.surveys)
        out[.quality] = f.qualityHundredths.map { min(max($0, 0), 10_000) }
        return out
    }

    /// The composite score in basis points (0–10000, i.e. 0.00–100.00): the weighted mean of the parts the agent has
    /// data for (the weights of the missing parts are left out, not counted as 0), rounded half up, less the complaint
    /// deduction, not below 0. Nil when no part has data (complaints alone give no score): the agent's score is "—".
    public static func score(_ f: Facts, weights: [Part: Int] = defaultWeights) -> Int? {
        let known = parts(f).compactMap { part, value in (weights[part] ?? 0) > 0 ? (weights[part]!, value) : nil }
        let weightSum = known.reduce(0) { $0 + $1.0 }
        guard weightSum > 0 else { return nil }
        let weighted = known.reduce(0) { $0 + $1.0 * $1.1 }
        let mean = (weighted * 2 + weightSum) / (2 * weightSum)
        return max(mean - f.complaints * complaintDeductionBasisPoints, 0)
    }

    /// Basis points as a percentage text with two decimals ("87.50"); "—" for nil.
    public static func text(_ basisPoints: Int?) -> String {
        guard let bp = basisPoints else { return "—" }
        return "\(bp / 100)." + (bp % 100 < 10 ? "0" : "") + String(bp % 100)
    }

    /// The period a scorecard shows by default: the last full calendar month before `today` (Asia/Shanghai days).
    public static func lastFullMonth(before today: CivilDay) -> (from: CivilDay, to: CivilDay) {
        let (y, m, _) = today.components
        let firstOfThisMonth = CivilDay(year: y, month: m, day: 1)
        let lastOfPrevious = CivilDay(number: firstOfThisMonth.number - 1)
        let (py, pm, _) = lastOfPrevious.components
        return (CivilDay(year: py, month: pm, day: 1), lastOfPrevious)
    }
}
