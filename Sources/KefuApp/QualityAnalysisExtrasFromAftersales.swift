import KefuAftersales
import KefuPeople
import SQLKit

/// KPI-07: the quality analysis's after-sales figures, read through after-sales' query functions.
struct QualityAnalysisExtrasFromAftersales: UnitQualityExtrasSource {
    func extras(_ db: any SQLDatabase, agentIds: [String], from: Int64, to: Int64) async throws -> UnitQualityExtras {
        UnitQualityExtras(verifiedComplaints: try await QualityTargetQueries.verifiedComplaints(db, agentIds: agentIds, from: from, to: to),
                          satisfactionTargetBasisPoints: try await QualityTargetQueries.satisfactionTargetBasisPoints(db))
    }
}
