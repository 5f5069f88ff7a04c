import Hummingbird
import KefuDomain
import KefuPlatform

/// REST endpoints of the material books (API.md "Materials").
public struct MaterialsAPI: Sendable {
    let master: MasterDataService
    let documents: StockDocumentService
    let transfers: TransferService
    let stock: StockQueries
    /// #12.4: bins, batches and the storage registers.
    let bins: BinService
    let storage: StorageQueries
    let registers: StorageRegisterService
    /// #12.3: the site's daily ledger (LED-01..07).
    public let siteLedgers: SiteLedgerService
    /// #12.4, ISS-05: refusals at the counter.
    let refusals: IssueRefusalService
    /// #12.2, STK-08, RPT-07.
    let reconciliations: ReconciliationService
    /// #12.1 stocktakes (4.3).
    public let stocktakes: StocktakeService
    /// #12.5, MAT-05: requests for a new item code.
    let itemRequests: ItemRequestService
    /// #13.4, FRT-01..06: reference freight prices and freight records.
    public let freight: FreightService
    /// #13.5, LND-01/02/04: tool loans.
    public let toolLoans: ToolLoanService
    /// #13.3: damaged parts and their returns (DMG-01..05, RPT-08).
    public let damaged: DamagedPartService
    /// #13.2 ARR-01..07, RPT-11, TRF-05/RPT-06, TRF-10.
    public let arrivals: ArrivalService
    let transferReports: TransferReports
    /// #13.1 material requests 内部联络单 (4.4, REQ-01..09).
    public let materialRequests: MaterialRequestService
    /// #13.6: parts issued for a service ticket (the ticket comes through `MaterialTicketDesk`).
    public let ticketParts: TicketPartsService
    /// #13.3 DMG-06/07, ESC-05: class II commercial repairs.
    public let commercialRepairs: CommercialRepairService
    /// #13.1 item 2, REQ-10: the annual demand plans.
    let demandPlans: DemandPlanService
    /// #15.5 KPI-06: material-loss responsibility records.
    public let lossResponsibilities: LossResponsibilityService
    let store: any Store
    let notifier: any HandOffNotifier

    /// `notifier`: #11.4, who must act next on a document is told.
    /// `attachmentDisk`: where files sent with a page form are stored (#12.5: the request's photos), the attachments' own.
    /// `workCalendar`: the working-day calendar of #3 (the composition root passes the service desk's): the planner's
    /// 24 working hours (#13.1 REQ-04) and the arrival check's 5 working days (#13.2 ARR-06).
    public init(store: any Store, notifier: any HandOffNotifier = NoHandOffs(), attachmentDisk: AttachmentDisk? = nil,
                workCalendar: any MaterialWorkCalendar = ShippedWorkCalendar(), ticketDesk: any MaterialTicketDesk = NoTicketDesk()) {
        master = MasterDataService(store: store)
        var documents = StockDocumentService(store: store)
        documents.notifier = notifier
        self.documents = documents
        var transfers = TransferService(store: store)
        transfers.notifier = notifier
        self.transfers = transfers
        stock = StockQueries(store: store)
        bins = BinService(store: store)
        storage = StorageQueries(store: store)
        registers = StorageRegisterService(store: store)
        siteLedgers = SiteLedgerService(store: store, documents: documents)
        refusals = IssueRefusalService(store: store, notifier: notifier)
        reconciliations = ReconciliationService(store: store)
        stocktakes = StocktakeService(store: store)
        itemRequests = ItemRequestService(store: store, notifier: notifier, disk: attachmentDisk)
        freight = FreightService(store: store, notifier: notifier)
        toolLoans = ToolLoanService(store: store, notifier: notifier)
        damaged = DamagedPartService(store: store, notifier: notifier)
        arrivals = ArrivalService(store: store, notifier: notifier, disk: attachmentDisk, calendar: workCalendar)
        transferReports = TransferReports(store: store)
        materialRequests = MaterialRequestService(store: store, notifier: notifier, calendar: workCalendar)
        ticketParts = TicketPartsService(store: store, desk: ticketDesk, notifier: notifier)
        commercialRepairs = CommercialRepairService(store: store, notifier: notifier, calendar: workCalendar)
        demandPlans = DemandPlanService(store: store, notifier: notifier)
        lossResponsibilities = LossResponsibilityService(store: store, notifier: notifier)
        self.store = store
        self.notifier = notifier
    }

    struct ImportInput: Decodable { let csv: String? }

