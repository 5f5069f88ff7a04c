import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// Every change to a site's daily ledger (LED-01..07): permission, validation, one transaction, an audit-trail entry.
public struct SiteLedgerService: Sendable {
    let store: any Store
    let documents: StockDocumentService

    public init(store: any Store, documents: StockDocumentService) {
        self.store = store
        self.documents = documents
    }

    struct Line: Sendable {
        let kind: LedgerLineKind
        var itemId: String
        let itemCode: String?
        let quantityIn: Quantity
        let quantityOut: Quantity
        let remark: String
        let reference: String
        let supplierId: String?
    }

    static func lines(_ raw: [SiteLedgerLineInput]?) throws -> [Line] {
        guard let raw, !raw.isEmpty else { throw AppError.validation("lines", Text("请至少填写一行出入库记录", "Add at least one line")) }
        guard raw.count <= 2_000 else { throw AppError.validation("lines", Text("一天的流水账最多 2000 行", "A day's ledger has at most 2,000 lines")) }
        return try raw.enumerated().map { i, l in
            let n = String(i + 1)
            let code = TextRules.trimmed(l.itemCode)
            guard let itemId = TextRules.trimmed(l.itemId) ?? code.map({ _ in "" }) else {
                throw AppError.validation("lines[\(i)].itemId", Text("第 {0} 行缺少存货（从本现场现存量中选择）", "Line {0} has no item (pick it from the site's on-hand list)").with(n))
            }
            let qIn = l.quantityIn ?? .zero, qOut = l.quantityOut ?? .zero
            let kind: LedgerLineKind = try MaterialValidation.choice(l.kind, "lines[\(i)].kind", default: qOut.isPositive ? .selfUse : .transferIn)
            let remark = try MaterialValidation.text(l.remark, field: "lines[\(i)].remark", max: 500, required: false) ?? ""
            let reference = try MaterialValidation.text(l.reference, field: "lines[\(i)].reference", max: 200, required: false) ?? ""
            let supplier = TextRules.trimmed(l.supplierId)
            switch SiteLedgerRules.check(kind: kind, quantityIn: qIn, quantityOut: qOut, remark: remark, reference: reference, hasSupplier: supplier != nil) {
            case nil: break
            case .quantity?:
                throw AppError.validation(kind.direction == .in ? "lines[\(i)].quantityIn" : "lines[\(i)].quantityOut",
                                          kind.direction == .in ? Text("第 {0} 行：收入数量必须大于零，发出数量留空", "Line {0}: the quantity in must be above zero and the quantity out empty").with(n)
                                                                : Text("第 {0} 行：发出数量必须大于零，收入数量留空", "Line {0}: the quantity out must be above zero and the quantity in empty").with(n))
            case .remarkRequired?:
                throw AppError.validation("lines[\(i)].remark", Text("第 {0} 行：每一栏都必须填写，请填写摘要/用途（LED-02）", "Line {0}: every column is required; write what the movement was for (LED-02)").with(n))
            case .referenceRequired?:
                throw AppError(.unprocessableContent, "reference_required",
                               kind == .transferIn ? Text("第 {0} 行：调拨入库须注明调拨单号（LED-04）", "Line {0}: a transfer receipt must give the transfer order number (LED-04)").with(n)
                                                   : Text("第 {0} 行：发货须注明装箱单信息（LED-04）", "Line {0}: a shipment must give the packing-list information (LED-04)").with(n),
                               details: ["field": "lines[\(i)].reference"])
            case .supplierRequired?:
                throw AppError.validation("lines[\(i)].supplierId", Text("第 {0} 行：采购入库须选择供应商（RCV-02）", "Line {0}: a purchase receipt names its supplier (RCV-02)").with(n))
            }
            return Line(kind: kind, itemId: itemId, itemCode: code, quantityIn: qIn, quantityOut: qOut, remark: remark, reference: reference, supplierId: supplier)
        }
    }

