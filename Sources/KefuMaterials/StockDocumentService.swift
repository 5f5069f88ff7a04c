import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Every change to a receipt or issue (4.1): permission, validation, one transaction, an audit-trail entry (DOC-10).
public struct StockDocumentService: Sendable {
    let store: any Store
    /// #11.4: who may audit a saved document is told (the composition root passes the service desk's notifications).
    public var notifier: any HandOffNotifier = NoHandOffs()

    public init(store: any Store) { self.store = store }

    static func numberPrefix(_ direction: StockDirection) -> String { direction == .in ? "RK" : "CK" }

    /// DOC-11: per kind and year, gapless (the counter moves in the document's own transaction), never reused.
    static func nextNumber(_ db: any SQLDatabase, prefix: String, date: String) async throws -> String {
        let year = String(date.prefix(4))
        let n = try await Counters.next("stock:\(prefix):\(year)", in: db)
        let digits = String(n)
        return "\(prefix)-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // MARK: create

    public func create(_ input: StockDocumentInput, by actor: Principal, now: Date = Date()) async throws -> StockDocumentView {
        let direction: StockDirection = try MaterialValidation.choice(input.direction, "direction")
        let reason: StockReason = try MaterialValidation.choice(input.reason, "reason")
        let date = try MaterialValidation.date(input.date, now: now)
        let remark = try MaterialValidation.text(input.remark, field: "remark", max: 500, required: false) ?? ""
        let approval = try MaterialValidation.text(input.approvalRef, field: "approvalRef", max: 500, required: false)
        let supplierId = TextRules.trimmed(input.supplierId)
        let lines = try MaterialValidation.lines(input.lines)
        let handOffs = DocumentHandOffs(notifier: notifier)
        return try await store.write { db in
            let w = try await MasterDataService.requireActiveWarehouse(db, id: input.warehouseId, field: "warehouseId")
            try MaterialAccess.requireEdit(actor, w)
            let at = Clock.millis(now)
            let id = try await Self.write(db, direction: direction, reason: reason, warehouse: w, supplierId: supplierId, date: date, remark: remark,
                                          approval: approval, lines: lines, actorId: actor.userId, at: at)
            let view = try await DocumentQueries.view(db, id: id, viewer: actor)
            try await handOffs.awaitingAudit(db, view, warehousePath: w.orgPath, by: actor, at: at)
            return view
        }
    }

    /// A new saved document inside the caller's transaction: content rules, the row and its lines, bins and batches.
    /// `checked`: the lines once their items are resolved (#13.6: the ticket's parts step checks the stock with them).
    static func write(_ db: any SQLDatabase, direction: StockDirection, reason: StockReason, warehouse w: WarehouseView, supplierId: String?, date: String,
                      remark: String, approval: String?, lines typed: [MaterialValidation.Line], actorId: String, at: Int64,
                      checked: ([MaterialValidation.Line]) async throws -> Void = { _ in }) async throws -> String {
        let lines = try await check(db, direction: direction, reason: reason, warehouse: w, lines: typed, supplierId: supplierId, approval: approval)
        try await checked(lines)
        let id = try await insert(db, direction: direction, reason: reason, warehouse: w, supplierId: supplierId, date: date, remark: remark,
                                  approval: approval, transferId: nil, lines: lines, actorId: actorId, at: at)
        let placed = try await StorageLines.resolveBins(db, warehouse: w, lines: lines)
        try await StorageLines.check(db, direction: direction, reason: reason, warehouse: w, date: date, lines: placed)
        try await StorageLines.save(db, documentId: id, lines: placed)
        return id
    }

    /// Content rules (4.1, RCV, ISS, RTN, D2, D4, D8) and that the items and supplier exist.
    /// Returns the lines with their typed item codes resolved to ids.
    @discardableResult
    static func check(_ db: any SQLDatabase, direction: StockDirection, reason: StockReason, warehouse w: WarehouseView, lines typed: [MaterialValidation.Line],
                      supplierId: String?, approval: String?, generated: Bool = false) async throws -> [MaterialValidation.Line] {
        let lines = try await resolveItems(db, typed)
        if let supplierId {
            guard let s = try await MasterDataService.supplier(db, id: supplierId) else {
                throw AppError.validation("supplierId", Text("供应商不存在", "The supplier does not exist"))
            }
            guard s.active else {
                throw AppError(.unprocessableContent, "deactivated", Text("供应商 {0} 已停用，不能用于新单据", "Supplier {0} is deactivated and cannot be used on new documents").with(s.code),
                               details: ["field": "supplierId"])
            }
        }
        try await requireItems(db, lines.map(\.itemId))
        if let v = DocumentRules.validate(direction: direction, reason: reason, condition: w.conditionValue, quantities: lines.map(\.quantity),
                                          hasSupplier: supplierId != nil, hasApproval: approval != nil, generated: generated) {
            throw MaterialErrors.document(v, reason: reason, warehouse: w)
        }
        return lines
    }

    /// #11.3: a line's typed item code names its item (case does not matter); a code that names none is refused on its
    /// line unless the line also carries an item id (a picker's choice whose text was changed).
    static func resolveItems(_ db: any SQLDatabase, _ lines: [MaterialValidation.Line]) async throws -> [MaterialValidation.Line] {
        let codes = Set(lines.compactMap { $0.itemCode?.lowercased() })
        guard !codes.isEmpty else { return lines }
        var ids: [String: String] = [:]
        for row in try await db.raw("SELECT id, code FROM items WHERE LOWER(code) IN (\(SQLList(codes.sorted().map { SQLBind($0) })))").all() {
            ids[try row.decode(column: "code", as: String.self).lowercased()] = try row.decode(column: "id", as: String.self)
        }
        return try lines.enumerated().map { i, line in
            guard let code = line.itemCode else { return line }
            var resolved = line
            if let id = ids[code.lowercased()] {
                resolved.itemId = id
            } else if line.itemId.isEmpty {
                throw AppError.validation("lines[\(i)].itemId", Text("第 {0} 行：没有编码为 {1} 的存货", "Line {0}: there is no item with the code {1}").with(String(i + 1), code))
            }
            return resolved
        }
    }

    /// The lines' items exist and are active (a deactivated item cannot go on a document being saved).
    static func requireItems(_ db: any SQLDatabase, _ ids: [String]) async throws {
        let unique = Array(Set(ids))
        var found: [String: (code: String, active: Bool)] = [:]
        var start = 0
        while start < unique.count {
            let chunk = unique[start..<min(start + 500, unique.count)]
            for row in try await db.raw("SELECT id, code, active FROM items WHERE id IN (\(SQLList(chunk.map { SQLBind($0) })))").all() {
                found[try row.decode(column: "id", as: String.self)] = (try row.decode(column: "code", as: String.self), try row.decode(column: "active", as: Int.self) != 0)
            }
            start += 500
        }
        if let i = ids.firstIndex(where: { found[$0] == nil }) {
            throw AppError.validation("lines[\(i)].itemId", Text("第 {0} 行的存货不存在", "The item of line {0} does not exist").with(String(i + 1)))
        }
        if let i = ids.firstIndex(where: { found[$0]?.active == false }) {
            throw AppError(.unprocessableContent, "deactivated", Text("第 {0} 行的存货 {1} 已停用，不能用于新单据", "The item {1} of line {0} is deactivated and cannot be used on new documents")
                .with(String(i + 1), found[ids[i]]!.code), details: ["field": "lines[\(i)].itemId"])
        }
    }

    static func insert(_ db: any SQLDatabase, direction: StockDirection, reason: StockReason, warehouse w: WarehouseView, supplierId: String?, date: String,
                       remark: String, approval: String?, transferId: String?, lines: [MaterialValidation.Line], actorId: String, at: Int64) async throws -> String {
        let id = Clock.newID()
        let number = try await nextNumber(db, prefix: numberPrefix(direction), date: date)
        let polarity = DocumentRules.polarity(lines.map(\.quantity))
        try await db.raw("""
            INSERT INTO stock_documents (id, number, direction, reason, polarity, status, warehouse_id, org_path, supplier_id, doc_date, remark, approval_ref,
                transfer_id, created_by, created_at, updated_at)
            VALUES (\(bind: id), \(bind: number), \(bind: direction.rawValue), \(bind: reason.rawValue), \(bind: polarity.rawValue), 'saved', \(bind: w.id),
                \(bind: w.orgPath), \(bind: supplierId), \(bind: date), \(bind: remark), \(bind: approval), \(bind: transferId), \(bind: actorId), \(bind: at), \(bind: at))
            """).run()
        try await insertLines(db, table: "stock_document_lines", key: "document_id", id: id, lines)
        try await AuditTrail.record(db, actorId: actorId, action: "create", entity: "stock_document", entityId: id, detail: ["number": number], at: at)
        return id
    }

    static func insertLines(_ db: any SQLDatabase, table: String, key: String, id: String, _ lines: [MaterialValidation.Line]) async throws {
        var start = 0
        while start < lines.count {
            let chunk = lines[start..<min(start + 500, lines.count)]
            let values = SQLList(chunk.enumerated().map { i, l in
                SQLQueryString("(\(bind: id), \(bind: start + i + 1), \(bind: l.itemId), \(bind: l.quantity.milli), \(bind: l.remark))")
            })
            try await db.raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: key), line_no, item_id, quantity, remark) VALUES \(values)").run()
            start += 500
        }
    }

    // MARK: edit and delete (saved only, DOC-04, DOC-05)

    /// Loads the document locked for change; a transfer's generated document locks its transfer first, so every
    /// path takes transfer → document in the same order.
    static func locked(_ db: any SQLDatabase, id: String, dialect: StoreDialect) async throws -> DocumentRow {
        // PostgreSQL, a document no transfer generated (transfer_id never changes): one statement reads and locks it.
        if dialect == .postgres, let d = try await DocumentQueries.row(db, id: id, lock: " AND d.transfer_id IS NULL" + dialect.rowLock(of: "d")) {
            return d
        }
        guard let first = try await DocumentQueries.row(db, id: id) else { throw AppError.notFound(Text("单据", "Document")) }
        // SQLite: the single writer already serialises; the row just read is current.
        guard dialect == .postgres else { return first }
        if let t = first.transferId {
            _ = try await db.raw("SELECT id FROM transfers WHERE id = \(bind: t)\(unsafeRaw: dialect.rowLock())").first()
        }
        guard let d = try await DocumentQueries.row(db, id: id, lock: dialect.rowLock(of: "d")) else {
            throw AppError.notFound(Text("单据", "Document"))
        }
        return d
    }

    public func update(id: String, _ input: StockDocumentInput, by actor: Principal, now: Date = Date()) async throws -> StockDocumentView {
        let date = try input.date.map { try MaterialValidation.date($0, now: now) }
        let remark = try MaterialValidation.text(input.remark, field: "remark", max: 500, required: false)
        let approval = try MaterialValidation.text(input.approvalRef, field: "approvalRef", max: 500, required: false)
        let newLines = try input.lines.map { try MaterialValidation.lines($0) }
        let reason: StockReason? = try input.reason.map { try MaterialValidation.choice($0, "reason") }
        let dialect = store.dialect
        return try await store.write { db in
            let d = try await Self.locked(db, id: id, dialect: dialect)
            let w = d.warehouse
            try MaterialAccess.requireView(actor, w)
            try MaterialAccess.requireEdit(actor, w)
            try MaterialErrors.requireAllowed(.edit, d)
            if let wid = TextRules.trimmed(input.warehouseId), wid != d.warehouseId {
                throw AppError.conflict("warehouse_locked", Text("已保存单据的仓库不能修改：请删除后重新录入（DOC-05）",
                                                                 "The warehouse of a saved document cannot change: delete it and create it again (DOC-05)"))
            }
            if let dir = TextRules.trimmed(input.direction), dir != d.direction.rawValue {
                throw AppError.conflict("direction_locked", Text("单据的收发方向不能修改", "The direction of a document cannot change"))
            }
            var lines = newLines ?? []
            if newLines == nil {
                lines = try await DocumentQueries.lines(db, id: id).map { MaterialValidation.Line(itemId: $0.itemId, quantity: $0.quantity, remark: $0.remark) }
            }
            let supplierId = input.supplierId.map { TextRules.trimmed($0) } ?? d.supplierId
            let finalReason = reason ?? d.reason
            let finalApproval = input.approvalRef == nil ? d.approvalRef : approval
            lines = try await Self.check(db, direction: d.direction, reason: finalReason, warehouse: w, lines: lines, supplierId: supplierId, approval: finalApproval)
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE stock_documents SET reason = \(bind: finalReason.rawValue), polarity = \(bind: DocumentRules.polarity(lines.map(\.quantity)).rawValue),
                    supplier_id = \(bind: supplierId), doc_date = \(bind: date ?? d.date), remark = \(bind: remark ?? (input.remark == nil ? d.remark : "")),
                    approval_ref = \(bind: finalApproval), updated_at = \(bind: at)
                WHERE id = \(bind: id)
                """).run()
            if newLines != nil {
                try await db.raw("DELETE FROM stock_document_lines WHERE document_id = \(bind: id)").run()
                try await Self.insertLines(db, table: "stock_document_lines", key: "document_id", id: id, lines)
                let placed = try await StorageLines.resolveBins(db, warehouse: w, lines: lines)
                try await StorageLines.check(db, direction: d.direction, reason: finalReason, warehouse: w, date: date ?? d.date, lines: placed)
                try await StorageLines.delete(db, documentId: id)
                try await StorageLines.save(db, documentId: id, lines: placed)
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "edit", entity: "stock_document", entityId: id, detail: ["number": d.number], at: at)
            return try await DocumentQueries.view(db, id: id, viewer: actor)
        }
    }

    public func delete(id: String, by actor: Principal, now: Date = Date()) async throws {
        let dialect = store.dialect
        try await store.write { db in
            let d = try await Self.locked(db, id: id, dialect: dialect)
            let w = d.warehouse
            try MaterialAccess.requireView(actor, w)
            try MaterialAccess.requireEdit(actor, w)
            // #17.6 RET-04: a document under a legal hold is never deleted, draft or filed.
            try await RetentionHold.requireNotHeld(db, .stockDocument, id: id, what: Text("该单据", "The document"), now: now)
            try MaterialErrors.requireAllowed(.delete, d)
            try await db.raw("DELETE FROM stock_document_lines WHERE document_id = \(bind: id)").run()
            try await StorageLines.delete(db, documentId: id)
            try await db.raw("DELETE FROM stock_documents WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "delete", entity: "stock_document", entityId: id, detail: ["number": d.number],
                                        at: Clock.millis(now))
        }
    }

    // MARK: audit and un-audit (DOC-06, DOC-07)

    public func audit(id: String, by actor: Principal, now: Date = Date()) async throws -> StockDocumentView {
        try await post(id: id, action: .audit, by: actor, now: now)
    }

    public func unaudit(id: String, by actor: Principal, now: Date = Date()) async throws -> StockDocumentView {
        try await post(id: id, action: .unaudit, by: actor, now: now)
    }

    func post(id: String, action: DocumentRules.Action, by actor: Principal, now: Date) async throws -> StockDocumentView {
        let dialect = store.dialect
        return try await store.write { db in
            let d = try await Self.locked(db, id: id, dialect: dialect)
            let w = d.warehouse
            try MaterialAccess.requireView(actor, w)
            try MaterialAccess.requireAudit(actor, w)
            if action == .unaudit {
                // #17.6 RET-04: un-auditing takes a filed document out of the files (and opens it to deletion): not while it is held.
                try await RetentionHold.requireNotHeld(db, .stockDocument, id: id, what: Text("该单据", "The document"), now: now)
            }
            try MaterialErrors.requireAllowed(action, d)
            if let t = d.transferId {
                let column = d.direction == .in ? "out_document_id" : "in_document_id"
                let pid = try await db.raw("SELECT \(unsafeRaw: column) AS p FROM transfers WHERE id = \(bind: t)").first()?.decode(column: "p", as: String?.self)
                if let partner = try await DocumentQueries.status(db, id: pid), !DocumentRules.pairAllows(action, direction: d.direction, partnerStatus: partner) {
                    throw d.direction == .in
                        ? AppError.conflict("transfer_out_not_audited", Text("调出单尚未审核，调入单不能审核", "The transfer's out document is not audited yet, so the in document cannot be audited"))
                        : AppError.conflict("transfer_in_audited", Text("调入单已审核，调出单不能弃审", "The transfer's in document is audited, so the out document cannot be un-audited"))
                }
            }
            let at = Clock.millis(now)
            var after = d
            after.updatedAt = at
            let statusUpdate: SQLQueryString
            if action == .audit {
                after.status = .audited; after.auditedBy = actor.userId; after.auditedAt = at
                statusUpdate = "UPDATE stock_documents SET status = 'audited', audited_by = \(bind: actor.userId), audited_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)"
            } else {
                after.status = .saved; after.auditedBy = nil; after.auditedAt = nil
                statusUpdate = "UPDATE stock_documents SET status = 'saved', audited_by = NULL, audited_at = NULL, updated_at = \(bind: at) WHERE id = \(bind: id)"
            }
            let trail = try AuditTrail.insert(actorId: actor.userId, action: action.rawValue, entity: "stock_document", entityId: id, detail: ["number": d.number], at: at)
            // PostgreSQL: the status change and the audit-trail row ride in the ledger insert (one round trip for the three);
            // SQLite has no data-modifying CTEs, and its statements cost no network round trip.
            let document = PostingEngine.Document(id: d.id, number: d.number, direction: d.direction, reason: d.reason.rawValue, date: d.date,
                                                  remark: d.remark, warehouseId: d.warehouseId)
            let reversing = action == .unaudit
            let lines: [DocumentLineView]
            if dialect == .postgres {
                // Lines + balances in one statement, then ledger + status + audit trail in one.
                let loaded = try await PostingEngine.loadAndApply(db, documentId: id, document: document, reversing: reversing, at: at)
                lines = loaded.lines
                try await PostingEngine.appendLedger(db, document: document, lines: lines.map(PostingEngine.Line.init), reversing: reversing,
                                                     after: loaded.after, actorId: actor.userId, at: at, alongside: [statusUpdate, trail])
            } else {
                lines = try await DocumentQueries.lines(db, id: id)
                try await PostingEngine.post(db, document: document, lines: lines.map(PostingEngine.Line.init), reversing: reversing, actorId: actor.userId, at: at)
                try await db.raw(statusUpdate).run()
                try await db.raw(trail).run()
            }
            // #12.4: bins and batches follow the warehouse balance (un-audit reverses exactly what audit placed).
            try await StoragePosting.apply(db, document: document, lines: lines, reversing: reversing, at: at)
            return after.view(lines: lines, actions: try await DocumentQueries.actions(db, after, viewer: actor))
        }
    }

    // MARK: reads

    public func get(id: String, viewer: Principal) async throws -> StockDocumentView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await DocumentQueries.view(db, id: id, viewer: viewer) }
    }

    public func list(_ filter: DocumentFilter, paging: Paging, viewer: Principal) async throws -> ListPage<StockDocumentView> {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await DocumentQueries.list(db, filter, paging: paging, viewer: viewer) }
    }

    public func history(id: String, viewer: Principal) async throws -> [AuditTrail.Entry] {
        _ = try await get(id: id, viewer: viewer)
        return try await store.read { db in try await AuditTrail.entries(db, entity: "stock_document", entityId: id) }
    }
}
