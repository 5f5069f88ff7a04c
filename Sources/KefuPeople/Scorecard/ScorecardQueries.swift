import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The scorecard's reads (#15.5, KPI-01), inside one read transaction: the agents of a unit and below, then each
/// metric for all of them at once through the ports (never one statement per agent).
enum ScorecardQueries {
    struct Agent: Sendable {
        let id: String
        let unitId: String
    }

    /// Active customer-service staff (`ScorecardRules.agentRoles`) of the unit at `unitPath` and below.
    static func agents(_ db: any SQLDatabase, underPath unitPath: String) async throws -> [Agent] {
        try await OrgQueries.activeStaff(db, underPath: unitPath).filter { ScorecardRules.hasOwnRow($0.roles) }.map { Agent(id: $0.id, unitId: $0.unitId) }
    }

    /// The rows of `agents` for the period [from, to) (epoch millis).
    static func rows(_ db: any SQLDatabase, agents: [Agent], from: Int64, to: Int64, now: Int64,
                     facts: any ScorecardFactsSource, quality: any AgentQualitySource) async throws -> [AgentScorecardRow] {
        guard !agents.isEmpty else { return [] }
        let ids = agents.map(\.id)
        let desk = try await facts.facts(db, agentIds: ids, from: from, to: to, now: now)
        let inspections = try await quality.summaries(db, agentIds: ids, from: from, to: to)
        let names = try await OrgQueries.displayNames(db, ids: Set(ids))
        let units = try await OrgQueries.unitNames(db, ids: Set(agents.map(\.unitId)))
        return agents.map { a in
            let d = desk[a.id] ?? AgentDeskFacts()
            let q = inspections[a.id] ?? AgentQualitySummary()
            let hundredths = q.inspections > 0 ? q.averageScore.map(Self.hundredths) : nil
            let rules = ScorecardRules.Facts(firstResponseEligible: d.firstResponseEligible, firstResponseOnTime: d.firstResponseOnTime,
                                             resolutionDue: d.resolutionDue, resolvedWithinTarget: d.resolvedWithinTarget,
                                             escalations: d.escalations, lateEscalations: d.lateEscalations, surveys: d.surveys, satisfied: d.satisfied,
                                             complaints: d.complaints, qualityHundredths: hundredths)
            let score = ScorecardRules.score(rules)
            return AgentScorecardRow(agentId: a.id, name: names[a.id] ?? a.id, unitName: units[a.unitId] ?? "", taken: d.taken,
                                     firstResponse: ScorecardRatio(d.firstResponseOnTime, of: d.firstResponseEligible),
                                     resolution: ScorecardRatio(d.resolvedWithinTarget, of: d.resolutionDue),
                                     escalations: d.escalations, lateEscalations: d.lateEscalations,
                                     satisfaction: ScorecardRatio(d.satisfied, of: d.surveys), complaints: d.complaints,
                                     inspections: q.inspections, qualityScore: hundredths.map { ScorecardRules.text($0) }, qualityHundredths: hundredths,
                                     penalties: q.penalties, score: score.map { ScorecardRules.text($0) }, scoreBasisPoints: score)
        }
    }

    /// A score 0–100 as whole hundredths, rounded half up (exact: Decimal, never Double).
    static func hundredths(_ score: Decimal) -> Int {
        var scaled = score * 100, rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return NSDecimalNumber(decimal: rounded).intValue
    }
}
