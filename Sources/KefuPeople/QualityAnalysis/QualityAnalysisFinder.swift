import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for the quality analyses (KPI-07): an analysis found by its whole number (FX-2026-000001), only by those
/// who read its unit's analyses.
public struct QualityAnalysisFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("quality_analysis", Text("服务质量分析", "Quality analyses"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.wants("quality_analysis"), let number = r.query.number, number.prefix == "FX" else { return [] }
        return try await db.raw("\(unsafeRaw: QualityAnalysisRow.select) WHERE a.number = \(bind: number.formatted(dash: true, width: 6))").all()
            .map(QualityAnalysisRow.init(row:))
            .filter { QualityAnalysisQueries.mayRead(r.viewer, unitPath: $0.orgPath) }
            .map { a in
                SearchHit(kind: "quality_analysis", id: a.id, number: a.number, title: a.orgUnitName + " · " + a.period,
                          detail: QualityAnalysisPages.statusLabel(a.status.rawValue)(r.locale), href: "/people/quality-analyses/\(a.id)")
            }
    }
}
