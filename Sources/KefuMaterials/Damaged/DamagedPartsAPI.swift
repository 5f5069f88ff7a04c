import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the damaged-parts register, its return batches and the return status (API.md "damaged-parts";
/// DMG-01..05, RPT-08).
struct DamagedPartsAPI: Sendable {
    let damaged: DamagedPartService

    func register(_ routes: ApiRoutes) {
        DamagedPartSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/damaged-parts", summary: "The damaged-parts register (DMG-02, STO-08)", tag: "damaged-parts", response: "DamagedPartPage",
                         query: ["warehouseId", "orgUnitId", "status", "repairClass", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await damaged.parts(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/damaged-parts", summary: "Register a part removed from a turbine (DMG-01, DMG-02)", tag: "damaged-parts",
                         request: "DamagedPartInput", response: "DamagedPart", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await damaged.register(try await JSONIO.decode(DamagedPartInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/damaged-parts/return-status", summary: "Each site's days since its last return and packed volume awaiting return; warns at 15 calendar days or 3 m³ (DMG-03, RPT-08)",
                         tag: "damaged-parts", response: "DamagedReturnStatusList", query: ["orgUnitId"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await damaged.returnStatus(orgUnitId: request.queryDictionary["orgUnitId"], viewer: principal)))
        }
        routes.add(.init(.get, "/api/v1/damaged-parts/{id}", summary: "One damaged part", tag: "damaged-parts", response: "DamagedPart")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await damaged.part(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/damaged-returns", summary: "Return batches to the production warehouse (DMG-03, DMG-05)", tag: "damaged-parts",
                         response: "DamagedReturnPage", query: ["orgUnitId", "status", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await damaged.returns(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/damaged-returns", summary: "Pack registered parts of one site into a return batch (DMG-03)", tag: "damaged-parts",
                         request: "DamagedReturnInput", response: "DamagedReturn", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await damaged.createReturn(try await JSONIO.decode(DamagedReturnInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/damaged-returns/{id}", summary: "One return batch with its parts, checklist and allowed actions (production sees every batch, DMG-05)",
                         tag: "damaged-parts", response: "DamagedReturn")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await damaged.returnBatch(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/damaged-returns/{id}/checklist", summary: "Tick the packing checklist: wooden crate, plastic lining, separators (DMG-04)",
                         tag: "damaged-parts", request: "DamagedChecklist", response: "DamagedReturn")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await damaged.checklist(id: try context.parameters.require("id"), try await JSONIO.decode(DamagedChecklistInput.self, from: request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/damaged-returns/{id}/ship", summary: "Ship a packed batch (checklist complete, else 422 packing_checklist_incomplete); production is sent the list (DMG-05)",
                         tag: "damaged-parts", request: "DamagedShip", response: "DamagedReturn")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await damaged.ship(id: try context.parameters.require("id"), try await Self.body(request, DamagedShipInput()), by: principal))
        }
        routes.add(.init(.post, "/api/v1/damaged-returns/{id}/receive", summary: "The production warehouse receives a shipped batch (DMG-05)", tag: "damaged-parts",
                         response: "DamagedReturn")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await damaged.receive(id: try context.parameters.require("id"), by: principal))
        }
    }

    /// An optional body.
    static func body<T: Decodable>(_ request: Request, _ empty: T) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: JSONIO.bodyLimit)
        guard buffer.readableBytes > 0 else { return empty }
        return try await JSONIO.decode(T.self, from: request)
    }
}

enum DamagedPartSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let qty: JSONValue = ["oneOf": [["type": "number", "minimum": 0], ["type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,3})?$"]]]
        let bool: JSONValue = ["type": "boolean"]
        routes.schema("DamagedPartInput", ["type": "object", "required": ["warehouseId", "itemId", "quantity", "turbineNumber", "replacedBy", "newSerial", "oldSerial", "cause"],
                                           "properties": [
            "warehouseId": str, "itemId": str, "quantity": qty, "turbineNumber": str, "replacedBy": str, "replacedOn": ["type": "string", "format": "date"],
            "newSerial": str, "oldSerial": str, "cause": str, "repairClass": JSONValue.enumOf(RepairClass.self),
            "ticketId": ["type": "string", "description": "the service ticket the part came out on (a reference)"],
            "packedVolume": ["oneOf": [["type": "number", "minimum": 0], ["type": "string"]], "description": "packed volume in m³, exact to 0.001"]]])
        let part: JSONValue = ["type": "object", "properties": [
            "id": str, "number": str, "warehouseId": str, "warehouseCode": str, "warehouseName": str, "orgUnitId": str, "itemId": str, "itemCode": str,
            "itemName": str, "spec": str, "unit": str, "quantity": ["type": "number"], "turbineNumber": str, "replacedBy": str, "replacedOn": str,
            "newSerial": str, "oldSerial": str, "cause": str, "repairClass": JSONValue.enumOf(RepairClass.self), "ticketId": optStr,
            "packedVolume": ["type": ["number", "null"]], "status": JSONValue.enumOf(DamagedPartStatus.self), "returnId": optStr, "returnNumber": optStr,
            "registeredOn": str, "createdBy": str, "createdAt": str]]
        routes.schema("DamagedPart", part)
        routes.pageSchema("DamagedPartPage", item: "DamagedPart")
        routes.schema("DamagedReturnInput", ["type": "object", "required": ["partIds"], "properties": [
            "partIds": ["type": "array", "minItems": 1, "items": str], "note": str]])
        routes.schema("DamagedChecklist", ["type": "object", "properties": ["woodenCrate": bool, "plasticLining": bool, "separators": bool]])
        routes.schema("DamagedShip", ["type": "object", "properties": ["shippedOn": ["type": "string", "format": "date"]]])
        routes.schema("DamagedReturn", ["type": "object", "properties": [
            "id": str, "number": str, "orgUnitId": str, "orgUnitName": str, "status": JSONValue.enumOf(DamagedReturnStatus.self),
            "checklist": ["type": "object", "properties": ["woodenCrate": bool, "plasticLining": bool, "separators": bool]],
            "missingChecks": ["type": "array", "items": JSONValue.enumOf(DamagedPackingCheck.self)], "checkedBy": optStr, "note": str,
            "createdBy": str, "createdAt": str, "shippedOn": optStr, "shippedBy": optStr, "receivedBy": optStr, "receivedAt": optStr,
            "partCount": ["type": "integer"], "packedVolume": ["type": "number"], "parts": ["type": "array", "items": part],
            "actions": ["type": "array", "items": str]]])
        routes.pageSchema("DamagedReturnPage", item: "DamagedReturn")
        routes.schema("DamagedReturnStatus", ["type": "object", "properties": [
            "orgUnitId": str, "orgUnitName": str, "lastReturnOn": optStr, "firstAwaitingOn": optStr, "daysSinceReturn": ["type": ["integer", "null"]],
            "awaitingParts": ["type": "integer"], "packedVolume": ["type": "number"], "warning": bool,
            "warnings": ["type": "array", "items": JSONValue.enumOf(DamagedReturnRule.Warning.self)]]])
        routes.itemsSchema("DamagedReturnStatusList", item: "DamagedReturnStatus")
    }
}
