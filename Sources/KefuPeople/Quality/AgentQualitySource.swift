import Foundation
import SQLKit

/// What quality inspection (KPI-02, KPI-03) contributes to an agent's scorecard (KPI-01) for a period.
public struct AgentQualitySummary: Codable, Sendable, Equatable {
    /// Inspections scored in the period.
    public var inspections: Int
    /// The mean weighted score of those inspections, 0–100 with two decimals; nil without inspections.
    public var averageScore: Decimal?
    /// Penalty records in the period (rings over 3, three verified complaints, inspection penalties).
    public var penalties: Int
    public init(inspections: Int = 0, averageScore: Decimal? = nil, penalties: Int = 0) {
        self.inspections = inspections; self.averageScore = averageScore; self.penalties = penalties
    }
}

/// The port through which the scorecard reads quality inspection, inside the caller's read transaction.
public protocol AgentQualitySource: Sendable {
    /// Summaries for the agents named, for inspections and penalties dated from `from` up to (not including) `to`
    /// (UTC epoch millis). Agents without any are absent from the answer.
    func summaries(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64) async throws -> [String: AgentQualitySummary]
}

/// No inspection records behind (tests of other parts alone).
public struct NoAgentQuality: AgentQualitySource {
    public init() {}
    public func summaries(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64) async throws -> [String: AgentQualitySummary] { [:] }
}
