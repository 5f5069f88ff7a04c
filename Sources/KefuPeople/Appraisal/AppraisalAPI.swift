import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the appraisal reward and penalty plans (#15.5 KPI-04, API.md "People").
public struct AppraisalAPI: Sendable {
    let plans: AppraisalService

    public init(plans: AppraisalService) { self.plans = plans }

    public func register(_ routes: ApiRoutes) {
        AppraisalSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/appraisal-plans", summary: "Appraisal plans of the caller's unit and below (KPI-04); status=submitted: awaiting the general manager",
                         tag: "people", response: "AppraisalPlanPage", query: ["status", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await plans.plans(viewer: principal, status: q["status"], paging: try Paging.from(q)))
        }
        routes.add(.init(.post, "/api/v1/appraisal-plans", summary: "A department head drafts a month's reward and penalty plan for its subordinates (KPI-04)",
                         tag: "people", request: "AppraisalPlanInput", response: "AppraisalPlan", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.create(try await JSONIO.decode(AppraisalPlanInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/appraisal-plans/my-lines", summary: "The effective reward and penalty lines about the caller (KPI-04: only GM-approved plans count)",
                         tag: "people", response: "MyAppraisalLinePage", query: ["page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.myLines(viewer: principal, paging: try Paging.from(request.queryDictionary)))
        }
        routes.add(.init(.get, "/api/v1/appraisal-plans/{id}", summary: "An appraisal plan", tag: "people", response: "AppraisalPlan")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.plan(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/appraisal-plans/{id}", summary: "Rewrite a draft or returned plan (KPI-04); 409 plan_state once submitted or effective",
                         tag: "people", request: "AppraisalPlanInput", response: "AppraisalPlan")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await plans.update(id: try context.parameters.require("id"), try await JSONIO.decode(AppraisalPlanInput.self, from: request), by: principal))
        }
        for step in AppraisalRules.Step.allCases {
            let summary: String
            switch step {
            case .submit: summary = "A head of the unit submits the plan to the general manager (KPI-04); 409 plan_state"
            case .approve: summary = "The general manager approves: the plan takes effect (KPI-04); 409 own_plan or plan_state"
            case .return: summary = "The general manager returns the plan with a reason (note); it is editable again (KPI-04)"
            }
            routes.add(.init(.post, "/api/v1/appraisal-plans/{id}/\(step.rawValue)", summary: summary, tag: "people", request: "Decision", response: "AppraisalPlan")) { request, context in
                let principal = try context.requirePrincipal()
                let input = try await JSONIO.decode(DecisionInput.self, from: request)
                return try JSONIO.response(try await plans.step(step, id: try context.parameters.require("id"), note: input.note, by: principal))
            }
        }
    }
}

enum AppraisalSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let money: JSONValue = ["type": "string", "pattern": "^[0-9]+\\.[0-9]{2}$", "description": "yuan, exact"]
        let kind: JSONValue = ["type": "string", "enum": ["reward", "penalty"]]
        routes.schema("AppraisalPlanInput", ["type": "object", "required": ["orgUnitId", "period", "lines"], "properties": [
            "orgUnitId": str, "period": ["type": "string", "description": "YYYY-MM"],
            "lines": ["type": "array", "minItems": 1, "maxItems": 200, "items": ["type": "object", "required": ["userId", "kind", "amount", "reason"], "properties": [
                "userId": str, "kind": kind, "amount": ["type": "string", "description": "yuan, at most two decimals: \"200\", \"1,500.50\""],
                "reason": ["type": "string", "maxLength": 500], "evidence": ["type": "string", "maxLength": 100]]]]]])
        routes.schema("AppraisalPlan", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "orgUnitName": str, "period": str,
            "status": ["type": "string", "enum": ["draft", "submitted", "effective", "returned"]], "authorId": str, "authorName": str,
            "submittedAt": optStr, "decidedBy": optStr, "decidedByName": optStr, "decidedAt": optStr, "decisionNote": optStr,
            "lines": ["type": "array", "items": ["type": "object", "properties": [
                "userId": str, "userName": str, "kind": kind, "amount": money, "reason": str, "evidence": str]]],
            "rewardTotal": money, "penaltyTotal": money, "createdAt": str, "actions": ["type": "array", "items": str]]])
        routes.pageSchema("AppraisalPlanPage", item: "AppraisalPlan")
        routes.schema("MyAppraisalLine", ["type": "object", "properties": [
            "planId": str, "planNumber": str, "period": str, "orgUnitName": str, "kind": kind, "amount": money, "reason": str, "evidence": str, "effectiveAt": optStr]])
        routes.pageSchema("MyAppraisalLinePage", item: "MyAppraisalLine")
    }
}
