import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the tool loans (API.md "Requests, arrivals, damaged parts, freight, loans": tool-loans; LND-01/02/04).
struct ToolLoanAPI: Sendable {
    let loans: ToolLoanService

    func register(_ routes: ApiRoutes) {
        ToolLoanSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/tool-loans", summary: "The tool-loan register: open, overdue or all loans (LND-02)", tag: "tool-loans",
                         response: "ToolLoanPage", query: ["view", "warehouseId", "orgUnitId", "from", "to", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await loans.list(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/tool-loans", summary: "Lend a site's tool to a work group (the site's keeper or lead, LND-01)", tag: "tool-loans",
                         request: "ToolLoanInput", response: "ToolLoan", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await loans.create(try await JSONIO.decode(ToolLoanInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/tool-loans/{id}", summary: "One tool loan", tag: "tool-loans", response: "ToolLoan")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await loans.get(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/tool-loans/{id}/return", summary: "The whole loan returned, signed off by the site lead (LND-01, LND-04)",
                         tag: "tool-loans", request: "ToolLoanReturn", response: "ToolLoan")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await loans.returnLoan(id: try context.parameters.require("id"),
                                                                  try await JSONIO.decode(ToolLoanReturnInput.self, from: request), by: principal))
        }
    }
}

enum ToolLoanSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let date: JSONValue = ["type": "string", "format": "date"]
        let qty: JSONValue = ["oneOf": [["type": "number", "exclusiveMinimum": 0], ["type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,3})?$"]]]
        routes.schema("ToolLoanInput", ["type": "object", "required": ["warehouseId", "quantity", "borrower", "workGroup", "purpose", "dueOn"], "properties": [
            "warehouseId": str, "itemId": ["type": "string", "description": "an item of the warehouse's on-hand list"],
            "itemCode": ["type": "string", "description": "the item's code instead of its id"], "quantity": qty,
            "borrower": ["type": "string", "maxLength": 100], "workGroup": ["type": "string", "maxLength": 100], "purpose": ["type": "string", "maxLength": 500],
            "lentOn": ["type": "string", "format": "date", "description": "default today"], "dueOn": date]])
        routes.schema("ToolLoanReturn", ["type": "object", "properties": [
            "returnedOn": ["type": "string", "format": "date", "description": "default today"], "condition": JSONValue.enumOf(ToolLoanCondition.self),
            "note": ["type": "string", "maxLength": 500, "description": "required when damaged (LND-04)"]]])
        routes.schema("ToolLoan", ["type": "object", "properties": [
            "id": str, "number": str, "warehouseId": str, "warehouseCode": str, "warehouseName": str, "orgUnitId": str,
            "itemId": str, "itemCode": str, "itemName": str, "spec": str, "unit": str, "quantity": ["type": "number"],
            "borrower": str, "workGroup": str, "purpose": str, "lentOn": date, "dueOn": date, "status": JSONValue.enumOf(ToolLoanStatus.self),
            "daysOverdue": ["type": ["integer", "null"], "description": "calendar days past the due date while open"],
            "createdBy": str, "createdByName": optStr, "createdAt": str, "returnedOn": optStr, "returnedQuantity": ["type": ["number", "null"]],
            "condition": optStr, "returnNote": optStr, "sentToRepair": ["type": "boolean"], "signedOffBy": optStr, "signedOffByName": optStr,
            "signedOffAt": optStr, "actions": ["type": "array", "items": str]]])
        routes.pageSchema("ToolLoanPage", item: "ToolLoan")
    }
}
