import Hummingbird
import KefuDomain
import KefuPlatform

/// #12.4, API.md "Stocktakes and storage": bins, moving stock between them, stock per batch in FEFO order.
extension MaterialsAPI {
    func registerStorage(_ routes: ApiRoutes) {
        StorageSchemas.register(routes)
        routes.add(.init(.get, "/api/v1/bins", summary: "Bins (库位, STO-03) of the warehouses the caller can see", tag: "materials", response: "BinList",
                         query: ["warehouseId"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await storage.bins(warehouseId: request.queryDictionary["warehouseId"], viewer: principal)))
        }
        routes.add(.init(.post, "/api/v1/bins", summary: "Add a bin: warehouse, rack, tier, position; designated for hazardous goods or not (STO-01, STO-03)",
                         tag: "materials", request: "BinInput", response: "Bin", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await bins.create(try await JSONIO.decode(BinInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/bins/moves", summary: "Move stock of an item between bins of one warehouse (the named batch, else FEFO)",
                         tag: "materials", request: "BinMoveInput", response: "BatchStockList")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await bins.move(try await JSONIO.decode(BinMoveInput.self, from: request), by: principal))
        }
        routes.add(.init(.get, "/api/v1/storage-registers", summary: "Storage registers: maintenance (STO-06), access (STO-07), safety and cleaning (STO-09)",
                         tag: "materials", response: "StorageRegisterList", query: ["kind", "warehouseId", "from", "to"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(Items(items: try await registers.list(kind: q["kind"], warehouseId: q["warehouseId"], from: q["from"], to: q["to"], viewer: principal)))
        }
        routes.add(.init(.post, "/api/v1/storage-registers", summary: "Record a register entry (a maintenance record moves the batch's next maintenance on)",
                         tag: "materials", request: "StorageRegisterInput", response: "StorageRegisterEntry", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await registers.record(try await JSONIO.decode(StorageRegisterInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/stock/maintenance-due", summary: "Batches due for maintenance within 7 days or overdue (STO-06)", tag: "materials",
                         response: "BatchStockList", query: ["warehouseId"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await storage.maintenanceDue(warehouseId: request.queryDictionary["warehouseId"], viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/reports/on-hand", summary: "On-hand by department, site, warehouse, bin or batch, each row with its drill-down query (RPT-01)",
                         tag: "materials", response: "OnHandReport", query: ["level", "departmentId", "unitId", "warehouseId", "binId", "itemId"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await storage.onHandReport(OnHandReportFilter.from(request.queryDictionary), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/stock-documents/{id}/placements",
                         summary: "Bins and batches of a document: what FEFO proposes for a saved issue (ISS-06), what an audited document put or took",
                         tag: "materials", response: "PlacementList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await storage.placements(documentId: try context.parameters.require("id"), viewer: principal)))
        }
        routes.add(.init(.get, "/api/v1/stock/batches", summary: "Stock per batch and bin in issue order (FEFO, then FIFO; ISS-06, STO-05); near=1: near expiry only",
                         tag: "materials", response: "BatchStockList", query: ["itemId", "warehouseId", "near"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await storage.batches(itemId: q["itemId"], warehouseId: q["warehouseId"], nearOnly: q["near"] == "1", viewer: principal))
        }
        // ISS-06, STO-03: what the line grid of an unsaved document proposes for a line, and its bin picker.
        routes.add(.init(.get, "/api/v1/stock/line-proposal", summary: "For one line of an unsaved document: the item's usual bin and the batches FEFO takes (ISS-06)",
                         tag: "materials", response: "LineProposal", query: ["warehouseId", "itemId", "quantity"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await storage.lineProposal(warehouseId: q["warehouseId"], itemRef: q["itemId"], quantity: q["quantity"], viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/bins/search", summary: "Active bins of a warehouse matching q, for the line grid's bin picker (STO-03)",
                         tag: "materials", response: "BinHits", query: ["warehouseId", "q", "limit"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(Items(items: try await storage.binHits(warehouseId: q["warehouseId"], q: q["q"], limit: q["limit"], viewer: principal)))
        }
        // STO-02: the ABC proposal from the period's issues, and HQ's confirmation applying it to the item master.
        routes.add(.init(.get, "/api/v1/reports/abc", summary: "ABC classes proposed from the period's issue frequency (STO-02); defaults: last 12 months, A 80 %, B 95 %",
                         tag: "materials", response: "ABCReport", query: ["from", "to", "a", "b"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await storage.abcReport(try ABCFilter.parse(from: q["from"], to: q["to"], a: q["a"], b: q["b"]), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/items/abc-classes", summary: "Apply the ABC proposal to the items (业务管理部 only; audited per item)",
                         tag: "materials", request: "ABCApplyInput", response: "ABCApplied")) { request, context in
            let principal = try context.requirePrincipal()
            let input = try await JSONIO.decode(ABCApplyInput.self, from: request)
            return try JSONIO.response(try await master.applyABC(try ABCFilter.parse(from: input.from, to: input.to, a: input.a.map { String($0) }, b: input.b.map { String($0) }), by: principal))
        }
    }
}

enum StorageSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let flag: JSONValue = ["type": "boolean"]
        let part: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9]{1,10}$"]
        routes.schema("BinInput", ["type": "object", "required": ["warehouseId", "rack", "tier", "position"], "properties": [
            "warehouseId": str, "rack": part, "tier": part, "position": part, "name": ["type": "string", "maxLength": 100], "hazardous": flag]])
        routes.schema("Bin", ["type": "object", "properties": [
            "id": str, "warehouseId": str, "warehouseCode": str, "code": str, "location": str, "rack": str, "tier": str, "position": str, "name": str,
            "hazardous": flag, "active": flag]])
        routes.itemsSchema("BinList", item: "Bin")
        routes.schema("BinMoveInput", ["type": "object", "required": ["warehouseId", "itemId", "toBinId", "quantity"], "properties": [
            "warehouseId": str, "itemId": str, "fromBinId": ["type": "string", "description": "absent or empty: stock not yet put away"], "toBinId": str,
            "batchId": ["type": "string", "description": "absent: FEFO within the source bin"],
            "quantity": ["oneOf": [["type": "number", "exclusiveMinimum": 0], ["type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,3})?$"]]],
            "remark": ["type": "string", "maxLength": 500]]])
        routes.schema("StorageRegisterInput", ["type": "object", "required": ["kind", "warehouseId"], "properties": [
            "kind": JSONValue.enumOf(StorageRegisterKind.self), "warehouseId": str, "date": ["type": "string", "format": "date"],
            "subject": ["type": "string", "maxLength": 200], "finding": ["type": "string", "maxLength": 1000], "fix": ["type": "string", "maxLength": 1000],
            "itemId": str, "batchId": str]])
        routes.schema("StorageRegisterEntry", ["type": "object", "properties": [
            "id": str, "kind": JSONValue.enumOf(StorageRegisterKind.self), "warehouseId": str, "warehouseCode": str, "date": str, "subject": str, "finding": str,
            "fix": str, "itemId": optStr, "itemCode": optStr, "batchId": optStr, "batchNo": optStr, "recordedBy": str]])
        routes.itemsSchema("StorageRegisterList", item: "StorageRegisterEntry")
        routes.schema("OnHandReport", ["type": "object", "properties": [
            "level": JSONValue.enumOf(OnHandReport.Level.self), "total": ["type": "number"],
            "rows": ["type": "array", "items": ["type": "object", "properties": [
                "groupId": str, "groupLabel": str, "itemId": str, "itemCode": str, "itemName": str, "unit": str, "quantity": ["type": "number"],
                "drill": ["type": ["string", "null"], "description": "query of the next level down"], "expiryDate": optStr]]]]])
        routes.schema("Placement", ["type": "object", "properties": [
            "lineNo": ["type": "integer"], "itemCode": str, "binCode": optStr, "batchNo": optStr, "expiryDate": optStr, "quantity": ["type": "number"],
            "done": ["type": "boolean", "description": "false: the FEFO proposal of a saved issue; true: what the audit did"],
            "abcClass": ["type": "string", "enum": ["A", "B", "C"]],
            "suggestedPlace": ["type": "string", "enum": ["floor_stack", "shelf"], "description": "STO-02: A floor-stacked, B and C shelved"]]])
        routes.itemsSchema("PlacementList", item: "Placement")
        let qty: JSONValue = ["type": "number"]
        routes.schema("LineProposal", ["type": "object", "properties": [
            "itemId": str, "itemCode": str, "available": qty, "shortfall": qty,
            "usualBin": ["type": ["object", "null"], "properties": ["id": str, "code": str, "location": str]],
            "takes": ["type": "array", "items": ["type": "object", "properties": [
                "batchId": optStr, "batchNo": optStr, "expiryDate": optStr, "binId": optStr, "binCode": optStr, "binLocation": optStr, "quantity": qty]]]]])
        routes.schema("BinHit", ["type": "object", "properties": ["id": str, "number": str, "title": str, "detail": optStr]])
        routes.itemsSchema("BinHits", item: "BinHit")
        let abcFilter: JSONValue = ["type": "object", "properties": ["from": str, "to": str, "thresholds": ["type": "object", "properties": ["a": ["type": "integer"], "b": ["type": "integer"]]]]]
        routes.schema("ABCApplyInput", ["type": "object", "properties": [
            "from": ["type": "string", "format": "date"], "to": ["type": "string", "format": "date"],
            "a": ["type": "integer", "minimum": 1, "maximum": 99], "b": ["type": "integer", "minimum": 2, "maximum": 100]]])
        routes.schema("ABCReport", ["type": "object", "properties": [
            "filter": abcFilter, "totalIssues": ["type": "integer"], "changes": ["type": "integer"], "canApply": flag,
            "rows": ["type": "array", "items": ["type": "object", "properties": [
                "itemId": str, "itemCode": str, "itemName": str, "unit": str, "issues": ["type": "integer"], "quantity": ["type": "number"],
                "share": str, "cumulativeShare": str, "currentClass": JSONValue.enumOf(ABCClass.self), "proposedClass": JSONValue.enumOf(ABCClass.self)]]]]])
        routes.schema("ABCApplied", ["type": "object", "properties": ["changed": ["type": "integer"], "report": ["$ref": "#/components/schemas/ABCReport"]]])
        routes.schema("BatchStockList", ["type": "array", "items": ["type": "object", "properties": [
            "warehouseId": str, "warehouseCode": str, "itemId": str, "itemCode": str, "itemName": str, "unit": str, "batchId": optStr, "batchNo": optStr,
            "productionDate": optStr, "receivedOn": optStr, "expiryDate": optStr, "maintenanceDue": optStr, "binId": optStr, "binCode": optStr,
            "quantity": ["type": "number"], "nearExpiry": flag, "issueOrder": ["type": "integer", "description": "1 = issued first"]]]])
    }
}

/// `POST /api/v1/items/abc-classes`: the period and thresholds HQ confirms (absent: the defaults).
struct ABCApplyInput: Decodable, Sendable {
    var from: String?
    var to: String?
    var a: Int?
    var b: Int?
}