    /// Resolves typed item codes, checks the items exist and are active, the suppliers exist, and (LED-02) that every
    /// out line takes an item of the warehouse's on-hand list.
    static func check(_ db: any SQLDatabase, warehouse w: WarehouseView, _ typed: [Line]) async throws -> [Line] {
        let asDocumentLines = typed.map { MaterialValidation.Line(itemId: $0.itemId, quantity: Quantity(milli: 1), remark: "", itemCode: $0.itemCode) }
        let resolved = try await StockDocumentService.resolveItems(db, asDocumentLines)
        var lines = typed
        for i in lines.indices { lines[i].itemId = resolved[i].itemId }
        try await StockDocumentService.requireItems(db, lines.map(\.itemId))
        let onHand = try await SiteLedgerQueries.onHandItemIds(db, warehouseId: w.id)
        if let i = lines.firstIndex(where: { $0.kind.needsOnHandItem && !onHand.contains($0.itemId) }) {
            throw AppError(.unprocessableContent, "item_not_on_site_list",
                           Text("第 {0} 行：发出的存货必须从本现场的现存量清单中选择（LED-02）", "Line {0}: an item going out must be picked from the site's on-hand list (LED-02)").with(String(i + 1)),
                           details: ["field": "lines[\(i)].itemId"])
        }
        for supplier in Set(lines.compactMap(\.supplierId)) {
            guard try await MasterDataService.supplier(db, id: supplier) != nil else {
                throw AppError.validation("supplierId", Text("供应商不存在", "The supplier does not exist"))
            }
        }
        return lines
    }

    static func insertLines(_ db: any SQLDatabase, id: String, _ lines: [Line]) async throws {
        var start = 0
        while start < lines.count {
            let chunk = lines[start..<min(start + 300, lines.count)]
            let values = SQLList(chunk.enumerated().map { i, l in
                SQLQueryString("(\(bind: id), \(bind: start + i + 1), \(bind: l.kind.rawValue), \(bind: l.itemId), \(bind: l.quantityIn.milli), \(bind: l.quantityOut.milli), \(bind: l.remark), \(bind: l.reference), \(bind: l.supplierId))")
            })
            try await db.raw("INSERT INTO site_ledger_lines (ledger_id, line_no, kind, item_id, quantity_in, quantity_out, remark, reference, supplier_id) VALUES \(values)").run()
            start += 300
        }
    }

    static func day(_ date: String) -> CivilDay { CivilDay(iso: date) ?? CivilDay(number: 0) }
    static func today(_ now: Date) -> CivilDay { day(MaterialValidation.today(now)) }

    // MARK: write the day

