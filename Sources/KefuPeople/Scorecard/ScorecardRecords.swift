import Foundation
import KefuDomain
import KefuPlatform

/// A count out of a whole with its exact percentage ("93.33", two decimals; null when the whole is 0).
public struct ScorecardRatio: Codable, Sendable, Equatable {
    public let count: Int
    public let of: Int
    @Nullable public var percent: String?
    /// The percentage in basis points, for sorting and charts.
    @Nullable public var basisPoints: Int?
    init(_ count: Int, of whole: Int) {
        self.count = count
        self.of = whole
        basisPoints = ScorecardRules.basisPoints(count, of: whole)
        percent = basisPoints.map { ScorecardRules.text($0) }
    }
    public static func == (a: Self, b: Self) -> Bool { a.count == b.count && a.of == b.of }
}

/// One agent's row of the scorecard (KPI-01).
public struct AgentScorecardRow: Codable, Sendable {
    public let agentId: String
    public let name: String
    public let unitName: String
    /// Tickets first taken (首问) in the period.
    public let taken: Int
    /// SLA-01: first responses on time of those due.
    public let firstResponse: ScorecardRatio
    /// SLA-02/03, D9: resolved within target of those due.
    public let resolution: ScorecardRatio
    /// ESC-01: escalations, and those made late.
    public let escalations: Int
    public let lateEscalations: Int
    /// SAT-08, D10: surveys 基本满意 or better of those returned.
    public let satisfaction: ScorecardRatio
    /// CMP-17: complaints about the agent.
    public let complaints: Int
    /// KPI-02/03: inspections, their mean score ("86.50") and penalty records.
    public let inspections: Int
    @Nullable public var qualityScore: String?
    @Nullable public var qualityHundredths: Int?
    public let penalties: Int
    /// The combined score 0–100 ("73.50"; null without data), `ScorecardRules.score`.
    @Nullable public var score: String?
    @Nullable public var scoreBasisPoints: Int?
}

/// The scorecard of a unit and below for a period, one page of agents.
public struct AgentScorecardReport: Codable, Sendable {
    public let from: String
    public let to: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let sort: String
    /// The weights of the score's parts (KPI-01 decision) and the points a complaint takes off.
    public let weights: [String: Int]
    public let complaintDeductionPoints: Int
    public let items: [AgentScorecardRow]
    public let page: Int
    public let per: Int
    public let total: Int
}

/// The columns the scorecard sorts by: numbers best (largest) first with "—" last, names A–Z.
public enum ScorecardSort: String, CaseIterable, Sendable {
    case score, name, taken, firstResponse, resolution, escalations, satisfaction, complaints, quality

    func key(_ r: AgentScorecardRow) -> Int? {
        switch self {
        case .score: r.scoreBasisPoints
        case .name: nil
        case .taken: r.taken
        case .firstResponse: r.firstResponse.basisPoints
        case .resolution: r.resolution.basisPoints
        case .escalations: r.escalations
        case .satisfaction: r.satisfaction.basisPoints
        case .complaints: r.complaints
        case .quality: r.qualityHundredths
        }
    }

    func ordered(_ rows: [AgentScorecardRow]) -> [AgentScorecardRow] {
        rows.sorted { a, b in
            if self != .name {
                switch (key(a), key(b)) {
                case let (x?, y?) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: break
                }
            }
            return (a.name, a.agentId) < (b.name, b.agentId)
        }
    }
}
