import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Transfer orders (调拨单, TRF, 4.2): saved → audited, which generates a saved out document in the source warehouse
/// and a saved in document in the target; each side audits its own (D3).
public struct TransferService: Sendable {
    let store: any Store
    /// #11.4: who may audit a saved transfer is told.
    public var notifier: any HandOffNotifier = NoHandOffs()

    public init(store: any Store) { self.store = store }

    struct TransferRow: Sendable {
        let id, number, fromWarehouseId, toWarehouseId, condition, date, remark, createdBy: String
        let crossDept: Bool
        let status: DocumentStatus
        let outDocumentId, inDocumentId, auditedBy: String?
        let createdAt: Int64
        let auditedAt: Int64?

        static let columns = "id, number, from_warehouse_id, to_warehouse_id, condition, cross_dept, doc_date, remark, status, out_document_id, in_document_id, created_by, created_at, audited_by, audited_at"

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            number = try row.decode(column: "number", as: String.self)
            fromWarehouseId = try row.decode(column: "from_warehouse_id", as: String.self)
            toWarehouseId = try row.decode(column: "to_warehouse_id", as: String.self)
            condition = try row.decode(column: "condition", as: String.self)
            crossDept = try row.decode(column: "cross_dept", as: Int.self) == 1
            date = try row.decode(column: "doc_date", as: String.self)
            remark = try row.decode(column: "remark", as: String.self)
            status = DocumentStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .saved
            outDocumentId = try row.decode(column: "out_document_id", as: String?.self)
            inDocumentId = try row.decode(column: "in_document_id", as: String?.self)
            createdBy = try row.decode(column: "created_by", as: String.self)
            createdAt = try row.decode(column: "created_at", as: Int64.self)
            auditedBy = try row.decode(column: "audited_by", as: String?.self)
            auditedAt = try row.decode(column: "audited_at", as: Int64?.self)
        }
    }

    static func row(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> TransferRow? {
        try await db.raw("SELECT \(unsafeRaw: TransferRow.columns) FROM transfers WHERE id = \(bind: id)\(unsafeRaw: lock)")
            .first().map(TransferRow.init(row:))
    }

    struct Validated: Sendable {
        let from: WarehouseView
        let to: WarehouseView
        let lines: [MaterialValidation.Line]
    }

    static func validate(_ db: any SQLDatabase, fromId: String?, toId: String?, lines typed: [MaterialValidation.Line], actor: Principal) async throws -> Validated {
        let from = try await MasterDataService.requireActiveWarehouse(db, id: fromId, field: "fromWarehouseId")
        let to = try await MasterDataService.requireActiveWarehouse(db, id: toId, field: "toWarehouseId")
        try MaterialAccess.requireTransfer(actor, from: from, to: to)
        let lines = try await StockDocumentService.resolveItems(db, typed)
        try await StockDocumentService.requireItems(db, lines.map(\.itemId))
        if let v = TransferRules.validate(from: from.conditionValue, to: to.conditionValue, sameWarehouse: from.id == to.id, quantities: lines.map(\.quantity)) {
            switch v {
            case .sameWarehouse:
                throw AppError(.unprocessableContent, "same_warehouse", Text("转出仓库和转入仓库不能相同", "Source and target warehouse must differ"), details: ["field": "toWarehouseId"])
            case .mixedCondition:
                throw AppError(.unprocessableContent, "transfer_condition_mismatch",
                               Text("完好品只能在完好品库之间调拨，损坏品只能在损坏品库之间调拨（TRF-02）", "Good items move only between good warehouses, damaged items only between damaged warehouses (TRF-02)"),
                               details: ["field": "toWarehouseId"])
            case .noLines:
                throw AppError.validation("lines", Text("请至少填写一行存货", "Add at least one line"))
            case .notPositive(let n):
                throw AppError(.unprocessableContent, "quantity_not_positive", Text("第 {0} 行：调拨数量必须大于零", "Line {0}: a transfer quantity must be above zero").with(String(n)),
                               details: ["field": "lines[\(n - 1)].quantity"])
            }
        }
        return Validated(from: from, to: to, lines: lines)
    }

    public func create(_ input: TransferInput, by actor: Principal, now: Date = Date()) async throws -> TransferView {
        let date = try MaterialValidation.date(input.date, now: now)
        let remark = try MaterialValidation.text(input.remark, field: "remark", max: 500, required: false) ?? ""
        let lines = try MaterialValidation.lines(input.lines)
        let handOffs = DocumentHandOffs(notifier: notifier)
        return try await store.write { db in
            let v = try await Self.validate(db, fromId: input.fromWarehouseId, toId: input.toWarehouseId, lines: lines, actor: actor)
            let id = Clock.newID()
            let number = try await StockDocumentService.nextNumber(db, prefix: "DB", date: date)
            let at = Clock.millis(now)
            let cross = TransferRules.isCrossDepartment(fromDept: v.from.departmentId, toDept: v.to.departmentId)
            try await db.raw("""
                INSERT INTO transfers (id, number, from_warehouse_id, to_warehouse_id, condition, cross_dept, doc_date, remark, status, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: v.from.id), \(bind: v.to.id), \(bind: v.from.condition), \(bind: cross ? 1 : 0), \(bind: date), \(bind: remark),
                    'saved', \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await StockDocumentService.insertLines(db, table: "transfer_lines", key: "transfer_id", id: id, v.lines)
            try await TransferLineBins.save(db, transferId: id, try await TransferLineBins.check(db, from: v.from, to: v.to, lines: v.lines))
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "transfer", entityId: id, detail: ["number": number], at: at)
            let view = try await Self.view(db, id: id, viewer: actor)
            try await handOffs.transferAwaitingAudit(db, view, from: v.from, to: v.to, by: actor, at: at)
            return view
        }
    }

    /// Loads the transfer locked, checks the actor may manage it and that the lifecycle allows `action`.
    static func locked(_ db: any SQLDatabase, id: String, dialect: StoreDialect, actor: Principal, action: TransferRules.Action) async throws -> (TransferRow, WarehouseView, WarehouseView) {
        guard let t = try await row(db, id: id, lock: dialect.rowLock()) else { throw AppError.notFound(Text("调拨单", "Transfer")) }
        let from = try await MasterDataService.requireWarehouse(db, id: t.fromWarehouseId, field: "fromWarehouseId")
        let to = try await MasterDataService.requireWarehouse(db, id: t.toWarehouseId, field: "toWarehouseId")
        try MaterialAccess.requireTransfer(actor, from: from, to: to)
        let outStatus = try await DocumentQueries.status(db, id: t.outDocumentId)
        let inStatus = try await DocumentQueries.status(db, id: t.inDocumentId)
        guard TransferRules.allows(action, status: t.status, outStatus: outStatus, inStatus: inStatus) else {
            switch action {
            case .delete where t.status == .audited:
                throw RetentionHold.refusal(Text("已审核的调拨单", "An audited transfer"),
                                            hint: Text("录入有误请先弃审", "if it was entered wrongly, un-audit it first"))
            case .edit, .delete:
                throw AppError.conflict("transfer_audited", Text("已审核的调拨单不能修改或删除，请先弃审", "An audited transfer can be neither edited nor deleted; un-audit it first"))
            case .audit:
                throw AppError.conflict("transfer_already_audited", Text("调拨单已审核", "The transfer is already audited"))
            case .unaudit:
                if t.status == .saved { throw AppError.conflict("transfer_not_audited", Text("调拨单尚未审核", "The transfer is not audited")) }
                throw AppError.conflict("transfer_documents_audited", Text("调出单或调入单已审核，调拨单不能弃审（4.2）", "The out or in document is audited, so the transfer cannot be un-audited (4.2)"))
            }
        }
        return (t, from, to)
    }

    public func update(id: String, _ input: TransferInput, by actor: Principal, now: Date = Date()) async throws -> TransferView {
        let date = try input.date.map { try MaterialValidation.date($0, now: now) }
        let remark = try MaterialValidation.text(input.remark, field: "remark", max: 500, required: false)
        let newLines = try input.lines.map { try MaterialValidation.lines($0) }
        let dialect = store.dialect
        return try await store.write { db in
            let (t, from, to) = try await Self.locked(db, id: id, dialect: dialect, actor: actor, action: .edit)
            var lines = newLines ?? []
            if newLines == nil {
                lines = try await DocumentQueries.lines(db, table: "transfer_lines", key: "transfer_id", id: id)
                    .map { MaterialValidation.Line(itemId: $0.itemId, quantity: $0.quantity, remark: $0.remark) }
            }
            let v = try await Self.validate(db, fromId: input.fromWarehouseId ?? from.id, toId: input.toWarehouseId ?? to.id, lines: lines, actor: actor)
            let at = Clock.millis(now)
            let cross = TransferRules.isCrossDepartment(fromDept: v.from.departmentId, toDept: v.to.departmentId)
            try await db.raw("""
                UPDATE transfers SET from_warehouse_id = \(bind: v.from.id), to_warehouse_id = \(bind: v.to.id), condition = \(bind: v.from.condition),
                    cross_dept = \(bind: cross ? 1 : 0), doc_date = \(bind: date ?? t.date), remark = \(bind: remark ?? (input.remark == nil ? t.remark : "")), updated_at = \(bind: at)
                WHERE id = \(bind: id)
                """).run()
            if let newLines {
                try await db.raw("DELETE FROM transfer_lines WHERE transfer_id = \(bind: id)").run()
                _ = newLines
                try await StockDocumentService.insertLines(db, table: "transfer_lines", key: "transfer_id", id: id, v.lines)
                try await TransferLineBins.save(db, transferId: id, try await TransferLineBins.check(db, from: v.from, to: v.to, lines: v.lines))
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "edit", entity: "transfer", entityId: id, detail: ["number": t.number], at: at)
            return try await Self.view(db, id: id, viewer: actor)
        }
    }

    public func delete(id: String, by actor: Principal, now: Date = Date()) async throws {
        let dialect = store.dialect
        try await store.write { db in
            let (t, _, _) = try await Self.locked(db, id: id, dialect: dialect, actor: actor, action: .delete)
            try await db.raw("DELETE FROM transfer_lines WHERE transfer_id = \(bind: id)").run()
            try await TransferLineBins.delete(db, transferId: id)
            try await db.raw("DELETE FROM transfers WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "delete", entity: "transfer", entityId: id, detail: ["number": t.number], at: Clock.millis(now))
        }
    }

    /// TRF-07: audit generates the saved out and in documents; their remark carries the transfer number (LED-04).
    public func audit(id: String, by actor: Principal, now: Date = Date()) async throws -> TransferView {
        let dialect = store.dialect
        return try await store.write { db in
            let (t, from, to) = try await Self.locked(db, id: id, dialect: dialect, actor: actor, action: .audit)
            let lines = try await DocumentQueries.lines(db, table: "transfer_lines", key: "transfer_id", id: id)
                .map { MaterialValidation.Line(itemId: $0.itemId, quantity: $0.quantity, remark: $0.remark) }
            let at = Clock.millis(now)
            let remark = "调拨单 \(t.number)" + (t.remark.isEmpty ? "" : "；" + t.remark)
            let outId = try await StockDocumentService.insert(db, direction: .out, reason: .transfer, warehouse: from, supplierId: nil, date: t.date, remark: remark,
                                                              approval: nil, transferId: id, lines: lines, actorId: actor.userId, at: at)
            let inId = try await StockDocumentService.insert(db, direction: .in, reason: .transfer, warehouse: to, supplierId: nil, date: t.date, remark: remark,
                                                             approval: nil, transferId: id, lines: lines, actorId: actor.userId, at: at)
            try await TransferLineBins.handOn(db, transferId: id, lines: lines, outId: outId, inId: inId)
            try await db.raw("""
                UPDATE transfers SET status = 'audited', out_document_id = \(bind: outId), in_document_id = \(bind: inId), audited_by = \(bind: actor.userId),
                    audited_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "audit", entity: "transfer", entityId: id, detail: ["number": t.number], at: at)
            return try await Self.view(db, id: id, viewer: actor)
        }
    }

    /// 4.2: only while neither generated document is audited; the generated documents are deleted (numbers not reused).
    public func unaudit(id: String, by actor: Principal, now: Date = Date()) async throws -> TransferView {
        let dialect = store.dialect
        return try await store.write { db in
            let (t, _, _) = try await Self.locked(db, id: id, dialect: dialect, actor: actor, action: .unaudit)
            let generated = [t.outDocumentId, t.inDocumentId].compactMap { $0 }
            // #17.6 RET-04: un-auditing deletes the generated documents, so a hold on either of them refuses it.
            for doc in generated {
                try await RetentionHold.requireNotHeld(db, .stockDocument, id: doc, what: Text("调拨单生成的出入库单", "A document this transfer generated"), now: now)
            }
            let at = Clock.millis(now)
            try await db.raw("UPDATE transfers SET status = 'saved', out_document_id = NULL, in_document_id = NULL, audited_by = NULL, audited_at = NULL, updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            for doc in generated {
                try await db.raw("DELETE FROM stock_document_lines WHERE document_id = \(bind: doc)").run()
                try await StorageLines.delete(db, documentId: doc)
                try await db.raw("DELETE FROM stock_documents WHERE id = \(bind: doc)").run()
                try await AuditTrail.record(db, actorId: actor.userId, action: "delete", entity: "stock_document", entityId: doc, detail: ["transfer": t.number], at: at)
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "unaudit", entity: "transfer", entityId: id, detail: ["number": t.number], at: at)
            return try await Self.view(db, id: id, viewer: actor)
        }
    }

    // MARK: reads

    static func view(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> TransferView {
        guard let t = try await row(db, id: id) else { throw AppError.notFound(Text("调拨单", "Transfer")) }
        let from = try await MasterDataService.requireWarehouse(db, id: t.fromWarehouseId, field: "fromWarehouseId")
        let to = try await MasterDataService.requireWarehouse(db, id: t.toWarehouseId, field: "toWarehouseId")
        guard MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: from.orgPath) || viewer.covers(unitPath: to.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看该调拨单", "You cannot see this transfer"))
        }
        var documents: [StockDocumentView] = []
        for doc in [t.outDocumentId, t.inDocumentId].compactMap({ $0 }) {
            guard let d = try await DocumentQueries.row(db, id: doc) else { continue }
            documents.append(d.view(lines: [], actions: try await DocumentQueries.actions(db, d, viewer: viewer)))
        }
        let outStatus = documents.first { $0.direction == "out" }.flatMap { DocumentStatus(rawValue: $0.status) }
        let inStatus = documents.first { $0.direction == "in" }.flatMap { DocumentStatus(rawValue: $0.status) }
        let coversBoth = viewer.covers(unitPath: from.orgPath) && viewer.covers(unitPath: to.orgPath)
        let manage = MaterialPermissions.canManageTransfer(viewer.roles, crossDepartment: t.crossDept, coversBoth: coversBoth)
        let actions: [String] = manage ? [(TransferRules.Action.edit, "edit"), (.delete, "delete"), (.audit, "audit"), (.unaudit, "unaudit")]
            .filter { TransferRules.allows($0.0, status: t.status, outStatus: outStatus, inStatus: inStatus) }.map(\.1) : []
        return TransferView(id: t.id, number: t.number, fromWarehouseId: t.fromWarehouseId, toWarehouseId: t.toWarehouseId, condition: t.condition,
                            crossDepartment: t.crossDept, date: t.date, remark: t.remark, status: t.status.rawValue,
                            progress: TransferRules.progress(status: t.status, outStatus: outStatus, inStatus: inStatus).rawValue,
                            outDocumentId: t.outDocumentId, inDocumentId: t.inDocumentId, createdBy: t.createdBy, createdAt: Times.rfc3339(t.createdAt),
                            auditedBy: t.auditedBy, auditedAt: Times.rfc3339(t.auditedAt),
                            lines: try await DocumentQueries.lines(db, table: "transfer_lines", key: "transfer_id", id: id), documents: documents, actions: actions)
    }

    public func get(id: String, viewer: Principal) async throws -> TransferView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.view(db, id: id, viewer: viewer) }
    }

    public func list(paging: Paging, viewer: Principal) async throws -> ListPage<TransferView> {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await Self.list(db, paging: paging, viewer: viewer) }
    }

    static func list(_ db: any SQLDatabase, paging: Paging, viewer: Principal) async throws -> ListPage<TransferView> {
        let scope: SQLQueryString = MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) ? "" : """
            WHERE from_warehouse_id IN (SELECT id FROM warehouses WHERE org_path LIKE \(bind: viewer.orgPath + "%"))
               OR to_warehouse_id IN (SELECT id FROM warehouses WHERE org_path LIKE \(bind: viewer.orgPath + "%"))
            """
        let total = try await db.raw("SELECT COUNT(*) AS n FROM transfers \(scope)").first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await db.raw("SELECT id FROM transfers \(scope) ORDER BY doc_date DESC, created_at DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map { try $0.decode(column: "id", as: String.self) }
        var items: [TransferView] = []
        for id in ids {
            var v = try await Self.view(db, id: id, viewer: viewer)
            v.lines = []
            items.append(v)
        }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }
}
