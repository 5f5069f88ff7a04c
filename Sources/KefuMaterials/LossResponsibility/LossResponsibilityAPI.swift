import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the material-loss responsibility records (API.md "loss-responsibilities", #15.5 KPI-06).
struct LossResponsibilityAPI: Sendable {
    let losses: LossResponsibilityService

    func register(_ routes: ApiRoutes) {
        LossResponsibilitySchemas.register(routes)
        routes.add(.init(.get, "/api/v1/materials/loss-responsibilities", summary: "Material-loss responsibility records in the caller's scope (KPI-06)",
                         tag: "materials", response: "LossResponsibilityPage", query: ["orgUnitId", "status", "cause", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await losses.records(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/materials/loss-responsibilities", summary: "Record a material loss at a site; the site chief is responsible unless another is named (KPI-06)",
                         tag: "materials", request: "LossResponsibilityInput", response: "LossResponsibility", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await losses.register(try await JSONIO.decode(LossResponsibilityInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/materials/loss-responsibilities/{id}", summary: "One record with its lines, steps and the caller's allowed actions",
                         tag: "materials", response: "LossResponsibility")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await losses.record(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/materials/loss-responsibilities/{id}/propose", summary: "The business department proposes the penalty: amount (yuan) and/or text (KPI-06)",
                         tag: "materials", request: "LossPenaltyInput", response: "LossResponsibility")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await losses.propose(id: try context.parameters.require("id"), try await JSONIO.decode(LossPenaltyInput.self, from: request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/materials/loss-responsibilities/{id}/approve", summary: "业务管理部 approves the proposed penalty; the responsible person is told",
                         tag: "materials", request: "LossDecisionInput", response: "LossResponsibility")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await losses.approve(id: try context.parameters.require("id"), try await DamagedPartsAPI.body(request, LossDecisionInput()), by: principal))
        }
        routes.add(.init(.post, "/api/v1/materials/loss-responsibilities/{id}/reject", summary: "业务管理部 rejects the proposal with a reason; the business department may propose again",
                         tag: "materials", request: "LossDecisionInput", response: "LossResponsibility")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await losses.reject(id: try context.parameters.require("id"), try await DamagedPartsAPI.body(request, LossDecisionInput()), by: principal))
        }
    }
}

enum LossResponsibilitySchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let amount: JSONValue = ["oneOf": [["type": "number", "minimum": 0], ["type": "string"]], "description": "yuan, exact to the fen (\"350.00\")"]
        let qty: JSONValue = ["oneOf": [["type": "number", "minimum": 0], ["type": "string"]], "description": "exact to 0.001"]
        routes.schema("LossResponsibilityInput", ["type": "object", "required": ["orgUnitId", "cause", "description", "lines"], "properties": [
            "orgUnitId": ["type": "string", "description": "the site (现场)"], "cause": JSONValue.enumOf(LossCause.self), "description": str,
            "responsibleId": ["type": "string", "description": "user id or user name; default: the site's chief (site_lead)"],
            "linkNumber": ["type": "string", "description": "a stocktake (PD-…) or damaged part (SH-…) number"],
            "lines": ["type": "array", "minItems": 1, "items": ["type": "object", "required": ["itemId", "quantity", "value"],
                                                               "properties": ["itemId": str, "quantity": qty, "value": amount]]]]])
        routes.schema("LossPenaltyInput", ["type": "object", "properties": ["amount": amount, "text": str]])
        routes.schema("LossDecisionInput", ["type": "object", "properties": ["reason": str]])
        routes.schema("LossResponsibility", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "orgUnitName": str, "orgPath": str, "cause": JSONValue.enumOf(LossCause.self), "description": str,
            "responsibleId": str, "responsibleName": str, "linkKind": optStr, "linkId": optStr, "linkNumber": optStr, "total": str,
            "status": JSONValue.enumOf(LossResponsibilityStatus.self), "penaltyAmount": optStr, "penaltyText": optStr, "decisionNote": optStr,
            "createdBy": str, "createdAt": ["type": "integer"],
            "lines": ["type": "array", "items": ["type": "object", "properties": [
                "lineNo": ["type": "integer"], "itemId": str, "itemCode": str, "itemName": str, "unit": str, "quantity": str, "value": str]]],
            "steps": ["type": "array", "items": ["type": "object", "properties": [
                "action": str, "actorId": str, "actorName": str, "note": str, "amount": optStr, "at": ["type": "integer"]]]],
            "actions": ["type": "array", "items": str]]])
        routes.pageSchema("LossResponsibilityPage", item: "LossResponsibility")
    }
}