    public func register(_ routes: ApiRoutes) {
        MaterialSchemas.register(routes)
        registerStorage(routes)
        SiteLedgerAPI(ledgers: siteLedgers).register(routes)
        refusals.register(routes)
        reconciliations.register(routes)
        ItemRequestAPI(requests: itemRequests).register(routes)
        ArrivalAPI(arrivals: arrivals, reports: transferReports).register(routes)
        MaterialRequestAPI(requests: materialRequests).register(routes)
        DemandPlanAPI(plans: demandPlans).register(routes)
        WarehouseCheckAPI(master: master).register(routes)
        FreightAPI(freight: freight).register(routes)
        ToolLoanAPI(loans: toolLoans).register(routes)
        DamagedPartsAPI(damaged: damaged).register(routes)
        TicketPartsAPI(parts: ticketParts).register(routes)
        CommercialRepairAPI(repairs: commercialRepairs).register(routes)
        LossResponsibilityAPI(losses: lossResponsibilities).register(routes)
        routes.add(.init(.get, "/api/v1/items", summary: "Item master (MAT-04)", tag: "materials", response: "ItemPage", query: ["q", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await master.items(q: q["q"], paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/items", summary: "Add an item code (业务管理部 only, MAT-05)", tag: "materials", request: "ItemInput", response: "Item", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await master.createItem(try await JSONIO.decode(ItemInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.post, "/api/v1/items/import", summary: "Import items from CSV (all or nothing, with a per-row error report)", tag: "materials",
                         request: "ItemImportInput", response: "ItemImportReport")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await master.importItems(csv: try await JSONIO.decode(ImportInput.self, from: request).csv, by: principal))
        }
        routes.add(.init(.get, "/api/v1/items/{id}", summary: "One item", tag: "materials", response: "Item")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await master.item(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.patch, "/api/v1/items/{id}", summary: "Edit or deactivate an item (业务管理部 only, MAT-05; the code never changes)", tag: "materials",
                         request: "ItemPatch", response: "Item")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await master.updateItem(id: try context.parameters.require("id"), try await JSONIO.decode(ItemPatch.self, from: request), by: principal))
        }
        routes.add(.init(.get, "/api/v1/suppliers", summary: "Suppliers (MAT-06)", tag: "materials", response: "SupplierList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await master.suppliers(viewer: principal)))
        }
        routes.add(.init(.post, "/api/v1/suppliers", summary: "Add a supplier", tag: "materials", request: "SupplierInput", response: "Supplier", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await master.createSupplier(try await JSONIO.decode(SupplierInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.patch, "/api/v1/suppliers/{id}", summary: "Edit or deactivate a supplier (业务管理部 only)", tag: "materials",
                         request: "SupplierPatch", response: "Supplier")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await master.updateSupplier(id: try context.parameters.require("id"), try await JSONIO.decode(MasterPatch.self, from: request), by: principal))
        }
        routes.add(.init(.get, "/api/v1/warehouses", summary: "Warehouses the caller can see (MAT-02)", tag: "materials", response: "WarehouseList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await master.warehouses(viewer: principal)))
        }
        routes.add(.init(.post, "/api/v1/warehouses", summary: "Add a warehouse (good or damaged) to an org unit", tag: "materials", request: "WarehouseInput",
                         response: "Warehouse", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await master.createWarehouse(try await JSONIO.decode(WarehouseInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.patch, "/api/v1/warehouses/{id}", summary: "Rename or deactivate a warehouse (业务管理部 only; code, org unit and condition never change)",
                         tag: "materials", request: "WarehousePatch", response: "Warehouse")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await master.updateWarehouse(id: try context.parameters.require("id"), try await JSONIO.decode(MasterPatch.self, from: request), by: principal))
        }
        for (entity, path) in [("item", "items"), ("supplier", "suppliers"), ("warehouse", "warehouses")] {
            routes.add(.init(.get, "/api/v1/\(path)/{id}/history", summary: "Audit trail of one \(entity): created, edited, deactivated, reactivated", tag: "materials",
                             response: "AuditEntryList")) { _, context in
                let principal = try context.requirePrincipal()
                return try JSONIO.response(Items(items: try await master.history(entity: entity, id: try context.parameters.require("id"), viewer: principal)))
            }
        }

        routes.add(.init(.get, "/api/v1/stock-documents", summary: "Receipts and issues (DOC-12 filters)", tag: "materials", response: "StockDocumentPage",
                         query: ["direction", "reason", "status", "warehouseId", "orgUnitId", "from", "to", "number", "page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await documents.list(try DocumentFilter.parse(q), paging: try Paging.from(q), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/stock-documents", summary: "Add and save a receipt or issue (4.1)", tag: "materials", request: "StockDocumentInput",
                         response: "StockDocument", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await documents.create(try await JSONIO.decode(StockDocumentInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/stock-documents/{id}", summary: "One document with its lines and the caller's allowed actions", tag: "materials",
                         response: "StockDocument")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await documents.get(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.get, "/api/v1/stock-documents/{id}/history", summary: "Who created, edited, audited and un-audited it, and when (DOC-10)", tag: "materials",
                         response: "AuditEntryList")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(Items(items: try await documents.history(id: try context.parameters.require("id"), viewer: principal)))
        }
        routes.add(.init(.patch, "/api/v1/stock-documents/{id}", summary: "Edit a saved document (lines replace the old lines; the warehouse cannot change)", tag: "materials",
                         request: "StockDocumentPatch", response: "StockDocument")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await documents.update(id: try context.parameters.require("id"), try await JSONIO.decode(StockDocumentInput.self, from: request), by: principal))
        }
        routes.add(.init(.delete, "/api/v1/stock-documents/{id}", summary: "Delete a saved document (its number is not reused)", tag: "materials", status: 204)) { _, context in
            let principal = try context.requirePrincipal()
            try await documents.delete(id: try context.parameters.require("id"), by: principal)
            return Response(status: .noContent)
        }
        routes.add(.init(.post, "/api/v1/stock-documents/{id}/audit", summary: "Audit (审核): moves stock; refused below zero", tag: "materials", response: "StockDocument")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await documents.audit(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/stock-documents/{id}/unaudit", summary: "Un-audit (弃审): reverses the movement; refused below zero", tag: "materials",
                         response: "StockDocument")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await documents.unaudit(id: try context.parameters.require("id"), by: principal))
        }

        routes.add(.init(.get, "/api/v1/transfers", summary: "Transfer orders (调拨单列表)", tag: "materials", response: "TransferPage", query: ["page", "per"])) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await transfers.list(paging: try Paging.from(request.queryDictionary), viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/transfers", summary: "Add and save a transfer (cross-department: HQ only, D3)", tag: "materials", request: "TransferInput",
                         response: "Transfer", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await transfers.create(try await JSONIO.decode(TransferInput.self, from: request), by: principal), status: .created)
        }
        routes.add(.init(.get, "/api/v1/transfers/{id}", summary: "One transfer with its generated out and in documents (下查)", tag: "materials", response: "Transfer")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await transfers.get(id: try context.parameters.require("id"), viewer: principal))
        }
        routes.add(.init(.patch, "/api/v1/transfers/{id}", summary: "Edit a saved transfer", tag: "materials", request: "TransferInput", response: "Transfer")) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await transfers.update(id: try context.parameters.require("id"), try await JSONIO.decode(TransferInput.self, from: request), by: principal))
        }
        routes.add(.init(.delete, "/api/v1/transfers/{id}", summary: "Delete a saved transfer", tag: "materials", status: 204)) { _, context in
            let principal = try context.requirePrincipal()
            try await transfers.delete(id: try context.parameters.require("id"), by: principal)
            return Response(status: .noContent)
        }
        routes.add(.init(.post, "/api/v1/transfers/{id}/audit", summary: "Audit: generates the saved out and in documents (TRF-07)", tag: "materials", response: "Transfer")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await transfers.audit(id: try context.parameters.require("id"), by: principal))
        }
        routes.add(.init(.post, "/api/v1/transfers/{id}/unaudit", summary: "Un-audit while neither generated document is audited; deletes them", tag: "materials",
                         response: "Transfer")) { _, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await transfers.unaudit(id: try context.parameters.require("id"), by: principal))
        }

