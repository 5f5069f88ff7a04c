import Foundation
import Hummingbird
import Testing

/// #15.5: the matrix's quality records: a call standard of 客服部 (two items, 60 + 40), a call of 客服部's agent answered
/// after 5 rings (its proposed penalty is the penalty record probed), and an inspection of that call.
extension MatrixRecords {
    typealias Caller = (HTTPRequest.Method, String, String?, Any?) async throws -> TestApp.Reply

    static func standardBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "name": "来电质检标准", "kind": "call", "items": [["label": "礼貌用语", "weight": "60"], ["label": "问题记录", "weight": 40]]]
    }

    static func callBody(_ agent: String, rings: Int) -> [String: Any] {
        ["agentId": agent, "calledAt": "2026-11-20 10:00", "callerNumber": "13911112222", "rings": rings, "durationSeconds": 95, "note": "矩阵"]
    }

    static func inspectionBody(standard: String, call: String) -> [String: Any] {
        ["standardId": standard, "callId": call, "scores": [90, 80], "comment": "矩阵"]
    }

    /// The standard and the call every inspection probe names.
    static func qualityBase(_ call: Caller, _ org: MatrixOrg) async throws -> (standard: String, call: String) {
        let s = try await call(.post, "/api/v1/inspection-standards", org.admin, standardBody(org.cs))
        try expectOK(s, "inspection standard")
        let c = try await call(.post, "/api/v1/calls", org.admin, callBody(org.agent.id, rings: 2))
        try expectOK(c, "call")
        return (s.string("id")!, c.string("id")!)
    }

    func qualityRecord(_ kind: MatrixRecordKind, via c: MatrixClient) async throws -> String {
        switch kind {
        case .inspectionStandard:
            return try await made(c, "/api/v1/inspection-standards", org.admin, Self.standardBody(org.cs))
        case .qualityCall:
            return try await made(c, "/api/v1/calls", org.admin, Self.callBody(org.agent.id, rings: 2))
        case .inspection:
            return try await made(c, "/api/v1/inspections", org.admin, Self.inspectionBody(standard: qualityStandard, call: qualityCall))
        default:
            let r = try await c.call(.post, "/api/v1/calls", token: org.admin, json: Self.callBody(org.agent.id, rings: 5))
            try Self.expectOK(r, "late call")
            return try #require(r.string("penaltyId"), "a call after 5 rings proposes a penalty: \(r.text)")
        }
    }
}