    /// LED-01: the keeper writes the day (a draft); one ledger per warehouse and day.
    public func create(_ input: SiteLedgerInput, by actor: Principal, now: Date = Date()) async throws -> SiteLedgerView {
        let date = try MaterialValidation.date(input.date, now: now)
        if SiteLedgerRules.isFuture(ledgerDay: Self.day(date), today: Self.today(now)) {
            throw AppError.validation("date", Text("不能填写尚未到来的日期的流水账", "A ledger cannot be written for a day that has not come yet"))
        }
        let typed = try Self.lines(input.lines)
        return try await store.write { db in
            let w = try await MasterDataService.requireActiveWarehouse(db, id: input.warehouseId, field: "warehouseId")
            try MaterialAccess.requireEdit(actor, w)
            guard w.conditionValue == .good else {
                throw AppError.validation("warehouseId", Text("现场流水账记在完好品库（损坏件另有台账）", "The site ledger is kept for the good-item warehouse (damaged parts have their own register)"))
            }
            if try await db.raw("SELECT id FROM site_ledger_days WHERE warehouse_id = \(bind: w.id) AND ledger_date = \(bind: date)").first() != nil {
                throw AppError.conflict("ledger_day_exists", Text("仓库 {0} 在 {1} 的流水账已经存在", "Warehouse {0} already has a ledger for {1}").with(w.code, date))
            }
            // #17.6 RET-04: the day was kept, posted and archived; it is not written a second time.
            if try await RetentionTombstones.isArchived(kind: .siteLedger, number: "\(w.code) \(date)", in: db) {
                throw AppError.conflict("ledger_day_archived", Text("仓库 {0} 在 {1} 的流水账已过保存期并归档，不能重新填写",
                                                                   "The ledger of warehouse {0} for {1} was kept its period and archived: it cannot be written again").with(w.code, date))
            }
            let lines = try await Self.check(db, warehouse: w, typed)
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO site_ledger_days (id, warehouse_id, org_path, ledger_date, status, late, late_reason, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: w.id), \(bind: w.orgPath), \(bind: date), 'draft', 0, \(bind: TextRules.trimmed(input.lateReason)), \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await Self.insertLines(db, id: id, lines)
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "site_ledger", entityId: id, detail: ["warehouse": w.code, "date": date], at: at)
            return try await SiteLedgerQueries.view(db, id: id, viewer: actor)
        }
    }

    /// Loads the day for a change, locked on PostgreSQL, checking that the actor sees it.
    func locked(_ db: any SQLDatabase, id: String, actor: Principal) async throws -> SiteLedgerRow {
        guard let d = try await SiteLedgerQueries.row(db, id: id, lock: store.dialect.rowLock(of: "d")) else {
            throw try await SiteLedgerQueries.missing(db, id: id, viewer: actor)
        }
        try SiteLedgerQueries.requireView(actor, d)
        return d
    }

    static func requireAllowed(_ action: SiteLedgerRules.Action, _ d: SiteLedgerRow) throws {
        guard SiteLedgerRules.allows(action, d.status) else {
            let names: [LedgerDayStatus: Text] = [.draft: Text("草稿", "draft"), .submitted: Text("已提交", "submitted"), .posted: Text("已记账", "posted")]
            let state = names[d.status] ?? Text(d.status.rawValue, d.status.rawValue)
            throw AppError.conflict("ledger_\(d.status.rawValue)", Text("该流水账当前状态为“{0}”，不能执行此操作", "The ledger day is {0}; this step is not possible now").with(state.zh, state.en))
        }
    }

    /// Replaces the lines (and the late reason) of a day still in draft.
    public func update(id: String, _ input: SiteLedgerInput, by actor: Principal, now: Date = Date()) async throws -> SiteLedgerView {
        let typed = try input.lines.map { try Self.lines($0) }
        return try await store.write { db in
            let d = try await locked(db, id: id, actor: actor)
            try MaterialAccess.requireEdit(actor, d.warehouse)
            try Self.requireAllowed(.edit, d)
            let at = Clock.millis(now)
            if let typed {
                let lines = try await Self.check(db, warehouse: d.warehouse, typed)
                try await db.raw("DELETE FROM site_ledger_lines WHERE ledger_id = \(bind: id)").run()
                try await Self.insertLines(db, id: id, lines)
            }
            let reason = input.lateReason == nil ? d.lateReason : TextRules.trimmed(input.lateReason)
            try await db.raw("UPDATE site_ledger_days SET late_reason = \(bind: reason), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "edit", entity: "site_ledger", entityId: id, detail: ["date": d.date], at: at)
            return try await SiteLedgerQueries.view(db, id: id, viewer: actor)
        }
    }

    /// LED-01, LED-03: sends the day to the department; after the day is over it is late and needs the reason.
    public func submit(id: String, _ input: SiteLedgerStepInput, by actor: Principal, now: Date = Date()) async throws -> SiteLedgerView {
        try await store.write { db in
            let d = try await locked(db, id: id, actor: actor)
            try MaterialAccess.requireEdit(actor, d.warehouse)
            try Self.requireAllowed(.submit, d)
            let late = SiteLedgerRules.isLate(ledgerDay: Self.day(d.date), submittedOn: Self.today(now))
            let reason = TextRules.trimmed(input.lateReason) ?? d.lateReason
            if late && reason == nil {
                throw AppError(.unprocessableContent, "late_reason_required",
                               Text("{0} 的流水账应在当天 24 点前提交，迟交须说明原因（LED-03）", "The ledger of {0} was due by the end of that day; a late ledger must give the reason (LED-03)").with(d.date),
                               details: ["field": "lateReason"])
            }
            let at = Clock.millis(now)
            try await db.raw("""
                UPDATE site_ledger_days SET status = 'submitted', late = \(bind: late ? 1 : 0), late_reason = \(bind: late ? reason : d.lateReason),
                    submitted_by = \(bind: actor.userId), submitted_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "submit", entity: "site_ledger", entityId: id,
                                        detail: ["date": d.date, "late": late ? "yes" : "no"], at: at)
            return try await SiteLedgerQueries.view(db, id: id, viewer: actor)
        }
    }

    /// LED-05, LED-07: the department accountant sends a submitted day back to the site for correction.
    public func sendBack(id: String, _ input: SiteLedgerStepInput, by actor: Principal, now: Date = Date()) async throws -> SiteLedgerView {
        guard let comment = try MaterialValidation.text(input.comment, field: "comment", max: 500, required: false) else {
            throw AppError.validation("comment", Text("请写明退回的原因", "Say why the day is sent back"))
        }
        return try await store.write { db in
            let d = try await locked(db, id: id, actor: actor)
            try MaterialAccess.requireAudit(actor, d.warehouse)
            try Self.requireAllowed(.return, d)
            let at = Clock.millis(now)
            try await db.raw("UPDATE site_ledger_days SET status = 'draft', return_comment = \(bind: comment), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "return", entity: "site_ledger", entityId: id, detail: ["comment": comment], at: at)
            return try await SiteLedgerQueries.view(db, id: id, viewer: actor)
        }
    }

    /// LED-05: the department accountant posts the day. In one transaction Kefu drafts one receipt or issue per category
    /// (and supplier) from the lines — dated the ledger day, remark naming the ledger — links them to the day, and with
    /// `audit` audits them too (stock moves; refused whole when any item would go below zero, DOC-07). Lines a transfer
    /// books (transfer_in, shipment) draft nothing.
    public func post(id: String, _ input: SiteLedgerStepInput, by actor: Principal, now: Date = Date()) async throws -> SiteLedgerView {
        let documents = self.documents
        return try await store.write { db in
            let d = try await locked(db, id: id, actor: actor)
            try MaterialAccess.requireAudit(actor, d.warehouse)
            try Self.requireAllowed(.post, d)
            let lines = try await SiteLedgerQueries.lines(db, id: id)
            let at = Clock.millis(now)
            // One document per (category, supplier), in line order.
            var groups: [(reason: StockReason, supplier: String?, lines: [MaterialValidation.Line])] = []
            for l in lines {
                guard let kind = LedgerLineKind(rawValue: l.kind), let reason = kind.draftedReason else { continue }
                let quantity = kind.direction == .in ? l.quantityIn : l.quantityOut
                let line = MaterialValidation.Line(itemId: l.itemId, quantity: quantity, remark: l.remark)
                if let g = groups.firstIndex(where: { $0.reason == reason && $0.supplier == l.supplierId }) {
                    groups[g].lines.append(line)
                } else {
                    groups.append((reason, l.supplierId, [line]))
                }
            }
            let remark = "现场流水账 \(d.warehouse.code) \(d.date)"
            var ids: [String] = []
            for g in groups {
                let direction = g.reason.direction ?? .out
                let checked = try await StockDocumentService.check(db, direction: direction, reason: g.reason, warehouse: d.warehouse, lines: g.lines,
                                                                   supplierId: g.supplier, approval: nil)
                let docId = try await StockDocumentService.insert(db, direction: direction, reason: g.reason, warehouse: d.warehouse, supplierId: g.supplier,
                                                                  date: d.date, remark: remark, approval: nil, transferId: nil, lines: checked,
                                                                  actorId: actor.userId, at: at)
                ids.append(docId)
            }
            if !ids.isEmpty {
                try await db.raw("INSERT INTO site_ledger_documents (ledger_id, document_id) VALUES \(SQLList(ids.map { SQLQueryString("(\(bind: id), \(bind: $0))") }))").run()
            }
            if input.audit == true {
                for docId in ids { _ = try await documents.audit(id: docId, by: actor, now: now) }
            }
            try await db.raw("UPDATE site_ledger_days SET status = 'posted', posted_by = \(bind: actor.userId), posted_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "post", entity: "site_ledger", entityId: id,
                                        detail: ["date": d.date, "documents": String(ids.count), "audited": input.audit == true ? "yes" : "no"], at: at)
            return try await SiteLedgerQueries.view(db, id: id, viewer: actor)
        }
    }

    /// LED-06: the printed day, signed, is filed at the site; Kefu records who filed it and when.
    public func file(id: String, by actor: Principal, now: Date = Date()) async throws -> SiteLedgerView {
        try await store.write { db in
            let d = try await locked(db, id: id, actor: actor)
            try MaterialAccess.requireEdit(actor, d.warehouse)
            guard d.filedAt == nil else {
                throw AppError.conflict("ledger_filed", Text("该日流水账已登记归档", "This day's ledger is already recorded as filed"))
            }
            let at = Clock.millis(now)
            try await db.raw("UPDATE site_ledger_days SET filed_by = \(bind: actor.userId), filed_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "file", entity: "site_ledger", entityId: id, detail: ["date": d.date], at: at)
            return try await SiteLedgerQueries.view(db, id: id, viewer: actor)
        }
    }

    // MARK: reads

    public func get(id: String, viewer: Principal) async throws -> SiteLedgerView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await SiteLedgerQueries.view(db, id: id, viewer: viewer) }
    }

    public func list(_ q: [String: String], paging: Paging, viewer: Principal) async throws -> ListPage<SiteLedgerView> {
        try MaterialAccess.requireViewer(viewer)
        let filter = try SiteLedgerQueries.Filter.parse(q)
        return try await store.read { db in try await SiteLedgerQueries.list(db, filter, paging: paging, viewer: viewer) }
    }

    /// LED-07: the sites' standing for a day (default: yesterday, the last day that is over).
    public func standings(date: String?, orgUnitId: String?, viewer: Principal, now: Date = Date()) async throws -> [SiteLedgerStandingRow] {
        try MaterialAccess.requireViewer(viewer)
        let today = Self.today(now)
        let day = try TextRules.trimmed(date).map { try MaterialValidation.date($0, now: now) } ?? CivilDay(number: today.number - 1).iso
        return try await store.read { db in
            try await SiteLedgerQueries.standings(db, date: day, orgUnitId: TextRules.trimmed(orgUnitId), today: today, viewer: viewer)
        }
    }
}
