import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the annual material demand plan (REQ-10, #13.1 item 2).
struct DemandPlanAPI: Sendable {
    let plans: DemandPlanService

    func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optional: JSONValue = ["type": ["string", "null"]]
        let number: JSONValue = ["type": "number"]
        routes.schema("DemandPlanInput", ["type": "object", "required": ["year", "orgUnitId", "lines"], "properties": [
            "year": number, "orgUnitId": str, "note": str,
            "lines": ["type": "array", "items": ["type": "object", "properties": ["itemId": str, "itemCode": str, "quantity": number, "note": str]]]]])
        routes.schema("DemandPlan", ["type": "object", "properties": [
            "id": str, "number": str, "year": number, "orgUnitId": str, "orgUnitName": str,
            "state": ["type": "string", "enum": .array(DemandPlanState.allCases.map { .string($0.rawValue) })], "version": number, "note": str,
            "publishedBy": optional, "publishedByName": optional, "publishedAt": optional, "createdBy": str, "createdAt": str, "updatedAt": str,
            "lines": ["type": "array", "items": ["type": "object", "properties": [
                "lineNo": number, "itemId": str, "itemCode": str, "itemName": str, "spec": str, "unit": str, "quantity": number, "note": str,
                "requested": number, "shipped": number, "remaining": number, "overPlan": ["type": "boolean"]]]]]])
        routes.schema("DemandPlanPage", ["type": "object", "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/DemandPlan"]],
                                                                         "page": number, "per": number, "total": number]])
        routes.add(.init(.get, "/api/v1/demand-plans", summary: "Annual material demand plans the caller reads (REQ-10), with plan against actual per item",
                         tag: "materials", response: "DemandPlanPage", query: ["year", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await plans.list(year: q["year"], paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/demand-plans", summary: "Write a department's annual demand plan (业务管理部, REQ-10)", tag: "materials",
                         request: "DemandPlanInput", response: "DemandPlan", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.create(try await JSONIO.decode(DemandPlanInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/demand-plans/{id}", summary: "One demand plan: lines with requested, shipped and remaining quantities",
                         tag: "materials", response: "DemandPlan")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.plan(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/demand-plans/{id}", summary: "Revise a demand plan (its version grows by one)", tag: "materials",
                         request: "DemandPlanInput", response: "DemandPlan")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(DemandPlanInput.self, from: request)
            return try JSONIO.response(try await plans.update(id: try context.parameters.require("id"), input, by: principal))
        }
        routes.add(.init(.post, "/api/v1/demand-plans/{id}/publish", summary: "Publish a demand plan: filed with production, the department told (REQ-10)",
                         tag: "materials", response: "DemandPlan")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.publish(id: try context.parameters.require("id"), by: principal))
        }
    }
}
