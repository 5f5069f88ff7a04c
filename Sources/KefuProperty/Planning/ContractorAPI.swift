import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of PRP-05 outsourced services (保洁/绿化/消杀).
public struct ContractorAPI: Sendable {
    let contractors: ContractorService

    public init(contractors: ContractorService) { self.contractors = contractors }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let date: JSONValue = ["type": "string", "format": "date"]
        let score: JSONValue = ["type": "object", "required": ["criterion", "score"], "properties": ["criterion": str, "score": ["type": "integer", "minimum": 0, "maximum": 100]]]
        routes.schema("PropertyContractorInput", ["type": "object", "required": ["serviceType", "company", "contractFrom", "contractTo"], "properties": [
            "serviceType": JSONValue.enumOf(ContractorServiceType.self), "company": str, "contact": str, "contractFrom": date, "contractTo": date]])
        routes.schema("PropertyContractorPlanInput", ["type": "object", "required": ["month", "content"], "properties": ["month": ["type": "string", "description": "YYYY-MM"], "content": str]])
        routes.schema("PropertyContractorReviewInput", ["type": "object", "properties": ["reason": ["type": "string", "description": "required to return"]]])
        routes.schema("PropertyContractorEvaluationInput", ["type": "object", "required": ["evaluator", "scores"], "properties": [
            "evaluatedOn": date, "evaluator": str, "scores": ["type": "array", "items": score], "remarks": str]])
        routes.schema("PropertyContractor", ["type": "object", "properties": [
            "id": str, "number": ["type": "string", "description": "WB-000001"], "estateId": str, "estateName": str,
            "serviceType": JSONValue.enumOf(ContractorServiceType.self), "company": str, "contact": optStr, "contractFrom": str, "contractTo": str,
            "plans": ["type": "array", "items": ["type": "object", "properties": [
                "id": str, "month": str, "content": str, "status": JSONValue.enumOf(ContractorPlanStatus.self), "reviewNote": optStr, "reviewedBy": optStr]]],
            "evaluations": ["type": "array", "items": ["type": "object", "properties": [
                "id": str, "evaluatedOn": str, "evaluator": str, "scores": ["type": "array", "items": score],
                "overall": ["type": "string", "description": "mean of the criteria, one decimal, half-up"], "passed": ["type": "boolean", "description": "overall ≥ 80.0 and no criterion under 60"],
                "remarks": optStr]]]]])
        routes.itemsSchema("PropertyContractorList", item: "PropertyContractor")

        routes.add(.init(.get, "/api/v1/property/estates/{id}/contractors", summary: "The estate's outsourced contractors (PRP-05)", tag: "property",
                         response: "PropertyContractorList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(["items": try await contractors.contractors(estateId: try context.parameters.require("id"), viewer: principal)])
        }
        routes.add(.init(.post, "/api/v1/property/estates/{id}/contractors", summary: "Register a contractor: cleaning, greening or pest control (PRP-05, WB-…)",
                         tag: "property", request: "PropertyContractorInput", response: "PropertyContractor", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await contractors.create(estateId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/property/contractors/{id}", summary: "A contractor with its plans and evaluations (PRP-05)", tag: "property",
                         response: "PropertyContractor")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await contractors.contractor(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/property/contractors/{id}/plans", summary: "Hand in the contractor's monthly plan for review (PRP-05)", tag: "property",
                         request: "PropertyContractorPlanInput", response: "PropertyContractor", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await contractors.addPlan(contractorId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/property/contractors/{id}/evaluations", summary: "A quality evaluation scored per criterion (PRP-05)", tag: "property",
                         request: "PropertyContractorEvaluationInput", response: "PropertyContractor", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(ContractorEvaluationBody.self, from: request)
            return try JSONIO.response(try await contractors.evaluate(contractorId: try context.parameters.require("id"), body, by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/property/contractor-plans/{id}/approve", summary: "Approve a contractor's plan (PRP-05)", tag: "property",
                         request: "PropertyContractorReviewInput", response: "PropertyContractor")) { request, context in
            let principal = try context.requirePrincipal()
            let body = (try? await JSONIO.decode(FlatBody.self, from: request)) ?? FlatBody([:])
            return try JSONIO.response(try await contractors.review(planId: try context.parameters.require("id"), approve: true, body, by: principal))
        }
        routes.add(.init(.post, "/api/v1/property/contractor-plans/{id}/return", summary: "Return a contractor's plan with a reason (PRP-05)", tag: "property",
                         request: "PropertyContractorReviewInput", response: "PropertyContractor")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await contractors.review(planId: try context.parameters.require("id"), approve: false, body, by: principal))
        }
    }
}
