import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the work orders (API.md "Work orders"; WO-01..11, 4.8). There is no delete route: a completed
/// order is kept at least two years (RET-02) and none is ever deleted through Kefu.
public struct WorkOrderAPI: Sendable {
    let orders: WorkOrderService

    public init(orders: WorkOrderService) { self.orders = orders }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        routes.schema("WorkOrderInput", ["type": "object", "required": ["location", "kind", "description", "requesterName", "requesterPhone"], "properties": [
            "ticketId": ["type": "string", "description": "the ticket (id or number) the order is issued from; its customer fills a missing name or phone"],
            "location": str, "kind": JSONValue.enumOf(WorkOrderKind.self), "description": str, "requesterName": str, "requesterPhone": str,
            "orgUnitId": ["type": "string", "description": "the unit the order belongs to (default: the ticket's, else the caller's)"],
            "area": ["type": "string", "description": "WO-05: the area of a public facility, matched against the area register"]]])
        routes.schema("WorkOrderStepInput", ["type": "object", "properties": [
            "appointmentAt": ["type": "string", "description": "book-appointment: YYYY-MM-DD HH:MM (local)"], "note": ["type": "string", "description": "book-appointment, return-visit (required)"],
            "workNotes": ["type": "string", "description": "finish (required)"], "materials": ["type": "string", "description": "finish: materials used, one per line; where the unit has a materials store, \"item code quantity [note]\" lines issued from it (422 insufficient_stock refuses the whole step)"]]])
        routes.schema("WorkOrderSignatureInput", ["type": "object", "required": ["signerName", "signerRelation", "image"], "properties": [
            "signerName": str, "signerRelation": JSONValue.enumOf(WorkOrderSignerRelation.self),
            "image": ["type": "string", "description": "data:image/png;base64,… (at most 300 KB)"]]])
        routes.schema("WorkOrder", ["type": "object", "properties": [
            "id": str, "number": str, "ticketId": optStr, "ticketNumber": optStr, "kind": JSONValue.enumOf(WorkOrderKind.self), "location": str, "description": str,
            "requesterName": str, "requesterPhone": str, "orgUnitId": str, "status": JSONValue.enumOf(WorkOrderStatus.self), "issuedBy": str, "issuedAt": str,
            "appointmentAt": optStr, "appointmentNote": optStr, "technicianId": optStr, "acceptedAt": optStr,
            "arriveDueAt": ["type": ["string", "null"], "description": "acceptance + 5 minutes (WO-02)"], "departedAt": optStr, "arrivedAt": optStr,
            "arrivedLate": ["type": ["boolean", "null"]], "startedAt": optStr, "finishedAt": optStr, "workNotes": str, "materials": str, "completedAt": optStr,
            "keptUntil": ["type": ["string", "null"], "description": "RET-02: kept until this day"], "returnVisitAt": optStr, "returnVisitNote": optStr,
            "contentSha256": str,
            "signature": ["type": ["object", "null"], "properties": [
                "signerName": str, "signerRelation": JSONValue.enumOf(WorkOrderSignerRelation.self), "signedAt": str, "imageSha256": str,
                "imageBytes": ["type": "integer"], "contentSha256": str, "contentMatches": ["type": "boolean"]]],
            "actions": ["type": "array", "items": str],
            "area": optStr, "assignedTo": ["type": ["string", "null"], "description": "WO-05: the area's responsible person or the technician on duty at issue"],
            "assignedBy": ["type": ["string", "null"], "description": "area (the area's responsible person) or duty (on duty at issue)"],
            "materialsDocumentId": ["type": ["string", "null"], "description": "#14 item 1: the issue document (出库) of the materials used, when the unit's store issued them"],
            "materialsDocumentNumber": optStr]])
        routes.pageSchema("WorkOrderPage", item: "WorkOrder")

        routes.add(.init(.get, "/api/v1/work-orders", summary: "Work orders in the caller's scope (mine=1: the technician's own open orders)", tag: "work-orders",
                         response: "WorkOrderPage", query: ["mine", "open", "status", "kind", "late", "q", "from", "to", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await orders.list(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/work-orders", summary: "Issue a work order (CS duty staff; every field required, WO-01, WO-05, WO-06)", tag: "work-orders",
                         request: "WorkOrderInput", response: "WorkOrder", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await orders.issue(try await JSONIO.decode(WorkOrderInput.self, from: request), by: principal), status: .created)
        }
        WorkOrderFollowUpAPI.register(routes, orders: orders) // #14 WO-10
        routes.add(.init(.get, "/api/v1/work-orders/{id}", summary: "One work order", tag: "work-orders", response: "WorkOrder")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await orders.get(id: try context.parameters.require("id"), viewer: principal))
        }
        for step in WorkOrderStep.allCases where step != .signature {
            routes.add(.init(.post, "/api/v1/work-orders/{id}/\(step.rawValue)", summary: "Work order: \(step.rawValue) (4.8)", tag: "work-orders",
                             request: "WorkOrderStepInput", response: "WorkOrder")) { request, context in
                let principal = try context.requirePrincipal()
                let input = try await JSONIO.decode(WorkOrderStepInput.self, from: request)
                return try JSONIO.response(try await orders.step(step, id: try context.parameters.require("id"), input, by: principal))
            }
        }
        routes.add(.init(.post, "/api/v1/work-orders/{id}/signature", summary: "The requester's signature drawn on the device (WO-07, WO-08)", tag: "work-orders",
                         request: "WorkOrderSignatureInput", response: "WorkOrder")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(WorkOrderSignatureInput.self, from: request)
            return try JSONIO.response(try await orders.sign(id: try context.parameters.require("id"), input, by: principal))
        }
    }
}
