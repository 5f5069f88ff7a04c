import Foundation
import KefuDomain
import SQLKit

/// `AgentQualitySource` over the inspection tables (#15.5 → KPI-01): per agent, the inspections dated in the period
/// (`inspected_at`), the mean of their weighted totals (exact, two decimals, half up), and the penalty records dated in
/// the period (`occurred_at`: the call, the third complaint, the inspection) that count — proposed and confirmed, not
/// waived (`QualityPenaltyRules.counts`).
public struct InspectionQualitySource: AgentQualitySource {
    public init() {}

    public func summaries(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64) async throws -> [String: AgentQualitySummary] {
        guard !agentIds.isEmpty else { return [:] }
        var out: [String: AgentQualitySummary] = [:]
        // Chunks keep the list of bound ids well under every engine's limit.
        for start in stride(from: 0, to: agentIds.count, by: 500) {
            let chunk = SQLList(agentIds[start..<min(start + 500, agentIds.count)].map { SQLBind($0) })
            let scored = try await db.raw("""
                SELECT agent_id, COUNT(*) AS n, SUM(total) AS total FROM inspections
                WHERE agent_id IN (\(chunk)) AND inspected_at >= \(bind: from) AND inspected_at < \(bind: to) GROUP BY agent_id
                """).all()
            for row in scored {
                let n = try row.decode(column: "n", as: Int.self), total = try row.decode(column: "total", as: Int.self)
                // The mean of n totals rounded half up: (2·Σ + n) / 2n, as `InspectionScoring.meanHundredths`.
                let mean = n > 0 ? (total * 2 + n) / (2 * n) : nil
                out[try row.decode(column: "agent_id", as: String.self), default: AgentQualitySummary()].inspections = n
                out[try row.decode(column: "agent_id", as: String.self)]?.averageScore = mean.map(InspectionScoring.decimal)
            }
            let counted = QualityPenaltyRules.Status.allCases.filter(QualityPenaltyRules.counts).map { SQLBind($0.rawValue) }
            let penalties = try await db.raw("""
                SELECT agent_id, COUNT(*) AS n FROM quality_penalties
                WHERE agent_id IN (\(chunk)) AND occurred_at >= \(bind: from) AND occurred_at < \(bind: to) AND status IN (\(SQLList(counted))) GROUP BY agent_id
                """).all()
            for row in penalties {
                out[try row.decode(column: "agent_id", as: String.self), default: AgentQualitySummary()].penalties = try row.decode(column: "n", as: Int.self)
            }
        }
        return out
    }
}
