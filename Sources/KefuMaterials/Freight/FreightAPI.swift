import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of freight (API.md "Requests, arrivals, damaged parts, freight, loans"; FRT-01..06, RPT-12).
struct FreightAPI: Sendable {
    let freight: FreightService

    func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let money: JSONValue = ["oneOf": [["type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$"], ["type": "number", "exclusiveMinimum": 0]],
                                "description": "yuan (CNY), at most two decimals"]
        routes.schema("FreightPriceInput", ["type": "object", "required": ["route", "vehicleType", "price", "effectiveFrom"], "properties": [
            "route": str, "vehicleType": str, "price": money, "effectiveFrom": ["type": "string", "format": "date"]]])
        routes.schema("FreightPrice", ["type": "object", "properties": [
            "id": ["type": "string", "description": "the routeId a freight record names"], "route": str, "vehicleType": str, "price": str, "currency": str,
            "effectiveFrom": str, "effectiveTo": optStr, "current": ["type": "boolean"], "createdBy": str, "createdAt": str]])
        routes.itemsSchema("FreightPriceList", item: "FreightPrice")
        routes.schema("FreightInput", ["type": "object", "required": ["shipmentRef", "mode", "cost"], "properties": [
            "shipmentRef": str, "mode": JSONValue.enumOf(FreightMode.self), "routeId": ["type": "string", "description": "a freight-price id (required for rented_vehicle)"],
            "cost": money, "orgUnitId": ["type": "string", "description": "the site (default: the caller's unit)"],
            "shippedOn": ["type": "string", "format": "date"], "note": str]])
        routes.schema("FreightDecision", ["type": "object", "properties": ["comment": ["type": "string", "description": "required to reject"]]])
        routes.schema("Freight", ["type": "object", "properties": [
            "id": str, "number": str, "shipmentRef": str, "mode": JSONValue.enumOf(FreightMode.self), "routeId": optStr, "route": optStr, "vehicleType": optStr,
            "referencePrice": optStr, "referenceLimit": optStr, "cost": str, "currency": str, "orgUnitId": str, "departmentId": str, "shippedOn": str, "note": str,
            "approvalNeeded": JSONValue.enumOf(FreightApproval.self), "status": JSONValue.enumOf(FreightStatus.self),
            "decidedBy": optStr, "decidedAt": optStr, "decisionComment": optStr, "createdBy": str, "createdAt": str,
            "actions": ["type": "array", "items": str]]])
        routes.pageSchema("FreightPage", item: "Freight")
        routes.schema("FreightExceptionReport", ["type": "object", "properties": [
            "from": optStr, "to": optStr,
            "groups": ["type": "array", "items": ["type": "object", "properties": [
                "month": str, "departmentId": str, "departmentName": str, "count": ["type": "integer"], "cost": str, "overReference": str,
                "approved": ["type": "integer"], "rejected": ["type": "integer"], "awaiting": ["type": "integer"], "notNeeded": ["type": "integer"]]]],
            "records": ["$ref": "#/components/schemas/FreightPage"]]])

        routes.add(.init(.get, "/api/v1/freight-prices", summary: "HQ's reference freight prices, current and history (FRT-01)", tag: "freight",
                         response: "FreightPriceList", query: ["route"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await freight.prices(route: request.queryDictionary["route"], viewer: principal)))
        }
        routes.add(.init(.post, "/api/v1/freight-prices", summary: "Add a reference price from a day (业务管理部; a later day supersedes, never edited, FRT-01)",
                         tag: "freight", request: "FreightPriceInput", response: "FreightPrice", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await freight.addPrice(try await JSONIO.decode(FreightPriceInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/freight", summary: "Freight records in the caller's scope", tag: "freight", response: "FreightPage",
                         query: ["orgUnitId", "mode", "status", "approvalNeeded", "from", "to", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await freight.list(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/freight", summary: "Record a shipment's freight; the rule says what approval it needs (FRT-03..06)", tag: "freight",
                         request: "FreightInput", response: "Freight", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await freight.record(try await JSONIO.decode(FreightInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/freight/{id}", summary: "One freight record", tag: "freight", response: "Freight")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await freight.get(id: try context.parameters.require("id"), viewer: principal))
        }
        for decision in FreightDecision.allCases {
            routes.add(.init(.post, "/api/v1/freight/{id}/\(decision.rawValue)", summary: "Freight: \(decision.rawValue) (the business department, FRT-04..06)",
                             tag: "freight", request: "FreightDecision", response: "Freight")) { request, context in
                let principal = try context.requirePrincipal()
                let input = try await JSONIO.decode(FreightDecisionInput.self, from: request)
                return try JSONIO.response(try await freight.decide(decision, id: try context.parameters.require("id"), input, by: principal))
            }
        }
        routes.add(.init(.get, "/api/v1/reports/freight-exceptions", summary: "Freight above reference or needing approval, by month and department (RPT-12)",
                         tag: "freight", response: "FreightExceptionReport", query: ["from", "to", "orgUnitId", "mode", "status", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await freight.exceptionReport(q, paging: try Paging.from(q), viewer: principal))
        }
    }
}
