import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// WO-10 as JSON: `GET /api/v1/work-orders/follow-up` answers the very model the page `/work-orders/follow-up` shows —
/// the engineering assistant's daily list (orders not completed or not visited back, oldest first, at most 300) and
/// the department manager's assessment per technician over `from`..`to` (default: this month to today).
extension WorkOrderFollowUpPageModel: Encodable {
    enum CodingKeys: String, CodingKey { case pending, technicians, from, to, generatedAt }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pending, forKey: .pending)
        try c.encode(technicians, forKey: .technicians)
        try c.encode(from.iso, forKey: .from)
        try c.encode(to.iso, forKey: .to)
        try c.encode(Times.rfc3339(nowMillis), forKey: .generatedAt)
    }
}

extension WorkOrderFollowUpPageModel.TechnicianRow: Encodable {
    enum CodingKeys: String, CodingKey { case name, accepted, arrived, late, completed, visited, onTimePercent }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(arrived, forKey: .arrived)
        try c.encode(late, forKey: .late)
        try c.encode(completed, forKey: .completed)
        try c.encode(visited, forKey: .visited)
        try c.encode(onTimePercent, forKey: .onTimePercent)
    }
}

enum WorkOrderFollowUpAPI {
    static func register(_ routes: ApiRoutes, orders: WorkOrderService) {
        let int: JSONValue = ["type": "integer"]
        routes.schema("WorkOrderTechnicianAssessment", ["type": "object", "properties": [
            "name": ["type": "string"], "accepted": int, "arrived": int, "late": ["type": "integer", "description": "arrivals later than 5 minutes after acceptance (WO-02)"],
            "completed": ["type": "integer", "description": "signed and completed"], "visited": ["type": "integer", "description": "visited back (WO-11)"],
            "onTimePercent": ["type": ["integer", "null"], "description": "arrivals within the 5 minutes, per cent of arrivals; null without arrivals"]]])
        routes.schema("WorkOrderFollowUp", ["type": "object", "properties": [
            "pending": ["type": "array", "items": ["$ref": "#/components/schemas/WorkOrder"],
                        "description": "orders of the caller's unit and below not completed or not visited back, oldest first (at most 300)"],
            "technicians": ["type": "array", "items": ["$ref": "#/components/schemas/WorkOrderTechnicianAssessment"]],
            "from": ["type": "string"], "to": ["type": "string"], "generatedAt": ["type": "string"]]])
        routes.add(.init(.get, "/api/v1/work-orders/follow-up",
                         summary: "WO-10: the engineering assistant's daily follow-up and the manager's assessment per technician (from, to: YYYY-MM-DD)",
                         tag: "work-orders", response: "WorkOrderFollowUp", query: ["from", "to"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await orders.followUpModel(from: q["from"], to: q["to"], viewer: principal))
        }
    }
}
