import KefuDomain
import KefuPlatform

/// D5 in the API: each business department's stocktake approver, and an administrator naming it.
struct StocktakeApproversAPI: Sendable {
    let stocktakes: StocktakeService

    func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let row: JSONValue = ["type": "object", "properties": [
            "departmentId": str, "departmentCode": str, "departmentName": str, "role": optStr, "userId": optStr, "userName": optStr,
            "isDefault": ["type": "boolean"], "canEdit": ["type": "boolean"]]]
        routes.schema("StocktakeApprover", row)
        routes.schema("StocktakeApproverList", ["type": "object", "properties": ["items": ["type": "array", "items": row]]])
        routes.schema("StocktakeApproverInput", ["type": "object", "properties": [
            "role": ["type": "string", "enum": .array(StocktakeApproval.nameableRoles.map { .string($0.rawValue) })],
            "userId": str, "username": str]])
        let s = stocktakes
        routes.add(.init(.get, "/api/v1/stocktake-approvers", summary: "Who approves each business department's stocktakes (D5: the department manager unless named)",
                         tag: "stocktakes", response: "StocktakeApproverList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await s.approvers(viewer: principal)))
        }
        routes.add(.init(.put, "/api/v1/stocktake-approvers/{id}", summary: "Name a department's stocktake approver: a role or one person; neither returns to the default (administrator, D5)",
                         tag: "stocktakes", request: "StocktakeApproverInput", response: "StocktakeApprover")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await s.setApprover(departmentId: try context.parameters.require("id"),
                                                               try await JSONIO.decode(StocktakeApproverInput.self, from: request), by: principal))
        }
    }
}
