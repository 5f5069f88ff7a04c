import Foundation
import Testing

/// #15.4: the matrix's training records: a session of 客服部 on a past day (attendance may be recorded), a draft plan
/// written by 客服部's supervisor (no matrix caller is its author), and the same submitted.
extension MatrixRecords {
    static func trainingBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "topic": "新产品知识", "trainer": "王老师", "date": "2026-11-10", "start": "14:00", "end": "16:00", "place": "培训室", "content": "产品更新"]
    }

    static func trainingPlanBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "title": "2027 年培训计划", "lines": [["month": "2027-01", "topic": "沟通技巧"]]]
    }

    static func trainingRecord(_ kind: MatrixRecordKind, _ org: MatrixOrg, via c: MatrixClient) async throws -> String {
        if kind == .trainingSession {
            let r = try await c.call(.post, "/api/v1/trainings", token: org.admin, json: trainingBody(org.cs))
            try expectOK(r, "training session")
            return r.string("id")!
        }
        let r = try await c.call(.post, "/api/v1/training-plans", token: org.supervisor.token, json: trainingPlanBody(org.cs))
        try expectOK(r, "training plan")
        let id = r.string("id")!
        if kind == .submittedTrainingPlan {
            try expectOK(try await c.call(.post, "/api/v1/training-plans/\(id)/submit", token: org.supervisor.token, json: [String: Any]()), "submit")
        }
        return id
    }
}
