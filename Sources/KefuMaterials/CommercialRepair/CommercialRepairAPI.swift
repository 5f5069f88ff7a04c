import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the class II commercial repairs (#13.3; DMG-06, DMG-07, ESC-05).
struct CommercialRepairAPI: Sendable {
    let repairs: CommercialRepairService

    func register(_ routes: ApiRoutes) {
        CommercialRepairSchemas.register(routes)
        let base = "/api/v1/commercial-repairs"
        routes.add(.init(.get, base, summary: "Commercial-repair applications; `late=1`: those past their due date (ESC-05)", tag: "commercial-repairs",
                         response: "CommercialRepairPage", query: ["status", "kind", "orgUnitId", "late", "q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await repairs.list(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, base, summary: "A department combines its sites' class II damaged parts into one application (DMG-06), or a warranty repair by the maker (DMG-07)",
                         tag: "commercial-repairs", request: "CommercialRepairInput", response: "CommercialRepair", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await repairs.create(try await JSONIO.decode(CommercialRepairInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, base + "/{id}", summary: "One application with its parts and allowed actions", tag: "commercial-repairs",
                         response: "CommercialRepair")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await repairs.get(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, base + "/{id}/submit", summary: "The department submits it to HQ (DMG-06)", tag: "commercial-repairs",
                         response: "CommercialRepair")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await repairs.submit(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, base + "/{id}/approve", summary: "HQ (业务管理部) approves", tag: "commercial-repairs",
                         request: "CommercialRepairComment", response: "CommercialRepair")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await repairs.approve(id: try context.parameters.require("id"),
                                                                 try await DamagedPartsAPI.body(request, CommercialRepairCommentInput()), by: principal))
        }
        routes.add(.init(.post, base + "/{id}/reject", summary: "HQ sends it back to the department's draft with a comment", tag: "commercial-repairs",
                         request: "CommercialRepairComment", response: "CommercialRepair")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await repairs.reject(id: try context.parameters.require("id"),
                                                                try await DamagedPartsAPI.body(request, CommercialRepairCommentInput()), by: principal))
        }
        routes.add(.init(.post, base + "/{id}/send", summary: "The parts go to the repairer (or the maker under warranty): repairer, days, cost in yuan",
                         tag: "commercial-repairs", request: "CommercialRepairSend", response: "CommercialRepair")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await repairs.send(id: try context.parameters.require("id"),
                                                              try await JSONIO.decode(CommercialRepairSendInput.self, from: request), by: principal))
        }
        routes.add(.init(.post, base + "/{id}/results", summary: "What came back: repaired or scrapped, per part", tag: "commercial-repairs",
                         request: "CommercialRepairResults", response: "CommercialRepair")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await repairs.record(id: try context.parameters.require("id"),
                                                                try await JSONIO.decode(CommercialRepairResultsInput.self, from: request), by: principal))
        }
        routes.add(.init(.post, base + "/{id}/close", summary: "Close a returned application", tag: "commercial-repairs", response: "CommercialRepair")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await repairs.close(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, base + "/{id}/cancel", summary: "Withdraw a draft (its parts are free again)", tag: "commercial-repairs",
                         response: "CommercialRepair")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await repairs.cancel(id: try context.parameters.require("id"), by: principal))
        }
    }
}

enum CommercialRepairSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let date: JSONValue = ["type": "string", "format": "date"]
        let money: JSONValue = ["oneOf": [["type": "number", "minimum": 0], ["type": "string"]], "description": "yuan, exact to the fen"]
        routes.schema("CommercialRepairInput", ["type": "object", "required": ["orgUnitId", "partIds"], "properties": [
            "orgUnitId": str, "kind": JSONValue.enumOf(CommercialRepairKind.self), "partIds": ["type": "array", "minItems": 1, "items": str],
            "note": ["type": "string", "maxLength": 500]]])
        routes.schema("CommercialRepairComment", ["type": "object", "properties": ["comment": ["type": "string", "maxLength": 500]]])
        routes.schema("CommercialRepairSend", ["type": "object", "required": ["repairer"], "properties": [
            "repairer": ["type": "string", "maxLength": 100], "sentOn": date, "expectedOn": date,
            "warrantyUntil": ["type": "string", "format": "date", "description": "warranty repairs only (DMG-07)"], "cost": money]])
        routes.schema("CommercialRepairResults", ["type": "object", "required": ["results"], "properties": [
            "returnedOn": date, "cost": money,
            "results": ["type": "array", "items": ["type": "object", "required": ["partId", "result"], "properties": [
                "partId": str, "result": JSONValue.enumOf(CommercialRepairResult.self), "note": str]]]]])
        let part: JSONValue = ["type": "object", "properties": [
            "partId": str, "number": str, "warehouseName": str, "itemCode": str, "itemName": str, "spec": str, "unit": str, "quantity": ["type": "number"],
            "turbineNumber": str, "oldSerial": str, "cause": str, "result": optStr, "resultNote": optStr]]
        routes.schema("CommercialRepair", ["type": "object", "properties": [
            "id": str, "number": str, "kind": JSONValue.enumOf(CommercialRepairKind.self), "orgUnitId": str, "orgUnitName": str,
            "status": JSONValue.enumOf(CommercialRepairStatus.self), "note": str, "repairer": optStr, "warrantyUntil": optStr, "sentOn": optStr,
            "expectedOn": optStr, "dueOn": optStr, "cost": optStr, "returnedOn": optStr, "reviewComment": optStr, "submittedBy": optStr,
            "approvedBy": optStr, "closedBy": optStr, "daysLate": ["type": ["integer", "null"]], "late": ["type": "boolean"],
            "escalatedToHQ": ["type": "boolean"], "escalatedAt": optStr, "createdBy": str, "createdAt": str, "partCount": ["type": "integer"],
            "parts": ["type": "array", "items": part], "actions": ["type": "array", "items": str]]])
        routes.pageSchema("CommercialRepairPage", item: "CommercialRepair")
    }
}
