import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of PRP-08 next month's work plans (#14 item 2).
public struct WorkPlanAPI: Sendable {
    let plans: WorkPlanService

    public init(plans: WorkPlanService) { self.plans = plans }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let line: JSONValue = ["type": "object", "required": ["item", "owner", "targetDate"], "properties": [
            "item": ["type": "string", "description": "工作事项"], "owner": ["type": "string", "description": "责任人"], "targetDate": ["type": "string", "format": "date"]]]
        routes.schema("PropertyWorkPlanInput", ["type": "object", "required": ["month", "lines"], "properties": [
            "orgUnitId": ["type": "string", "description": "the service centre; default the caller's unit"], "month": ["type": "string", "description": "YYYY-MM, the month planned"],
            "lines": ["type": "array", "items": line]]])
        routes.schema("PropertyWorkPlanReturnInput", ["type": "object", "required": ["reason"], "properties": ["reason": str]])
        routes.schema("PropertyWorkPlan", ["type": "object", "properties": [
            "id": str, "number": ["type": "string", "description": "JH-YYYYMM-0001"], "orgUnitId": str, "unitName": str, "month": str,
            "status": JSONValue.enumOf(WorkPlanStatus.self), "dueOn": ["type": "string", "description": "the 25th of the month before (D11)"],
            "firstSubmittedOn": optStr, "late": ["type": "boolean"], "returnReason": optStr, "lines": ["type": "array", "items": line],
            "steps": ["type": "array", "items": ["type": "object", "properties": ["action": str, "reason": optStr, "at": ["type": "integer"], "by": str]]],
            "actions": ["type": "array", "items": str]]])
        routes.itemsSchema("PropertyWorkPlanList", item: "PropertyWorkPlan")
        routes.schema("PropertyWorkPlanStanding", ["type": "object", "properties": [
            "month": str, "dueOn": str, "rows": ["type": "array", "items": ["type": "object", "properties": [
                "orgUnitId": str, "unitName": str, "month": str, "dueOn": str, "standing": JSONValue.enumOf(WorkPlanStanding.self),
                "planId": optStr, "number": optStr, "status": optStr, "firstSubmittedOn": optStr]]]]])

        routes.add(.init(.get, "/api/v1/property/work-plans", summary: "Next month's work plans in the caller's scope (PRP-08)", tag: "property",
                         response: "PropertyWorkPlanList", query: ["month", "status"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(["items": try await plans.plans(request.queryDictionary, viewer: principal)])
        }
        routes.add(.init(.post, "/api/v1/property/work-plans", summary: "Write a service centre's plan for a month (PRP-08, JH-…)", tag: "property",
                         request: "PropertyWorkPlanInput", response: "PropertyWorkPlan", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.create(try await JSONIO.decode(WorkPlanBody.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/work-plan-standing", summary: "Service centres whose plan for a month (default next) is missing or late (PRP-08, D11)",
                         tag: "property", response: "PropertyWorkPlanStanding", query: ["month"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.standing(request.queryDictionary, viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/property/work-plans/{id}", summary: "A work plan with its lines and approval trail (PRP-08)", tag: "property",
                         response: "PropertyWorkPlan")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.plan(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/property/work-plans/{id}", summary: "Rewrite a draft or returned plan's lines (PRP-08)", tag: "property",
                         request: "PropertyWorkPlanInput", response: "PropertyWorkPlan")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.update(id: try context.parameters.require("id"), try await JSONIO.decode(WorkPlanBody.self, from: request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/property/work-plans/{id}/submit", summary: "Submit the plan (after the 25th: recorded as late, D11)", tag: "property",
                         response: "PropertyWorkPlan")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.submit(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/property/work-plans/{id}/approve", summary: "Approve the current stage: project manager, then company (PRP-08)", tag: "property",
                         response: "PropertyWorkPlan")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.approve(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/property/work-plans/{id}/return", summary: "Return the plan with a reason (either approver, PRP-08)", tag: "property",
                         request: "PropertyWorkPlanReturnInput", response: "PropertyWorkPlan")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.returnPlan(id: try context.parameters.require("id"), try await JSONIO.decode(FlatBody.self, from: request), by: principal))
        }
    }
}
