import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #11.3, #11.6: what a receipt / issue screen shows, read in one transaction (the page never reads).
struct DocumentPageModel: Sendable {
    /// nil while a new document is entered.
    let document: StockDocumentView?
    let editing: Bool
    let toolbar: [DocumentToolbar.Button: DocumentToolbar.State]
    /// 制单人 / 审核人 with their times.
    let signedBy: DocumentPeople
    /// A new document's choices: active warehouses the user enters documents into; otherwise all the user sees.
    let warehouses: [WarehouseView]
    let suppliers: [SupplierView]
    /// ISS-07: the on-hand check of a saved document.
    let stockCheck: [StockCheckLine]
    /// #12.4: the FEFO proposal of a saved issue, or the bins and batches an audited document moved.
    var placements: [StoragePlacementLine] = []
    /// #12 STO-03, ISS-06: the bin and batch each saved line names (line number → labels).
    var lineStorage: [Int: LineStorageLabel] = [:]
    /// #13.2 ARR-01: the arrival check a receipt was drafted from (the receipt's side of the link).
    var arrival: (id: String, number: String)? = nil
}

/// #11.3: 制单人 and 审核人 of a document, with when they made and audited it (epoch milliseconds).
struct DocumentPeople: Sendable {
    var maker: String?
    var madeAt: Int64?
    var auditor: String?
    var auditedAt: Int64?

    static let none = DocumentPeople()

    static func read(_ db: any SQLDatabase, createdBy: String, createdAt: Int64, auditedBy: String?, auditedAt: Int64?) async throws -> DocumentPeople {
        let names = try await OrgQueries.displayNames(db, ids: Set([createdBy, auditedBy].compactMap { $0 }))
        return DocumentPeople(maker: names[createdBy] ?? createdBy, madeAt: createdAt, auditor: auditedBy.map { names[$0] ?? $0 }, auditedAt: auditedAt)
    }
}

/// #11.3, #11.6: what a transfer screen shows, read in one transaction.
struct TransferPageModel: Sendable {
    let transfer: TransferView?
    let editing: Bool
    let toolbar: [DocumentToolbar.Button: DocumentToolbar.State]
    let signedBy: DocumentPeople
    /// Names of the two warehouses and the choices of a form.
    let warehouses: [WarehouseView]
    /// #12 STO-03: each line's bin in the out and in warehouse (line number → labels).
    var lineBins: [Int: LineStorageLabel] = [:]
}

extension StockDocumentService {
    /// `wantsEdit`: the page asks for edit mode (`?mode=edit`, or a refused save); granted only while the toolbar allows 修改.
    func pageModel(id: String?, wantsEdit: Bool, viewer: Principal) async throws -> DocumentPageModel {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let visible = try await MasterDataService.visibleWarehouses(db, viewer: viewer)
            let enterable = visible.filter { $0.active && MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: $0.orgPath)) }
            let suppliers = try await MasterDataService.allSuppliers(db)
            guard let id else {
                let toolbar = DocumentToolbar.document(.init(status: nil, editing: true, direction: .in, canAdd: !enterable.isEmpty,
                                                             canEdit: !enterable.isEmpty, canAudit: false))
                return DocumentPageModel(document: nil, editing: true, toolbar: toolbar, signedBy: .none, warehouses: enterable,
                                         suppliers: suppliers.filter(\.active), stockCheck: [])
            }
            let view = try await DocumentQueries.view(db, id: id, viewer: viewer)
            guard let row = try await DocumentQueries.row(db, id: id) else { throw AppError.notFound(Text("单据", "Document")) }
            let covers = viewer.covers(unitPath: row.orgPath)
            var facts = DocumentToolbar.DocumentFacts(status: row.status, editing: false, direction: row.direction, generated: row.generated,
                                                      partnerStatus: try await DocumentQueries.partnerStatus(db, row), canAdd: !enterable.isEmpty,
                                                      canEdit: MaterialPermissions.canEditDocuments(viewer.roles, covers: covers),
                                                      canAudit: MaterialPermissions.canAuditDocuments(viewer.roles, covers: covers))
            facts.editing = wantsEdit && DocumentToolbar.document(facts)[.edit]?.enabled == true
            let people = try await DocumentPeople.read(db, createdBy: row.createdBy, createdAt: row.createdAt, auditedBy: row.auditedBy, auditedAt: row.auditedAt)
            let check = row.status == .saved ? try await StockQueries.check(db, view, viewer: viewer) : []
            var model = DocumentPageModel(document: view, editing: facts.editing, toolbar: DocumentToolbar.document(facts), signedBy: people, warehouses: visible,
                                          suppliers: suppliers.filter { $0.active || $0.id == view.supplierId }, stockCheck: check)
            model.placements = try await StorageQueries.placements(db, document: view)
            model.arrival = try await ArrivalService.arrivalOfReceipt(db, documentId: view.id)
            var warehouse = visible.first { $0.id == view.warehouseId }
            if warehouse == nil { warehouse = try await MasterDataService.warehouse(db, id: view.warehouseId) }
            if let w = warehouse {
                model.lineStorage = try await StorageLines.labels(db, documentId: view.id, warehouseCode: w.code, warehouseId: w.id)
            }
            return model
        }
    }
}

