import KefuPlatform
import SQLKit

/// What the service desk and after-sales know of one agent for a period (KPI-01: SLA-01..03, ESC-01, SAT-08, CMP-17).
public struct AgentDeskFacts: Codable, Sendable, Equatable {
    /// Tickets received in the period that the agent took first (首问负责人, TKT-03).
    public var taken = 0
    public var firstResponseEligible = 0, firstResponseOnTime = 0
    public var resolutionDue = 0, resolvedWithinTarget = 0
    public var escalations = 0, lateEscalations = 0
    /// Survey responses about the agent's tickets, and those 基本满意 or better (D10).
    public var surveys = 0, satisfied = 0
    /// Complaints about the agent (CMP-17).
    public var complaints = 0
    public init() {}
}

/// The port through which the scorecard reads tickets, SLA outcomes, surveys and complaints: other features' tables,
/// implemented in the composition root with their query functions (this feature never reads them). One grouped
/// statement per metric for all the agents, inside the caller's read transaction.
public protocol ScorecardFactsSource: Sendable {
    /// Facts of `agentIds` for records dated from `from` up to (not including) `to` (epoch millis); `now` bounds what
    /// has fallen due. Agents without any are absent.
    func facts(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64, now: Int64) async throws -> [String: AgentDeskFacts]
}

/// No service desk behind (tests of the feature alone).
public struct NoScorecardFacts: ScorecardFactsSource {
    public init() {}
    public func facts(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64, now: Int64) async throws -> [String: AgentDeskFacts] { [:] }
}
