import Foundation
import Testing

/// #15.5 KPI-04: the matrix's appraisal plans: a draft of 客服部 written by its supervisor (no matrix caller is its
/// author) rewarding 客服部's agent, and the same submitted to the general manager.
extension MatrixRecords {
    static func appraisalPlanBody(_ org: MatrixOrg) -> [String: Any] {
        ["orgUnitId": org.cs, "period": "2026-11", "lines": [["userId": org.agent.id, "kind": "reward", "amount": "200", "reason": "矩阵表扬"]]]
    }

    static func appraisalRecord(_ kind: MatrixRecordKind, _ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        let r = try await c.call(.post, "/api/v1/appraisal-plans", token: org.supervisor.token, json: appraisalPlanBody(org))
        try expectOK(r, "appraisal plan")
        let id = r.string("id")!
        if kind == .submittedAppraisalPlan {
            try expectOK(try await c.call(.post, "/api/v1/appraisal-plans/\(id)/submit", token: org.supervisor.token, json: [String: Any]()), "submit")
        }
        return id
    }
}
