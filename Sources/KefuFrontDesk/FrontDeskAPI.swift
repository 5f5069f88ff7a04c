import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the front desk registers (#14.4, FRD-02..07): one list, one write and one read for every
/// register, a route per step, and the gift stock. There is no delete route: register entries are kept.
public struct FrontDeskAPI: Sendable {
    let desk: FrontDeskService

    public init(desk: FrontDeskService) { self.desk = desk }

    public func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let fieldKeys = Set(FrontDeskRegister.allCases.flatMap { $0.fields.map(\.key) }).sorted()
        var inputProperties: [String: JSONValue] = ["register": JSONValue.enumOf(FrontDeskRegister.self), "orgUnitId": str,
                                                    "personName": ["type": "string", "description": "finder, owner, customer or applicant"],
                                                    "personPhone": str, "summary": ["type": "string", "description": "the item, the gift, the invoice title, the card type, the content"]]
        for key in fieldKeys where inputProperties[key] == nil {
            inputProperties[key] = ["type": ["string", "integer"], "description": "the register's own field (FrontDeskRegister.fields); ref: bag tag, receipt or invoice number"]
        }
        routes.schema("FrontDeskInput", ["type": "object", "required": ["register", "personName", "summary"], "properties": .object(inputProperties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })])
        routes.schema("FrontDeskStepInput", ["type": "object", "properties": [
            "claimantName": str, "claimantPhone": str, "idType": str, "idNumber": str, "idChecked": ["type": "boolean", "description": "claim: the desk saw the ID (FRD-03)"],
            "receivedBy": ["type": "string", "description": "hand-over: who received the item"], "note": str,
            "ticketNumber": ["type": "string", "description": "retrieve: the tag number presented (FRD-05)"], "collectorName": str,
            "cardNumber": ["type": "string", "description": "issue-card (FRD-06)"]]])
        routes.schema("GiftReceiptInput", ["type": "object", "required": ["gift", "quantity"], "properties": [
            "gift": str, "quantity": ["type": ["integer", "string"]], "orgUnitId": str, "note": str]])
        routes.schema("GiftStock", ["type": "object", "properties": ["orgUnitId": str, "gift": str, "balance": ["type": "integer"]]])
        routes.schema("GiftStockList", ["type": "object", "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/GiftStock"]]]])
        routes.schema("FrontDeskRecord", ["type": "object", "properties": [
            "id": str, "number": str, "register": JSONValue.enumOf(FrontDeskRegister.self), "orgUnitId": str, "status": JSONValue.enumOf(FrontDeskStatus.self),
            "personName": str, "personPhone": str, "summary": str, "ref": optStr, "fields": ["type": "object", "additionalProperties": str],
            "recordedOn": str, "recordedAt": str, "closerName": optStr, "closerPhone": optStr, "closeFields": ["type": "object", "additionalProperties": str],
            "closedAt": optStr, "overdue": ["type": "boolean", "description": "FRD-05: a bag not collected by closing"],
            "handOverFrom": ["type": ["string", "null"], "description": "FRD-03: first day an unclaimed item may be handed over"],
            "actions": ["type": "array", "items": str]]])
        routes.pageSchema("FrontDeskRecordPage", item: "FrontDeskRecord")
        routes.schema("GiftMove", ["type": "object", "properties": [
            "id": str, "quantity": ["type": "integer", "description": "positive: received; negative: handed out"], "balanceAfter": ["type": "integer"],
            "recordId": optStr, "recordNumber": optStr, "note": optStr, "movedAt": str, "movedBy": str]])
        routes.pageSchema("GiftMovePage", item: "GiftMove")
        routes.schema("GiftLedger", ["type": "object", "properties": [
            "orgUnitId": str, "unitName": str, "gift": str, "balance": ["type": "integer"], "moves": ["$ref": "#/components/schemas/GiftMovePage"]]])

        routes.add(.init(.get, "/api/v1/front-desk/records", summary: "Front desk register entries in the caller's scope (search by number, name, phone, reference; days)",
                         tag: "front-desk", response: "FrontDeskRecordPage", query: ["register", "q", "from", "to", "status", "open", "overdue", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await desk.list(q, paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/front-desk/records", summary: "Record an entry in a front desk register (FRD-02..07)", tag: "front-desk",
                         request: "FrontDeskInput", response: "FrontDeskRecord", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await desk.record(try await JSONIO.decode(FrontDeskBody.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/front-desk/records/{id}", summary: "One front desk register entry", tag: "front-desk", response: "FrontDeskRecord")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await desk.get(id: try context.parameters.require("id"), viewer: principal))
        }
        for step in FrontDeskStep.allCases {
            routes.add(.init(.post, "/api/v1/front-desk/records/{id}/\(step.rawValue)", summary: "Front desk register: \(step.rawValue)", tag: "front-desk",
                             request: "FrontDeskStepInput", response: "FrontDeskRecord")) { request, context in
                let principal = try context.requirePrincipal()
                let body = try await JSONIO.decode(FrontDeskBody.self, from: request)
                return try JSONIO.response(try await desk.step(step, id: try context.parameters.require("id"), body, by: principal))
            }
        }
        routes.add(.init(.get, "/api/v1/front-desk/gift-stock", summary: "The desks' gift balances in the caller's scope (FRD-04)", tag: "front-desk",
                         response: "GiftStockList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(["items": try await desk.giftStock(viewer: principal)])
        }
        routes.add(.init(.get, "/api/v1/front-desk/gift-ledger", summary: "One gift's ledger at one desk: receipts and hand-outs with the balance after each, newest first (FRD-04)",
                         tag: "front-desk", response: "GiftLedger", query: ["orgUnitId", "gift", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await desk.giftLedger(unitId: q["orgUnitId"], gift: q["gift"], paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/front-desk/gift-receipts", summary: "Gifts received into a desk's stock (FRD-04)", tag: "front-desk",
                         request: "GiftReceiptInput", response: "GiftStock", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await desk.receiveGifts(try await JSONIO.decode(FrontDeskBody.self, from: request), by: principal), status: .created)
        }
    }
}
