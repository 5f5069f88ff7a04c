import Foundation
import Testing

/// #15 KPI-07: the matrix's quality analyses: a draft of 客服部 for 2026-11 written by its supervisor (no matrix caller
/// is its author; no figures miss a target, so it submits without lines), and the same submitted to the office director.
extension MatrixRecords {
    static func qualityAnalysisBody(_ org: MatrixOrg) -> [String: Any] {
        ["orgUnitId": org.cs, "period": "2026-11", "findings": "矩阵分析",
         "lines": [["problem": "矩阵问题", "measure": "矩阵措施", "responsibleId": org.agent.id, "due": "2026-12-31"]]]
    }

    static func qualityAnalysisRecord(_ kind: MatrixRecordKind, _ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let r = try await c.call(.post, "/api/v1/quality-analyses", token: org.supervisor.token, json: ["orgUnitId": org.cs, "period": "2026-11", "findings": "矩阵分析"])
        try expectOK(r, "quality analysis")
        let id = r.string("id")!
        if kind == .submittedQualityAnalysis {
            try expectOK(try await c.call(.post, "/api/v1/quality-analyses/\(id)/submit", token: org.supervisor.token, json: [String: Any]()), "submit")
        }
        return id
    }
}