        routes.add(.init(.get, "/api/v1/stock/on-hand", summary: "On-hand (现存量) by warehouse and item", tag: "materials", response: "OnHandList",
                         query: ["warehouseId", "itemId"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(RowArray(rows: try await stock.onHand(warehouseId: q["warehouseId"], itemId: q["itemId"], viewer: principal)))
        }
        routes.add(.init(.get, "/api/v1/stock/ledger", summary: "Stock ledger (出入库流水账) of a warehouse and period, in posting order, with running balance",
                         tag: "materials", response: "LedgerList", query: ["warehouseId", "from", "to", "itemId"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(RowArray(rows: try await stock.ledger(warehouseId: q["warehouseId"], from: q["from"], to: q["to"], itemId: q["itemId"], viewer: principal)))
        }
        StocktakesAPI(stocktakes: stocktakes).register(routes)
    }
}

enum MaterialSchemas {
    static func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let optStr: JSONValue = ["type": ["string", "null"]]
        let qty: JSONValue = ["oneOf": [["type": "number"], ["type": "string", "pattern": "^-?[0-9]+(\\.[0-9]{1,3})?$"]]]
        let optQty: JSONValue = ["type": ["number", "null"]]
        let optQtyIn: JSONValue = ["oneOf": [["type": "null"], ["type": "number", "minimum": 0], ["type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,3})?$"]]]
        let days: JSONValue = ["type": ["integer", "null"], "minimum": 1, "maximum": 36500]
        let flag: JSONValue = ["type": "boolean"]
        let line: JSONValue = ["type": "object", "required": ["quantity"], "properties": ["itemId": str, "itemCode": ["type": "string", "description": "the item's code instead of its id"], "quantity": qty, "remark": ["type": "string", "maxLength": 500],
                                                                                         "binId": str, "batchId": str, "batchNo": str, "productionDate": ["type": "string", "format": "date"],
                                                                                         "expiryDate": ["type": "string", "format": "date"], "maintenanceCycleDays": days]]
        let lineView: JSONValue = ["type": "object", "properties": ["lineNo": ["type": "integer"], "itemId": str, "itemCode": str, "itemName": str, "unit": str,
                                                                     "quantity": ["type": "number"], "remark": str]]
        routes.schema("ItemInput", ["type": "object", "required": ["code", "name", "unit", "category", "repairClass"], "properties": [
            "code": ["type": "string", "maxLength": 40], "name": .text(max: 200), "spec": str, "model": str, "unit": .text(max: 20),
            "category": JSONValue.enumOf(ItemCategory.self), "repairClass": JSONValue.enumOf(RepairClass.self), "abcClass": JSONValue.enumOf(ABCClass.self),
            "shelfLifeDays": days, "maintenanceCycleDays": days, "maker": .text(max: 200), "origin": .text(max: 200),
            "reserveQuota": optQtyIn, "onSparePartsList": ["type": "boolean"],
            "storageAttributes": ["type": "array", "items": JSONValue.enumOf(StorageAttribute.self)], "nearExpiryDays": days,
        ]])
        routes.schema("ItemPatch", ["type": "object", "properties": [
            "name": .text(max: 200), "spec": str, "model": str, "unit": .text(max: 20),
            "category": JSONValue.enumOf(ItemCategory.self), "repairClass": JSONValue.enumOf(RepairClass.self), "abcClass": JSONValue.enumOf(ABCClass.self),
            "shelfLifeDays": days, "maintenanceCycleDays": days, "maker": .text(max: 200), "origin": .text(max: 200),
            "reserveQuota": optQtyIn, "onSparePartsList": ["type": "boolean"], "active": ["type": "boolean", "description": "false deactivates"],
            "storageAttributes": ["type": "array", "items": JSONValue.enumOf(StorageAttribute.self)], "nearExpiryDays": days,
        ]])
        routes.schema("Item", ["type": "object", "properties": [
            "id": str, "code": str, "name": str, "spec": str, "model": str, "unit": str, "category": JSONValue.enumOf(ItemCategory.self),
            "repairClass": JSONValue.enumOf(RepairClass.self), "abcClass": JSONValue.enumOf(ABCClass.self), "shelfLifeDays": ["type": ["integer", "null"]],
            "maintenanceCycleDays": ["type": ["integer", "null"]], "maker": str, "origin": str, "reserveQuota": optQty,
            "onSparePartsList": ["type": "boolean"], "active": ["type": "boolean"],
            "storageAttributes": ["type": "array", "items": JSONValue.enumOf(StorageAttribute.self)], "nearExpiryDays": ["type": ["integer", "null"]],
        ]])
        routes.pageSchema("ItemPage", item: "Item")
        routes.schema("ItemImportInput", ["type": "object", "required": ["csv"], "properties": [
            "csv": ["type": "string", "description": .string("header: " + MasterDataService.csvHeader.joined(separator: ","))]]])
        routes.schema("ItemImportReport", ["type": "object", "properties": [
            "imported": ["type": "integer"],
            "errors": ["type": "array", "items": ["type": "object", "properties": ["row": ["type": "integer"], "code": str, "field": optStr, "message": str]]],
        ]])
        routes.schema("SupplierInput", ["type": "object", "required": ["code", "name"], "properties": ["code": str, "name": .text(max: 200), "contact": str]])
        routes.schema("Supplier", ["type": "object", "properties": ["id": str, "code": str, "name": str, "contact": str, "active": flag]])
        routes.schema("SupplierPatch", ["type": "object", "properties": ["name": .text(max: 200), "contact": str, "active": flag]])
        routes.schema("WarehousePatch", ["type": "object", "properties": ["name": .text(max: 100), "active": flag]])
        routes.itemsSchema("SupplierList", item: "Supplier")
        routes.schema("WarehouseInput", ["type": "object", "required": ["code", "name", "orgUnitId", "condition"], "properties": [
            "code": str, "name": .text(max: 100), "orgUnitId": str, "condition": JSONValue.enumOf(WarehouseCondition.self)]])
        routes.schema("Warehouse", ["type": "object", "properties": ["id": str, "code": str, "name": str, "orgUnitId": str,
                                                                     "condition": JSONValue.enumOf(WarehouseCondition.self), "departmentId": optStr, "active": flag]])
        routes.itemsSchema("WarehouseList", item: "Warehouse")
        routes.schema("StockDocumentInput", ["type": "object", "required": ["direction", "reason", "warehouseId", "lines"], "properties": [
            "direction": JSONValue.enumOf(StockDirection.self), "reason": JSONValue.enumOf(StockReason.self), "warehouseId": str, "supplierId": str,
            "date": ["type": "string", "format": "date"], "remark": ["type": "string", "maxLength": 500],
            "approvalRef": ["type": "string", "maxLength": 500, "description": "recorded department approval; required for scrap (D8)"],
            "lines": ["type": "array", "minItems": 1, "items": line],
        ]])
        routes.schema("StockDocumentPatch", ["type": "object", "properties": [
            "reason": JSONValue.enumOf(StockReason.self), "supplierId": str, "date": ["type": "string", "format": "date"], "remark": ["type": "string", "maxLength": 500],
            "approvalRef": ["type": "string", "maxLength": 500], "lines": ["type": "array", "minItems": 1, "items": line],
        ]])
        routes.schema("StockDocument", ["type": "object", "properties": [
            "id": str, "number": str, "direction": JSONValue.enumOf(StockDirection.self), "reason": JSONValue.enumOf(StockReason.self), "polarity": JSONValue.enumOf(Polarity.self),
            "status": JSONValue.enumOf(DocumentStatus.self), "warehouseId": str, "warehouseName": str, "supplierId": optStr, "date": str, "remark": str,
            "approvalRef": optStr, "transferId": optStr, "ticketId": optStr, "ticketNumber": optStr, "createdBy": str, "createdAt": str, "updatedAt": str, "auditedBy": optStr, "auditedAt": optStr,
            "lines": ["type": "array", "items": lineView],
            "actions": ["type": "array", "items": ["type": "string", "enum": ["edit", "delete", "audit", "unaudit"]]],
        ]])
        routes.pageSchema("StockDocumentPage", item: "StockDocument")
        routes.schema("AuditEntry", ["type": "object", "properties": ["id": str, "at": str, "actorId": optStr, "action": str, "entity": str, "entityId": str,
                                                                      "detail": ["type": "object", "additionalProperties": ["type": "string"]]]])
        routes.itemsSchema("AuditEntryList", item: "AuditEntry")
        routes.schema("TransferInput", ["type": "object", "required": ["fromWarehouseId", "toWarehouseId", "lines"], "properties": [
            "fromWarehouseId": str, "toWarehouseId": str, "date": ["type": "string", "format": "date"], "remark": ["type": "string", "maxLength": 500],
            "lines": ["type": "array", "minItems": 1, "items": line],
        ]])
        routes.schema("Transfer", ["type": "object", "properties": [
            "id": str, "number": str, "fromWarehouseId": str, "toWarehouseId": str, "condition": JSONValue.enumOf(WarehouseCondition.self), "crossDepartment": ["type": "boolean"],
            "date": str, "remark": str, "status": JSONValue.enumOf(DocumentStatus.self), "progress": JSONValue.enumOf(TransferProgress.self), "outDocumentId": optStr, "inDocumentId": optStr,
            "createdBy": str, "createdAt": str, "auditedBy": optStr, "auditedAt": optStr, "lines": ["type": "array", "items": lineView],
            "documents": ["type": "array", "items": ["$ref": "#/components/schemas/StockDocument"]],
            "actions": ["type": "array", "items": str],
        ]])
        routes.pageSchema("TransferPage", item: "Transfer")
        routes.schema("OnHandList", ["type": "array", "items": ["type": "object", "properties": [
            "warehouseId": str, "warehouseCode": str, "itemId": str, "itemCode": str, "itemName": str, "unit": str, "quantity": ["type": "number"]]]])
        routes.schema("LedgerList", ["type": "array", "items": ["type": "object", "properties": [
            "seq": ["type": "integer"], "date": str, "documentId": str, "documentNumber": str, "reason": str, "itemId": str, "itemCode": str, "itemName": str,
            "quantityIn": optQty, "quantityOut": optQty, "balance": ["type": "number"], "remark": str]]])
    }
}
