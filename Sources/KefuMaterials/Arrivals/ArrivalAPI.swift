import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of arrival checks (ARR-01..07), transfers in transit (RPT-11), the negotiated-transfer month report
/// (TRF-05, RPT-06) and a transfer's shipping papers (TRF-10) — API.md "Requests, arrivals, …" (#13.2).
struct ArrivalAPI: Sendable {
    let arrivals: ArrivalService
    let reports: TransferReports

    func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optional: JSONValue = ["type": ["string", "null"]]
        let quantity: JSONValue = ["type": ["number", "string"]]
        let bool: JSONValue = ["type": "boolean"]
        routes.schema("ArrivalLineInput", ["type": "object", "required": ["countedQuantity"], "properties": [
            "itemId": str, "itemCode": str, "expectedQuantity": quantity, "countedQuantity": quantity, "note": str, "damaged": bool]])
        routes.schema("ArrivalInput", ["type": "object", "required": ["warehouseId", "lines"], "properties": [
            "warehouseId": str, "materialRequestId": str, "transferId": str, "supplierId": str, "arrivedAt": str, "deliveryNoteRef": str, "packingListRef": str,
            "lines": ["type": "array", "items": ["$ref": "#/components/schemas/ArrivalLineInput"]]]])
        routes.schema("ArrivalConfirmation", ["type": "object", "properties": ["note": str]])
        routes.schema("ArrivalLine", ["type": "object", "properties": [
            "lineNo": ["type": "integer"], "itemId": str, "itemCode": str, "itemName": str, "spec": str, "unit": str, "expectedQuantity": quantity,
            "countedQuantity": quantity, "difference": quantity, "damaged": bool, "note": str]])
        routes.schema("Arrival", ["type": "object", "properties": [
            "id": str, "number": str, "warehouseId": str, "warehouseName": str,
            "source": ["type": "string", "enum": .array(ArrivalSource.allCases.map { .string($0.rawValue) })],
            "materialRequestId": optional, "transferId": optional, "transferNumber": optional, "supplierId": optional, "supplierName": optional,
            "arrivedAt": str, "checkDueAt": str, "checkDueOn": str, "clock": ["type": "string", "enum": .array(ArrivalClock.allCases.map { .string($0.rawValue) })],
            "deliveryNoteRef": str, "packingListRef": str, "provisional": bool, "confirmedBy": optional, "confirmedByName": optional, "confirmedAt": optional,
            "confirmationNote": optional, "hasDiscrepancy": bool, "status": ["type": "string", "enum": .array(ArrivalStatus.allCases.map { .string($0.rawValue) })],
            "receiptDocumentId": optional, "receiptNumber": optional, "completedBy": optional, "completedAt": optional, "createdBy": str, "createdByName": str,
            "createdAt": str, "lines": ["type": "array", "items": ["$ref": "#/components/schemas/ArrivalLine"]]]])
        routes.pageSchema("ArrivalPage", item: "Arrival")
        routes.schema("TransferInTransit", ["type": "object", "properties": [
            "id": str, "number": str, "date": str, "fromWarehouseId": str, "fromWarehouseName": str, "toWarehouseId": str, "toWarehouseName": str,
            "crossDepartment": bool, "outDocumentId": str, "inDocumentId": str, "outAuditedAt": str, "ageDays": ["type": "integer"],
            "shippingListRef": optional, "deliveryNoteRef": optional, "packingListRef": optional]])
        routes.pageSchema("TransferInTransitPage", item: "TransferInTransit")
        routes.schema("NegotiatedTransferReport", ["type": "object", "properties": ["month": str, "transfers": ["type": "array", "items": ["type": "object"]]]])
        routes.schema("ShippingPapersInput", ["type": "object", "properties": ["shippingListRef": str, "deliveryNoteRef": str, "packingListRef": str]])
        routes.schema("ShippingPapers", ["type": "object", "properties": [
            "transferId": str, "shippingListRef": str, "deliveryNoteRef": str, "packingListRef": str, "updatedBy": optional, "updatedAt": optional]])

        routes.add(.init(.get, "/api/v1/arrivals", summary: "Arrival checks in the caller's scope: open, due, late (ARR-06) or completed; the receiving log by warehouse and days (ARR-03)",
                         tag: "materials", response: "ArrivalPage", query: ["state", "warehouseId", "from", "to", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await arrivals.list(try ArrivalFilter.parse(q), paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/arrivals", summary: "Record an arrival check against a material request, a transfer or a supplier shipment (ARR-01..05, 07); checkDueAt = 5 working days",
                         tag: "materials", request: "ArrivalInput", response: "Arrival", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await arrivals.create(try await JSONIO.decode(ArrivalInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/arrivals/{id}", summary: "One arrival check with its lines", tag: "materials", response: "Arrival")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await arrivals.arrival(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/arrivals/{id}/confirm", summary: "The production warehouse's shipper confirms goods without papers (ARR-05)",
                         tag: "materials", request: "ArrivalConfirmation", response: "Arrival")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(ArrivalConfirmation.self, from: request)
            return try JSONIO.response(try await arrivals.confirm(id: try context.parameters.require("id"), input, by: principal))
        }
        routes.add(.init(.post, "/api/v1/arrivals/{id}/complete", summary: "Complete the check: drafts the receipt with the counted quantities, linked (ARR-01, ARR-03)",
                         tag: "materials", response: "Arrival")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await arrivals.complete(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.get, "/api/v1/reports/transfers-in-transit", summary: "Transfers whose out side is audited and in side not yet, with their age in days (RPT-11)",
                         tag: "materials", response: "TransferInTransitPage", query: ["page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await reports.inTransit(paging: try Paging.from(request.queryDictionary), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/reports/negotiated-transfers", summary: "The month's negotiated cross-department transfers (TRF-05, RPT-06)",
                         tag: "materials", response: "NegotiatedTransferReport", query: ["month"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await reports.negotiated(month: request.queryDictionary["month"], viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/transfers/{id}/shipping-papers", summary: "A transfer's shipping list, delivery note and packing list (TRF-10)",
                         tag: "materials", response: "ShippingPapers")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await reports.shippingPapers(transferId: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.put, "/api/v1/transfers/{id}/shipping-papers", summary: "Record a transfer's shipping papers (TRF-10, the shipping warehouse)",
                         tag: "materials", request: "ShippingPapersInput", response: "ShippingPapers")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(ShippingPapersInput.self, from: request)
            return try JSONIO.response(try await reports.setShippingPapers(transferId: try context.parameters.require("id"), input, by: principal))
        }
    }
}
