import Hummingbird
import KefuDomain
import KefuPlatform

/// TKT-05: REST endpoints of the customer flags (劣质客户).
public struct CustomerFlagAPI: Sendable {
    let flags: CustomerFlagService

    public init(flags: CustomerFlagService) { self.flags = flags }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let flag: JSONValue = ["type": "object", "properties": [
            "id": str, "customerId": str, "customerName": str, "status": JSONValue.enumOf(CustomerFlagRules.Status.self), "reason": str,
            "proposedBy": str, "proposedAt": str, "decidedBy": optStr, "decidedAt": optStr, "decisionNote": optStr,
            "clearedBy": optStr, "clearedAt": optStr, "clearNote": optStr]]
        routes.schema("CustomerFlag", flag)
        routes.pageSchema("CustomerFlagPage", item: "CustomerFlag")
        routes.schema("CustomerFlags", ["type": "object", "properties": [
            "customerId": str, "open": ["oneOf": [["$ref": "#/components/schemas/CustomerFlag"], ["type": "null"]]],
            "history": ["type": "array", "items": ["$ref": "#/components/schemas/CustomerFlag"]],
            "mayPropose": ["type": "boolean"], "mayDecide": ["type": "boolean"]]])
        routes.schema("CustomerFlagProposal", ["type": "object", "required": ["reason"], "properties": ["reason": str, "ticketId": str]])
        routes.schema("CustomerFlagDecision", ["type": "object", "properties": ["note": ["type": "string", "description": "required to reject or clear"]]])

        routes.add(.init(.get, "/api/v1/customers/{id}/flags", summary: "The customer's bad-customer flag (open) and its history (TKT-05)",
                         tag: "customers", response: "CustomerFlags")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await flags.flags(customerId: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/customers/{id}/flags", summary: "Propose flagging the customer as bad, with the reason (agents; TKT-05)",
                         tag: "customers", request: "CustomerFlagProposal", response: "CustomerFlags", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await JSONIO.decode(FlatBody.self, from: request)
            return try JSONIO.response(try await flags.propose(customerId: try context.parameters.require("id"), reason: body["reason"],
                                                                   ticketId: body["ticketId"], by: principal), status: .created)
        }
        for step in ["confirm", "reject", "clear"] {
            routes.add(.init(.post, "/api/v1/customers/{id}/flags/\(step)", summary: "A CS supervisor's \(step) of the customer's flag (TKT-05)",
                             tag: "customers", request: "CustomerFlagDecision", response: "CustomerFlags")) { request, context in
                let principal = try context.requirePrincipal()
                let body = try await JSONIO.decode(FlatBody.self, from: request)
                return try JSONIO.response(try await flags.decide(customerId: try context.parameters.require("id"), step: step, note: body["note"], by: principal))
            }
        }
        routes.add(.init(.get, "/api/v1/customer-flags", summary: "Customer flags by status, default the proposals awaiting a CS supervisor (TKT-05)",
                         tag: "customers", response: "CustomerFlagPage", query: ["status", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await flags.list(status: q["status"], paging: try Paging.from(q), viewer: principal))
        }
    }
}