extension TransferService {
    func pageModel(id: String?, wantsEdit: Bool, viewer: Principal) async throws -> TransferPageModel {
        try MaterialAccess.requireViewer(viewer)
        let canAdd = MaterialPermissions.canManageTransfer(viewer.roles, crossDepartment: false, coversBoth: true)
        return try await store.read { db in
            let visible = try await MasterDataService.visibleWarehouses(db, viewer: viewer)
            guard let id else {
                let toolbar = DocumentToolbar.transfer(.init(status: nil, editing: true, canAdd: canAdd, canManage: canAdd))
                return TransferPageModel(transfer: nil, editing: true, toolbar: toolbar, signedBy: .none, warehouses: visible.filter(\.active))
            }
            let t = try await Self.view(db, id: id, viewer: viewer)
            let from = try await MasterDataService.requireWarehouse(db, id: t.fromWarehouseId, field: "fromWarehouseId")
            let to = try await MasterDataService.requireWarehouse(db, id: t.toWarehouseId, field: "toWarehouseId")
            let coversBoth = viewer.covers(unitPath: from.orgPath) && viewer.covers(unitPath: to.orgPath)
            var facts = DocumentToolbar.TransferFacts(
                status: DocumentStatus(rawValue: t.status) ?? .saved, editing: false,
                outStatus: t.documents.first { $0.direction == "out" }.flatMap { DocumentStatus(rawValue: $0.status) },
                inStatus: t.documents.first { $0.direction == "in" }.flatMap { DocumentStatus(rawValue: $0.status) },
                canAdd: canAdd, canManage: MaterialPermissions.canManageTransfer(viewer.roles, crossDepartment: t.crossDepartment, coversBoth: coversBoth))
            facts.editing = wantsEdit && DocumentToolbar.transfer(facts)[.edit]?.enabled == true
            let ends = [from, to].filter { w in !visible.contains { $0.id == w.id } }
            let shown = (visible + ends).filter { facts.editing ? ($0.active || $0.id == from.id || $0.id == to.id) : true }
            guard let row = try await Self.row(db, id: id) else { throw AppError.notFound(Text("调拨单", "Transfer")) }
            let people = try await DocumentPeople.read(db, createdBy: row.createdBy, createdAt: row.createdAt, auditedBy: row.auditedBy, auditedAt: row.auditedAt)
            var model = TransferPageModel(transfer: t, editing: facts.editing, toolbar: DocumentToolbar.transfer(facts), signedBy: people, warehouses: shown)
            model.lineBins = try await TransferLineBins.labels(db, transferId: id, from: from, to: to)
            return model
        }
    }
}
