import Foundation
import Testing

/// #14.3 scenic visitor services: records of 客服部 made by the root administrator — a lost-person case, a wheelchair,
/// a loan of a fresh wheelchair, a reception plan sent to 客服部 itself (so the unit's own staff may confirm).
extension MatrixRecords {
    static func scenicBodies(_ org: MatrixOrg) -> [String: [String: Any]] {
        [
            "POST /api/v1/scenic/free-entries": ["orgUnitId": org.cs, "visitorName": "矩阵老人", "idKind": "resident_id", "idNumber": "11010519491231002X", "gate": "北门"],
            "POST /api/v1/scenic/lost-cases": scenicLostBody(org.cs),
            "POST /api/v1/scenic/lost-cases/{id}/broadcasts": [String: Any](),
            "POST /api/v1/scenic/lost-cases/{id}/close": ["outcome": "found"],
            "POST /api/v1/scenic/items": ["orgUnitId": org.cs, "code": "MX-WC-\(UUID().uuidString.prefix(8))", "kind": "wheelchair"],
            "POST /api/v1/scenic/items/{id}/lend": ["kind": "lend", "borrowerName": "矩阵", "borrowerPhone": "13900001111"],
            "POST /api/v1/scenic/items/{id}/repaired": ["note": "矩阵"],
            "POST /api/v1/scenic/loans/{id}/return": ["check": "ok"],
            "POST /api/v1/scenic/reception-plans": scenicPlanBody(org.cs),
            "POST /api/v1/scenic/reception-plans/{id}/confirm": ["note": "矩阵"],
        ]
    }

    static func scenicLostBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "lostName": "矩阵走失者", "description": "红衣", "lastSeen": "北门", "reporterName": "王", "reporterPhone": "13900002222"]
    }

    static func scenicPlanBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "groupName": "矩阵老年团", "visitDate": "2026-12-20", "groupSize": 30, "contactName": "李", "contactPhone": "13900003333",
         "departmentIds": [unit]]
    }

    func scenicRecord(_ kind: MatrixRecordKind, via c: MatrixClient) async throws -> String {
        switch kind {
        case .scenicLostCase: return try await made(c, "/api/v1/scenic/lost-cases", org.admin, Self.scenicLostBody(org.cs))
        case .scenicLoan:
            let item = try await made(c, "/api/v1/scenic/items", org.admin, ["orgUnitId": org.cs, "code": "MX-L-\(UUID().uuidString.prefix(8))", "kind": "wheelchair"])
            let r = try await c.call(.post, "/api/v1/scenic/items/\(item)/lend", token: org.admin, json: ["borrowerName": "矩阵", "borrowerPhone": "13900001111"])
            try Self.expectOK(r, "lend")
            return r.string("id")!
        case .receptionPlan: return try await made(c, "/api/v1/scenic/reception-plans", org.admin, Self.scenicPlanBody(org.cs))
        default: return try await made(c, "/api/v1/scenic/items", org.admin, ["orgUnitId": org.cs, "code": "MX-I-\(UUID().uuidString.prefix(8))", "kind": "stroller"])
        }
    }
}
