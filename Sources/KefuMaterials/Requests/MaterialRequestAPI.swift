import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of material requests (API.md "Requests", 4.4, REQ-01..09, RPT-05).
struct MaterialRequestAPI: Sendable {
    let requests: MaterialRequestService

    func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optional: JSONValue = ["type": ["string", "null"]]
        let number: JSONValue = ["type": "number"]
        let bool: JSONValue = ["type": "boolean"]
        routes.schema("MaterialRequestInput", ["type": "object", "required": ["kind", "reason", "lines"], "properties": [
            "orgUnitId": str, "kind": ["type": "string", "enum": .array(MaterialRequestKind.allCases.map { .string($0.rawValue) })],
            "urgency": ["type": "string", "enum": .array(MaterialRequestUrgency.allCases.map { .string($0.rawValue) })], "reason": str, "urgentRelease": bool,
            "lines": ["type": "array", "items": ["type": "object", "properties": ["itemId": str, "itemCode": str, "quantity": number, "note": str]]]]])
        routes.schema("MaterialRequestStep", ["type": "object", "properties": [
            "comment": str, "source": ["type": "string", "enum": .array(MaterialRequestSource.allCases.map { .string($0.rawValue) })],
            "orderRef": str, "supplierId": str, "note": str]])
        routes.schema("MaterialRequest", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "orgUnitName": str, "kind": str, "urgency": str, "reason": str,
            "state": ["type": "string", "enum": .array(MaterialRequestState.allCases.map { .string($0.rawValue) })], "version": number,
            "source": optional, "urgentRelease": bool, "backfillPending": bool, "plannerDueAt": optional, "plannerBreached": bool, "filedAtHQ": optional,
            "orderRef": optional, "supplierId": optional, "shippedAt": optional, "arrivedAt": optional, "closedAt": optional, "waitingFor": optional,
            "createdBy": str, "createdAt": str, "lines": ["type": "array"], "signatures": ["type": "array"], "arrivalChecks": ["type": "array"]]])
        routes.schema("MaterialRequestPage", ["type": "object", "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/MaterialRequest"]],
                                                                              "page": number, "per": number, "total": number]])
        routes.schema("OpenRequestsReport", ["type": "object", "properties": ["total": number, "byState": ["type": "object"], "plannerBreaches": number,
                                                                             "backfillsOpen": number, "items": ["type": "array"]]])
        routes.add(.init(.get, "/api/v1/material-requests", summary: "Material requests in the caller's scope (4.4); state=open|<state>, backfill=1, filed=1",
                         tag: "materials", response: "MaterialRequestPage", query: ["state", "orgUnitId", "backfill", "filed", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await requests.list(state: q["state"], orgUnitId: q["orgUnitId"], backfill: q["backfill"] == "1",
                                                               filedAtHQ: q["filed"] == "1", paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/material-requests", summary: "Write a material request 内部联络单 (REQ-01/02); urgentRelease: REQ-09",
                         tag: "materials", request: "MaterialRequestInput", response: "MaterialRequest", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await requests.create(try await JSONIO.decode(MaterialRequestInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/material-requests/{id}", summary: "One material request with its lines and signatures", tag: "materials",
                         response: "MaterialRequest")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await requests.request(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/material-requests/{id}", summary: "Edit a draft (its version grows by one)", tag: "materials",
                         request: "MaterialRequestInput", response: "MaterialRequest")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(MaterialRequestInput.self, from: request)
            return try JSONIO.response(try await requests.update(id: try context.parameters.require("id"), input, by: principal))
        }
        for action in MaterialRequestAction.allCases {
            routes.add(.init(.post, "/api/v1/material-requests/{id}/\(action.rawValue)", summary: "Material request: \(action.rawValue) (4.4)", tag: "materials",
                             request: "MaterialRequestStep", response: "MaterialRequest")) { request, context in
                let principal = try context.requirePrincipal()
                let input = try await JSONIO.decode(MaterialRequestStepInput.self, from: request)
                return try JSONIO.response(try await requests.act(action, id: try context.parameters.require("id"), input, by: principal))
            }
        }
        routes.add(.init(.post, "/api/v1/material-requests/{id}/backfill", summary: "File the form of an urgent release afterwards (REQ-09)", tag: "materials",
                         request: "MaterialRequestStep", response: "MaterialRequest")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(MaterialRequestStepInput.self, from: request)
            return try JSONIO.response(try await requests.backfill(id: try context.parameters.require("id"), input, by: principal))
        }
        routes.add(.init(.get, "/api/v1/reports/open-requests", summary: "Weekly progress of open material requests (REQ-08, RPT-05)", tag: "materials",
                         response: "OpenRequestsReport", query: ["orgUnitId"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await requests.openReport(orgUnitId: request.queryDictionary["orgUnitId"], viewer: principal))
        }
    }
}
