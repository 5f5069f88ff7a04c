import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of stocktakes (API.md "Stocktakes and storage"; SPEC 4.3, STK-01..09).
struct StocktakesAPI: Sendable {
    let stocktakes: StocktakeService

    /// A filled-in sheet of 10,000 lines written stored (not deflated) is a few megabytes.
    static let importLimit = 32 * 1024 * 1024

    func register(_ routes: ApiRoutes) {
        StocktakeSchemas.register(routes)
        registerReport(routes)
        StocktakeApproversAPI(stocktakes: stocktakes).register(routes)
        let s = stocktakes
        routes.add(.init(.get, "/api/v1/stocktakes", summary: "Stocktakes the caller can see, newest first, with overdue flags, and the count schedule per warehouse (STK-01/02)",
                         tag: "stocktakes", response: "StocktakeList")) { _, context in
            let principal = try context.requirePrincipal()
            let page = try await s.listPage(viewer: principal)
            return try JSONIO.response(StocktakeListAnswer(items: page.items, schedule: page.cadence))
        }
        routes.add(.init(.get, "/api/v1/stocktakes/schedule", summary: "The count schedule alone: per warehouse in scope, monthly (site) or quarterly (department), last count, done/due/overdue and due-by date (STK-01/02)",
                         tag: "stocktakes", response: "StocktakeSchedule")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await s.listPage(viewer: principal).cadence))
        }
        routes.add(.init(.post, "/api/v1/stocktakes", summary: "Open a stocktake for one or more warehouses (full or spot, STK-03/07) → draft", tag: "stocktakes",
                         request: "StocktakeInput", response: "Stocktake", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await s.create(try await JSONIO.decode(StocktakeInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/stocktakes/{id}", summary: "One stocktake: lines with snapshotQuantity, movementsSince, countedQuantity, difference",
                         tag: "stocktakes", response: "Stocktake")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await s.get(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/stocktakes/{id}/history", summary: "Who took each step of the stocktake, and when", tag: "stocktakes",
                         response: "AuditEntryList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await s.history(id: try context.parameters.require("id"), viewer: principal)))
        }
        routes.add(.init(.post, "/api/v1/stocktakes/{id}/distribute", summary: "Freeze the on-hand snapshot per line and start counting", tag: "stocktakes",
                         response: "Stocktake")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await s.distribute(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.put, "/api/v1/stocktakes/{id}/counts", summary: "Enter counted quantities with reason code and text (STK-05/06)", tag: "stocktakes",
                         request: "StocktakeCountsInput", response: "Stocktake")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await s.counts(id: try context.parameters.require("id"), try await JSONIO.decode(StocktakeCountsInput.self, from: request), by: principal))
        }
        for format in TableExport.Format.allCases {
            routes.add(.init(.get, "/api/v1/stocktakes/{id}/sheet.\(format.rawValue)", summary: "The count sheet as \(format.rawValue.uppercased()) (fill in 实盘数量 and import it)",
                             tag: "stocktakes")) { _, context in
                let principal = try context.requirePrincipal()
                let v = try await s.sheet(id: try context.parameters.require("id"), viewer: principal)
                return TableExport.response(StocktakeSheet.table(v, locale: context.locale), as: format, filename: "盘点表-\(v.number)")
            }
        }
        routes.add(.init(.post, "/api/v1/stocktakes/{id}/counts/import", summary: "Import the filled-in sheet (XLSX or UTF-8 CSV body): all rows or none, errors name row and column",
                         tag: "stocktakes", response: "Stocktake")) { request, context in
            let principal = try context.requirePrincipal()
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: Self.importLimit) } catch {
                throw AppError(.contentTooLarge, "body_too_large", Text("文件过大（上限 32 MB）", "The file is too large (limit 32 MB)"))
            }
            return try JSONIO.response(try await s.importCounts(id: try context.parameters.require("id"), file: Array(buffer.readableBytesView), by: principal))
        }
        routes.add(.init(.post, "/api/v1/stocktakes/{id}/submit", summary: "Submit the counts (refused with reason_required while a difference has no reason)",
                         tag: "stocktakes", response: "Stocktake")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await s.submit(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/stocktakes/{id}/return", summary: "Send submitted counts back to counting (department manager, D5)", tag: "stocktakes",
                         request: "StocktakeNote", response: "Stocktake")) { request, context in
            let principal = try context.requirePrincipal()
            let note = try await Self.optionalNote(request)
            return try JSONIO.response(try await s.sendBack(id: try context.parameters.require("id"), comment: note?.comment ?? note?.note, by: principal))
        }
        routes.add(.init(.post, "/api/v1/stocktakes/{id}/approve", summary: "Approve the differences (department manager by default, D5)", tag: "stocktakes",
                         response: "Stocktake")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await s.approve(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/stocktakes/{id}/post", summary: "Post the gains and losses as audited 盘盈/盘亏 documents in one transaction", tag: "stocktakes",
                         response: "Stocktake")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await s.post(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/stocktakes/{id}/assess", summary: "Record the assessment (reward or penalty, KPI-05) and close", tag: "stocktakes",
                         request: "StocktakeNote", response: "Stocktake")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await s.assess(id: try context.parameters.require("id"), note: try await Self.optionalNote(request)?.note, by: principal))
        }
    }

    func registerReport(_ routes: ApiRoutes) {
        let s = stocktakes
        routes.add(.init(.get, "/api/v1/reports/stocktake-differences", summary: "Stocktake gains and losses by month, warehouse and reason (RPT-07); format=xlsx|csv for a file",
                         tag: "stocktakes", response: "StocktakeDifferences", query: ["from", "to", "format"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            let rows = try await s.differences(from: q["from"], to: q["to"], viewer: principal)
            if let format = TableExport.Format(q["format"]) {
                return TableExport.response(StocktakeReport.table(rows, locale: context.locale), as: format, filename: "盘盈盘亏")
            }
            return try JSONIO.response(Items(items: rows))
        }
    }

    static func optionalNote(_ request: Request) async throws -> StocktakeNoteInput? {
        let buffer = try await request.body.collect(upTo: JSONIO.bodyLimit)
        guard buffer.readableBytes > 0 else { return nil }
        do { return try JSONDecoder().decode(StocktakeNoteInput.self, from: Data(buffer.readableBytesView)) } catch {
            throw AppError.badRequest("invalid_json", Text("请求内容不是有效的 JSON", "The request body is not valid JSON"))
        }
    }
}

/// `GET /api/v1/stocktakes`: the list and the STK-01/02 schedule, from the list page's one read.
struct StocktakeListAnswer: Encodable, Sendable {
    let items: [StocktakeListItem]
    let schedule: [StocktakeCadenceRow]
}

enum StocktakeSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let qty: JSONValue = ["type": "number"]
        let optQty: JSONValue = ["type": ["number", "null"]]
        routes.schema("StocktakeInput", ["type": "object", "required": ["warehouseIds", "kind"], "properties": [
            "warehouseIds": ["type": "array", "items": str], "kind": JSONValue.enumOf(StocktakeKind.self), "scope": JSONValue.enumOf(StocktakeScope.self),
            "itemIds": ["type": "array", "items": str], "deadline": ["type": "string", "format": "date"], "counter": str, "supervisor": str,
            "supervisedBy": ["type": "string", "description": "org unit id of the supervising site (STK-04)"], "remark": str,
        ]])
        routes.schema("StocktakeCountsInput", ["type": "object", "required": ["lines"], "properties": [
            "lines": ["type": "array", "items": ["type": "object", "properties": [
                "itemId": str, "itemCode": str, "warehouseId": str, "countedQuantity": optQty,
                "reasonCode": JSONValue.enumOf(StocktakeReasonCode.self), "reason": str]]],
        ]])
        routes.schema("StocktakeNote", ["type": "object", "properties": ["note": str, "comment": str]])
        let line: JSONValue = ["type": "object", "properties": [
            "lineNo": ["type": "integer"], "warehouseId": str, "warehouseCode": str, "itemId": str, "itemCode": str, "itemName": str, "spec": str, "unit": str,
            "snapshotQuantity": qty, "movementsSince": qty, "countedQuantity": optQty, "difference": optQty, "reasonCode": optStr, "reason": str]]
        routes.schema("Stocktake", ["type": "object", "properties": [
            "id": str, "number": str, "kind": JSONValue.enumOf(StocktakeKind.self), "scope": JSONValue.enumOf(StocktakeScope.self),
            "status": JSONValue.enumOf(StocktakeStatus.self), "warehouses": ["type": "array", "items": ["type": "object"]], "itemIds": ["type": "array", "items": str],
            "deadline": optStr, "counter": str, "supervisor": str, "supervisedBy": optStr, "remark": str, "returnComment": str, "assessment": str,
            "createdBy": str, "createdAt": str, "distributedAt": optStr, "submittedAt": optStr, "approvedBy": optStr, "approvedByName": optStr, "approvedAt": optStr, "postedAt": optStr,
            "approver": ["type": "object", "description": "D5: who approves (rule department_manager, role or user)", "properties": [
                "rule": ["type": "string", "enum": ["department_manager", "role", "user"]], "role": optStr, "userId": optStr, "userName": optStr]],
            "closedAt": optStr, "documents": ["type": "array", "items": ["type": "object"]], "summary": ["type": "object"],
            "lines": ["type": "array", "items": line], "actions": ["type": "array", "items": str],
        ]])
        routes.schema("StocktakeDifferences", ["type": "object", "properties": ["items": ["type": "array", "items": ["type": "object", "properties": [
            "month": str, "warehouseId": str, "warehouseCode": str, "warehouseName": str, "orgUnitId": str, "reasonCode": str, "lines": ["type": "integer"],
            "gain": qty, "loss": qty, "net": qty]]]]])
        let schedule: JSONValue = ["type": "array", "items": ["type": "object", "properties": [
            "warehouseId": str, "warehouseCode": str, "warehouseName": str, "orgUnitId": str, "cadence": ["type": "string", "enum": ["monthly", "quarterly"]],
            "lastCount": optStr, "due": ["type": "string", "enum": ["done", "due", "overdue"]], "dueBy": optStr]]]
        routes.schema("StocktakeList", ["type": "object", "properties": ["items": ["type": "array", "items": ["type": "object", "properties": [
            "id": str, "number": str, "kind": str, "scope": str, "status": str, "deadline": optStr, "counter": str, "createdAt": str, "overdue": ["type": "boolean"]]]],
            "schedule": schedule]])
        routes.schema("StocktakeSchedule", ["type": "object", "properties": ["items": schedule]])
    }
}
