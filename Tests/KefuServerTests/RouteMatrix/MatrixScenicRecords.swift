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
            "POST /api/v1/scenic/mailings": scenicMailingBody(org.cs), // #14 VIS-01/02
            "POST /api/v1/scenic/mailings/{id}/send": ["courier": "顺丰", "trackingNo": "SF-MATRIX-1"],
            "POST /api/v1/scenic/mailings/{id}/deliver": [String: Any](),
            "POST /api/v1/scenic/ticket-deliveries": scenicDeliveryBody(org.cs),
            "POST /api/v1/scenic/ticket-deliveries/{id}/deliver": ["receivedBy": "矩阵领队"],
        ]
    }

    static func scenicLostBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "lostName": "矩阵走失者", "description": "红衣", "lastSeen": "北门", "reporterName": "王", "reporterPhone": "13900002222"]
    }

    static func scenicPlanBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "groupName": "矩阵老年团", "visitDate": "2026-12-20", "groupSize": 30, "contactName": "李", "contactPhone": "13900003333",
         "departmentIds": [unit]]
    }

    static func scenicMailingBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "visitorName": "矩阵游客", "addressee": "矩阵", "address": "北京市东城区 1 号", "phone": "13900004444", "items": "剪纸 2 幅", "fee": "12.00"]
    }

    static func scenicDeliveryBody(_ unit: String) -> [String: Any] {
        ["orgUnitId": unit, "reservationRef": "JD-2026-0001", "tickets": 30, "deliverTo": "李领队", "phone": "13900005555", "place": "北门游客中心",
         "dueAt": "2026-12-20 09:00"]
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
        case .scenicMailing: return try await made(c, "/api/v1/scenic/mailings", org.admin, Self.scenicMailingBody(org.cs)) // #14 VIS-01/02
        case .scenicTicketDelivery: return try await made(c, "/api/v1/scenic/ticket-deliveries", org.admin, Self.scenicDeliveryBody(org.cs))
        default: return try await made(c, "/api/v1/scenic/items", org.admin, ["orgUnitId": org.cs, "code": "MX-I-\(UUID().uuidString.prefix(8))", "kind": "stroller"])
        }
    }
}
