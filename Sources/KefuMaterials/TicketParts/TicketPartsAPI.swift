import Hummingbird
import KefuDomain
import KefuPlatform

/// #13.6: a ticket's parts through the API. A materials route: the ticket comes through `MaterialTicketDesk`.
struct TicketPartsAPI: Sendable {
    let parts: TicketPartsService

    func register(_ routes: ApiRoutes) {
        Self.schemas(routes)
        routes.add(.init(.get, "/api/v1/reports/ticket-parts", summary: "Parts consumed per customer, turbine and fault type over a period (#13.6)", tag: "materials",
                         response: "TicketPartsReport", query: ["from", "to", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await parts.report(q, paging: try Paging.from(q, defaultPer: 50), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/tickets/{id}/parts", summary: "Parts issued for a ticket and broken parts removed on it (#13.6)", tag: "materials",
                         response: "TicketParts")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await parts.list(ticketId: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/tickets/{id}/parts", summary: "Issue parts for a ticket and register the removed broken parts, in one step (#13.6, ISS-02, DMG-02)",
                         tag: "materials", request: "TicketPartsInput", response: "TicketPartsResult", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(TicketPartsInput.self, from: request)
            return try JSONIO.response(try await parts.issue(ticketId: try context.parameters.require("id"), input, by: principal), status: .created)
        }
    }

    static func schemas(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let qty: JSONValue = ["type": "number"]
        routes.schema("TicketPartsInput", ["type": "object", "required": ["warehouseId", "lines"], "properties": [
            "warehouseId": str, "turbineNumber": str, "date": ["type": "string", "format": "date"], "remark": str,
            "lines": ["type": "array", "minItems": 1, "items": ["type": "object", "required": ["quantity"], "properties": [
                "itemId": str, "itemCode": str, "quantity": ["oneOf": [["type": "number", "minimum": 0], ["type": "string"]]], "remark": str]]],
            "removed": ["type": "array", "items": ["$ref": "#/components/schemas/DamagedPartInput"],
                        "description": "broken parts removed, registered with the ticket (warehouseId defaults to the site's damaged warehouse)"]]])
        routes.schema("TicketPartsResult", ["type": "object", "properties": [
            "ticketId": str, "ticketNumber": str, "document": ["$ref": "#/components/schemas/StockDocument"],
            "removed": ["type": "array", "items": ["$ref": "#/components/schemas/DamagedPart"]]]])
        routes.schema("TicketPartsReport", ["type": "object", "properties": [
            "from": str, "to": str,
            "rows": ["type": "object", "properties": ["page": ["type": "integer"], "per": ["type": "integer"], "total": ["type": "integer"],
                "items": ["type": "array", "items": ["type": "object", "properties": [
                    "customer": str, "turbineNumber": str, "faultType": str, "itemCode": str, "itemName": str, "unit": str, "quantity": qty, "audited": qty,
                    "tickets": ["type": "integer"]]]]]]]])
        routes.schema("TicketParts", ["type": "object", "properties": [
            "used": ["type": "array", "items": ["type": "object", "properties": [
                "documentId": str, "documentNumber": str, "status": JSONValue.enumOf(DocumentStatus.self), "date": str, "itemCode": str, "itemName": str,
                "unit": str, "quantity": qty]]],
            "removed": ["type": "array", "items": ["type": "object", "properties": [
                "id": str, "number": str, "itemCode": str, "itemName": str, "quantity": qty, "turbineNumber": str,
                "status": JSONValue.enumOf(DamagedPartStatus.self)]]],
            "warehouses": ["type": "array", "items": ["$ref": "#/components/schemas/Warehouse"]]]])
    }
}
