import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the site's daily ledger (API.md "Stocktakes and storage": site-ledgers; LED-01..07).
struct SiteLedgerAPI: Sendable {
    let ledgers: SiteLedgerService

    func register(_ routes: ApiRoutes) {
        SiteLedgerSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/site-ledgers", summary: "Sites' daily ledgers (LED-01)", tag: "site-ledgers", response: "SiteLedgerPage",
                         query: ["warehouseId", "orgUnitId", "from", "to", "status", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await ledgers.list(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/site-ledgers", summary: "Write a site's day (draft; items from the site's on-hand list, LED-02, LED-04)", tag: "site-ledgers",
                         request: "SiteLedgerInput", response: "SiteLedger", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ledgers.create(try await JSONIO.decode(SiteLedgerInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/site-ledgers/{id}", summary: "One day with its lines and drafted documents", tag: "site-ledgers", response: "SiteLedger")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ledgers.get(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/site-ledgers/{id}", summary: "Rewrite a day still in draft (lines replace the old lines)", tag: "site-ledgers",
                         request: "SiteLedgerInput", response: "SiteLedger")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ledgers.update(id: try context.parameters.require("id"), try await JSONIO.decode(SiteLedgerInput.self, from: request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/site-ledgers/{id}/submit", summary: "Send the day to the department (late: lateReason required, LED-03)", tag: "site-ledgers",
                         request: "SiteLedgerStep", response: "SiteLedger")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ledgers.submit(id: try context.parameters.require("id"), try await Self.step(request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/site-ledgers/{id}/return", summary: "Send a submitted day back to the site with a comment", tag: "site-ledgers",
                         request: "SiteLedgerStep", response: "SiteLedger")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ledgers.sendBack(id: try context.parameters.require("id"), try await Self.step(request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/site-ledgers/{id}/post", summary: "Post the day: draft (and with audit, audit) its receipts and issues, linked (LED-05)",
                         tag: "site-ledgers", request: "SiteLedgerStep", response: "SiteLedger")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ledgers.post(id: try context.parameters.require("id"), try await Self.step(request), by: principal))
        }
        routes.add(.init(.post, "/api/v1/site-ledgers/{id}/file", summary: "Record that the signed print of the day is filed (LED-06)", tag: "site-ledgers",
                         response: "SiteLedger")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await ledgers.file(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.get, "/api/v1/reports/site-ledgers", summary: "Each site's ledger of a day: missing, open, on time or late (LED-07)", tag: "site-ledgers",
                         response: "SiteLedgerStandingList", query: ["date", "orgUnitId"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(Items(items: try await ledgers.standings(date: q["date"], orgUnitId: q["orgUnitId"], viewer: principal)))
        }
    }

    /// A step's body is optional.
    static func step(_ request: Request) async throws -> SiteLedgerStepInput {
        var request = request
        let buffer = try await request.collectBody(upTo: JSONIO.bodyLimit)
        guard buffer.readableBytes > 0 else { return SiteLedgerStepInput() }
        return try await JSONIO.decode(SiteLedgerStepInput.self, from: request)
    }
}

enum SiteLedgerSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let qty: JSONValue = ["oneOf": [["type": "number", "minimum": 0], ["type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,3})?$"]]]
        let line: JSONValue = ["type": "object", "required": ["remark"], "properties": [
            "kind": JSONValue.enumOf(LedgerLineKind.self), "itemId": str, "itemCode": ["type": "string", "description": "the item's code instead of its id"],
            "quantityIn": qty, "quantityOut": qty, "remark": ["type": "string", "maxLength": 500],
            "reference": ["type": "string", "maxLength": 200, "description": "transfer order number (transfer_in) or packing list (shipment), LED-04"],
            "supplierId": ["type": "string", "description": "purchase lines"]]]
        routes.schema("SiteLedgerInput", ["type": "object", "properties": [
            "warehouseId": str, "date": ["type": "string", "format": "date"], "lines": ["type": "array", "minItems": 1, "items": line], "lateReason": str]])
        routes.schema("SiteLedgerStep", ["type": "object", "properties": ["lateReason": str, "comment": str, "audit": ["type": "boolean"]]])
        routes.schema("SiteLedger", ["type": "object", "properties": [
            "id": str, "warehouseId": str, "warehouseCode": str, "warehouseName": str, "orgUnitId": str, "date": str,
            "status": JSONValue.enumOf(LedgerDayStatus.self), "late": ["type": "boolean"], "lateReason": optStr, "returnComment": optStr,
            "createdBy": str, "createdAt": str, "submittedBy": optStr, "submittedAt": optStr, "postedBy": optStr, "postedAt": optStr, "filedBy": optStr, "filedAt": optStr,
            "lines": ["type": "array", "items": ["type": "object", "properties": [
                "lineNo": ["type": "integer"], "kind": str, "itemId": str, "itemCode": str, "itemName": str, "spec": str, "unit": str,
                "quantityIn": ["type": "number"], "quantityOut": ["type": "number"], "remark": str, "reference": str, "supplierId": optStr]]],
            "documents": ["type": "array", "items": ["type": "object", "properties": ["id": str, "number": str, "direction": str, "reason": str, "status": str]]],
            "actions": ["type": "array", "items": str]]])
        routes.pageSchema("SiteLedgerPage", item: "SiteLedger")
        routes.schema("SiteLedgerStanding", ["type": "object", "properties": [
            "warehouseId": str, "warehouseCode": str, "warehouseName": str, "orgUnitId": str, "date": str,
            "standing": ["type": "string", "enum": ["missing", "open", "on_time", "late"]], "ledgerId": optStr, "status": optStr, "lateReason": optStr]])
        routes.itemsSchema("SiteLedgerStandingList", item: "SiteLedgerStanding")
    }
}
