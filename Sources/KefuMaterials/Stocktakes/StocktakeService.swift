import Foundation
import KefuDomain
import KefuPlatform
import KefuOrg
import SQLKit

/// Every step of a stocktake (4.3, STK-01..09, D5): permission, validation, one transaction, an audit-trail entry.
public struct StocktakeService: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    static let entity = "stocktake"

    /// "PD-2026-000001", per year, gapless (the counter moves in the stocktake's own transaction).
    static func nextNumber(_ db: any SQLDatabase, now: Date) async throws -> String {
        let year = String(MaterialValidation.today(now).prefix(4))
        let digits = String(try await Counters.next("stocktake:\(year)", in: db))
        return "PD-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The lowest unit above all the warehouses (the unit whose roles see the whole stocktake).
    static func commonPath(_ paths: [String]) -> String {
        guard var common = paths.first.map(OrgPath.ids) else { return "/" }
        for p in paths.dropFirst() {
            let ids = OrgPath.ids(p)
            var n = 0
            while n < common.count, n < ids.count, common[n] == ids[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        return "/" + common.map { $0 + "/" }.joined()
    }

    // MARK: create and distribute

    public func create(_ input: StocktakeInput, by actor: Principal, now: Date = Date()) async throws -> StocktakeView {
        let kind: StocktakeKind = try MaterialValidation.choice(input.kind, "kind")
        let scope: StocktakeScope = try MaterialValidation.choice(input.scope, "scope", default: .full)
        let warehouseIds = Array(NSOrderedSet(array: (input.warehouseIds ?? []).compactMap { TextRules.trimmed($0) })) as? [String] ?? []
        guard !warehouseIds.isEmpty else { throw AppError.validation("warehouseIds", Text("请选择要盘点的仓库", "Choose the warehouses to count")) }
        guard warehouseIds.count <= 100 else { throw AppError.validation("warehouseIds", Text("一张盘点单最多 100 个仓库", "A stocktake covers at most 100 warehouses")) }
        let typedItemIds = Array(Set((input.itemIds ?? []).compactMap { TextRules.trimmed($0) })).sorted()
        let itemCodes = Array(Set((input.itemCodes ?? []).compactMap { TextRules.trimmed($0)?.lowercased() })).sorted()
        if scope == .spot, typedItemIds.isEmpty, itemCodes.isEmpty {
            throw AppError.validation("itemIds", Text("抽盘须选择要盘点的存货（STK-07）", "A spot check needs the items to count (STK-07)"))
        }
        guard typedItemIds.count + itemCodes.count <= MaterialValidation.maxLines else { throw AppError.validation("itemIds", Text("存货过多", "Too many items")) }
        let deadline = try TextRules.trimmed(input.deadline).map { try MaterialValidation.date($0, now: now) }
        let counter = try MaterialValidation.text(input.counter, field: "counter", max: 100, required: false) ?? ""
        let supervisor = try MaterialValidation.text(input.supervisor, field: "supervisor", max: 100, required: false) ?? ""
        let supervisedBy = TextRules.trimmed(input.supervisedBy)
        let remark = try MaterialValidation.text(input.remark, field: "remark", max: 500, required: false) ?? ""
        return try await store.write { db in
            var itemIds = typedItemIds
            if !itemCodes.isEmpty {
                var found: [String: String] = [:]
                for row in try await db.raw("SELECT id, code FROM items WHERE LOWER(code) IN (\(SQLList(itemCodes.map { SQLBind($0) })))").all() {
                    found[try row.decode(column: "code", as: String.self).lowercased()] = try row.decode(column: "id", as: String.self)
                }
                if let missing = itemCodes.first(where: { found[$0] == nil }) {
                    throw AppError.validation("itemCodes", Text("没有编码为 {0} 的存货", "There is no item with the code {0}").with(missing))
                }
                itemIds = Array(Set(itemIds + found.values)).sorted()
            }
            var warehouses: [WarehouseView] = []
            for (i, id) in warehouseIds.enumerated() {
                let w = try await MasterDataService.requireActiveWarehouse(db, id: id, field: "warehouseIds[\(i)]")
                guard StocktakeRules.may(.edit, roles: actor.roles, covers: actor.covers(unitPath: w.orgPath)) else {
                    throw AppError.forbidden(StocktakeAccess.message(.edit))
                }
                warehouses.append(w)
            }
            if let supervisedBy { try await Self.requireSupervisingSite(db, supervisedBy, counted: warehouses) }
            if !itemIds.isEmpty { try await StockDocumentService.requireItems(db, itemIds) }
            let id = Clock.newID()
            let at = Clock.millis(now)
            let number = try await Self.nextNumber(db, now: now)
            try await db.raw("""
                INSERT INTO stocktakes (id, number, kind, scope, status, org_path, deadline, counter, supervisor, supervised_by, remark, created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: number), \(bind: kind.rawValue), \(bind: scope.rawValue), 'draft', \(bind: Self.commonPath(warehouses.map(\.orgPath))),
                    \(bind: deadline), \(bind: counter), \(bind: supervisor), \(bind: supervisedBy), \(bind: remark), \(bind: actor.userId), \(bind: at), \(bind: at))
                """).run()
            try await db.raw("INSERT INTO stocktake_warehouses (stocktake_id, warehouse_id) VALUES \(SQLList(warehouses.map { SQLQueryString("(\(bind: id), \(bind: $0.id))") }))").run()
            if scope == .spot {
                var start = 0
                while start < itemIds.count {
                    let chunk = itemIds[start..<min(start + 500, itemIds.count)]
                    try await db.raw("INSERT INTO stocktake_items (stocktake_id, item_id) VALUES \(SQLList(chunk.map { SQLQueryString("(\(bind: id), \(bind: $0))") }))").run()
                    start += 500
                }
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: Self.entity, entityId: id, detail: ["number": number], at: at)
            return try await StocktakeQueries.view(db, id: id, viewer: actor)
        }
    }

    /// STK-04: the supervising unit must be an active site other than the counted warehouses' own (a field error otherwise).
    static func requireSupervisingSite(_ db: any SQLDatabase, _ unitId: String, counted: [WarehouseView]) async throws {
        let unit = try await OrgQueries.unitSummary(db, unitId: unitId)
        guard let problem = StocktakeSupervision.problem(unitId: unitId, unitKind: unit?.kind, unitActive: unit?.active ?? false,
                                                         countedUnitIds: Set(counted.map(\.orgUnitId))) else { return }
        let message = problem == .countedSite
            ? Text("监盘单位须是另一个现场，不能是被盘仓库所在的现场（STK-04）", "The supervising unit must be another site, not the counted warehouses' own (STK-04)")
            : Text("监盘单位须是一个启用的现场（STK-04）", "The supervising unit must be an active site (STK-04)")
        throw AppError(.unprocessableContent, problem.rawValue, message, details: ["field": "supervisedBy"])
    }

    /// 4.3, STK-03: freezes the on-hand of every line (full: all that is on hand; spot: the chosen items) and starts counting.
    public func distribute(id: String, by actor: Principal, now: Date = Date()) async throws -> StocktakeView {
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            let r = try await StocktakeQueries.require(db, id: id, lock: lock)
            try StocktakeAccess.require(.distribute, actor, r)
            _ = try StocktakeAccess.requireState(.distribute, r)
            let seq = try await db.raw("SELECT COALESCE(MAX(seq), 0) AS s FROM stock_movements").first()?.decode(column: "s", as: Int64.self) ?? 0
            // The snapshot is copied inside the database in one statement (no row travels to the server and back),
            // numbered in warehouse-code, item-code order.
            let source: SQLQueryString
            if r.scope == StocktakeScope.spot.rawValue {
                source = """
                    SELECT w.id AS warehouse_id, i.id AS item_id, COALESCE(b.quantity, 0) AS quantity, w.code AS wcode, i.code AS icode
                    FROM stocktake_warehouses sw JOIN warehouses w ON w.id = sw.warehouse_id
                    CROSS JOIN stocktake_items si JOIN items i ON i.id = si.item_id
                    LEFT JOIN stock_balances b ON b.warehouse_id = w.id AND b.item_id = i.id
                    WHERE sw.stocktake_id = \(bind: id) AND si.stocktake_id = \(bind: id)
                    """
            } else {
                source = """
                    SELECT b.warehouse_id, b.item_id, b.quantity, w.code AS wcode, i.code AS icode FROM stock_balances b
                    JOIN warehouses w ON w.id = b.warehouse_id JOIN items i ON i.id = b.item_id
                    WHERE b.warehouse_id IN (SELECT warehouse_id FROM stocktake_warehouses WHERE stocktake_id = \(bind: id)) AND b.quantity <> 0
                    """
            }
            try await db.raw("""
                INSERT INTO stocktake_lines (stocktake_id, line_no, warehouse_id, item_id, snapshot, reason)
                SELECT \(bind: id), CAST(ROW_NUMBER() OVER (ORDER BY s.wcode, s.icode) AS INTEGER), s.warehouse_id, s.item_id, s.quantity, '' FROM (\(source)) s
                """).run()
            let count = try await db.raw("SELECT COUNT(*) AS n FROM stocktake_lines WHERE stocktake_id = \(bind: id)").first()?.decode(column: "n", as: Int.self) ?? 0
            guard count > 0 else {
                throw AppError(.unprocessableContent, "nothing_to_count", Text("所选仓库没有现存量，没有可盘点的存货", "The chosen warehouses hold no stock: there is nothing to count"))
            }
            let at = Clock.millis(now)
            try await db.raw("UPDATE stocktakes SET status = 'counting', snapshot_seq = \(bind: seq), distributed_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "distribute", entity: Self.entity, entityId: id,
                                        detail: ["number": r.number, "lines": String(count)], at: at)
            return try await StocktakeQueries.view(db, id: id, viewer: actor)
        }
    }

    // MARK: counting

    /// A count to store: the line it names (nil: an item found that the books do not show, full counts only).
    struct Count: Sendable {
        let lineNo: Int?
        let warehouseId: String
        let itemId: String
        let counted: Quantity?
        let reasonCode: StocktakeReasonCode?
        let reason: String
    }

    public func counts(id: String, _ input: StocktakeCountsInput, by actor: Principal, now: Date = Date()) async throws -> StocktakeView {
        guard let typed = input.lines, !typed.isEmpty else { throw AppError.validation("lines", Text("请至少填写一行实盘数量", "Enter at least one counted line")) }
        guard typed.count <= MaterialValidation.maxLines else { throw AppError.validation("lines", Text("行数过多", "Too many lines")) }
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            let r = try await Self.lockedForCounting(db, id: id, lock: lock, actor: actor)
            let lines = try await StocktakeQueries.lines(db, id: id)
            let warehouses = try await StocktakeQueries.warehouses(db, id: id)
            var byKey: [String: StocktakeQueries.LineRow] = [:]
            for l in lines { byKey[l.warehouseId + "\u{1}" + l.itemId] = l }
            var codes: [String: String] = [:]
            let wantedCodes = Set(typed.compactMap { TextRules.trimmed($0.itemCode)?.lowercased() })
            if !wantedCodes.isEmpty {
                for row in try await db.raw("SELECT id, code FROM items WHERE LOWER(code) IN (\(SQLList(wantedCodes.sorted().map { SQLBind($0) })))").all() {
                    codes[try row.decode(column: "code", as: String.self).lowercased()] = try row.decode(column: "id", as: String.self)
                }
            }
            var counts: [Count] = []
            for (i, t) in typed.enumerated() {
                let field = "lines[\(i)]"
                let warehouseId = TextRules.trimmed(t.warehouseId) ?? (warehouses.count == 1 ? warehouses[0].id : "")
                guard let w = warehouses.first(where: { $0.id == warehouseId }) else {
                    throw AppError.validation(field + ".warehouseId", Text("第 {0} 行：仓库不在这张盘点单上", "Line {0}: the warehouse is not on this stocktake").with(String(i + 1)))
                }
                let itemId = TextRules.trimmed(t.itemCode).flatMap { codes[$0.lowercased()] } ?? TextRules.trimmed(t.itemId) ?? ""
                let reasonCode = try TextRules.trimmed(t.reasonCode).map { code -> StocktakeReasonCode in
                    guard let c = StocktakeLabels.reasonCode(code) else {
                        throw AppError.validation(field + ".reasonCode", Text("第 {0} 行：差异原因代码 {1} 无效", "Line {0}: the reason code {1} is not valid").with(String(i + 1), code))
                    }
                    return c
                }
                let reason = try MaterialValidation.text(t.reason, field: field + ".reason", max: 500, required: false) ?? ""
                if let q = t.countedQuantity, q.isNegative {
                    throw AppError.validation(field + ".countedQuantity", Text("第 {0} 行：实盘数量不能为负数", "Line {0}: a counted quantity cannot be negative").with(String(i + 1)))
                }
                let line = byKey[w.id + "\u{1}" + itemId]
                if line == nil {
                    guard r.scope == StocktakeScope.full.rawValue, !itemId.isEmpty else {
                        throw AppError.validation(field + ".itemId", Text("第 {0} 行：该存货不在这张盘点单上", "Line {0}: the item is not on this stocktake").with(String(i + 1)))
                    }
                    try await StockDocumentService.requireItems(db, [itemId])
                }
                try Self.requireCountWarehouse(actor, r, w)
                counts.append(Count(lineNo: line?.lineNo, warehouseId: w.id, itemId: itemId, counted: t.countedQuantity, reasonCode: reasonCode, reason: reason))
            }
            try await Self.apply(db, id: id, counts, nextLineNo: (lines.map(\.lineNo).max() ?? 0) + 1)
            let at = Clock.millis(now)
            try await db.raw("UPDATE stocktakes SET updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "count", entity: Self.entity, entityId: id,
                                        detail: ["number": r.number, "lines": String(counts.count)], at: at)
            return try await StocktakeQueries.view(db, id: id, viewer: actor, lines: StocktakeQueries.lines(lines, after: counts))
        }
    }

    static func lockedForCounting(_ db: any SQLDatabase, id: String, lock: String, actor: Principal) async throws -> StocktakeQueries.Row {
        let r = try await StocktakeQueries.require(db, id: id, lock: lock)
        try StocktakeAccess.requireView(actor, r)
        guard try await mayCount(db, actor, r) else { throw AppError.forbidden(StocktakeAccess.message(.count)) }
        _ = try StocktakeAccess.requireState(.count, r)
        return r
    }

    /// STK-05: the stocktake's unit, or a site whose warehouse is on it.
    static func mayCount(_ db: any SQLDatabase, _ actor: Principal, _ r: StocktakeQueries.Row) async throws -> Bool {
        if StocktakeRules.may(.count, roles: actor.roles, covers: actor.covers(unitPath: r.orgPath)) { return true }
        return try await StocktakeQueries.warehouses(db, id: r.id).contains { StocktakeRules.may(.count, roles: actor.roles, covers: actor.covers(unitPath: $0.orgPath)) }
    }

    static func requireCountWarehouse(_ actor: Principal, _ r: StocktakeQueries.Row, _ w: WarehouseView) throws {
        guard StocktakeRules.may(.count, roles: actor.roles, covers: actor.covers(unitPath: r.orgPath) || actor.covers(unitPath: w.orgPath)) else {
            throw AppError.forbidden(Text("您不能录入仓库“{0}”的实盘数量", "You cannot enter counts for warehouse {0}").with(w.name))
        }
    }

    /// Stores counts in batches of 500 (one statement each): existing lines updated, new lines (items found, full counts) added.
    static func apply(_ db: any SQLDatabase, id: String, _ counts: [Count], nextLineNo: Int) async throws {
        let updates = counts.filter { $0.lineNo != nil }
        var start = 0
        while start < updates.count {
            let chunk = updates[start..<min(start + 500, updates.count)]
            let values = SQLList(chunk.map { c in
                SQLQueryString("(CAST(\(bind: c.lineNo!) AS INTEGER), CAST(\(bind: c.counted?.milli) AS BIGINT), CAST(\(bind: c.reasonCode?.rawValue) AS TEXT), CAST(\(bind: c.reason) AS TEXT))")
            })
            try await db.raw("""
                UPDATE stocktake_lines SET counted = CAST(v.column2 AS BIGINT), reason_code = CAST(v.column3 AS TEXT), reason = CAST(v.column4 AS TEXT)
                FROM (VALUES \(values)) AS v WHERE stocktake_lines.stocktake_id = \(bind: id) AND stocktake_lines.line_no = CAST(v.column1 AS INTEGER)
                """).run()
            start += 500
        }
        // New lines: the first count of each (warehouse, item) not on the sheet, numbered on; multi-row inserts.
        var seen = Set<String>()
        let added = counts.filter { $0.lineNo == nil && seen.insert($0.warehouseId + "\u{1}" + $0.itemId).inserted }
        try await MultiRowInsert.run(db, into: "stocktake_lines (stocktake_id, line_no, warehouse_id, item_id, snapshot, counted, reason_code, reason)", added) { i, c in
            "(\(bind: id), \(bind: nextLineNo + i), \(bind: c.warehouseId), \(bind: c.itemId), 0, \(bind: c.counted?.milli), \(bind: c.reasonCode?.rawValue), \(bind: c.reason))"
        }
    }

    // MARK: submit, return, approve

    public func submit(id: String, by actor: Principal, now: Date = Date()) async throws -> StocktakeView {
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            let r = try await StocktakeQueries.require(db, id: id, lock: lock)
            try StocktakeAccess.requireView(actor, r)
            guard try await Self.mayCount(db, actor, r) else { throw AppError.forbidden(StocktakeAccess.message(.submit)) }
            _ = try StocktakeAccess.requireState(.submit, r)
            let live = try await StocktakeQueries.movementsSince(db, r)
            for l in try await StocktakeQueries.lines(db, id: id).map({ StocktakeQueries.lineView($0, live: live) }) {
                switch StocktakeRules.problem(counted: l.countedQuantity, difference: l.difference, reasonCode: l.reasonCode.flatMap(StocktakeReasonCode.init(rawValue:)), reason: l.reason) {
                case .notCounted?:
                    throw AppError(.unprocessableContent, "not_counted", Text("第 {0} 行（{1} {2}）尚未录入实盘数量", "Line {0} ({1} {2}) is not counted yet")
                        .with(String(l.lineNo), l.warehouseCode, l.itemCode), details: ["field": "lines[\(l.lineNo - 1)].countedQuantity", "lineNo": String(l.lineNo)])
                case .reasonRequired?:
                    throw AppError(.unprocessableContent, "reason_required",
                                   Text("第 {0} 行（{1} {2}）有差异 {3}，须填写差异原因代码和说明（STK-05/06）", "Line {0} ({1} {2}) differs by {3}: a reason code and text are required (STK-05/06)")
                                    .with(String(l.lineNo), l.warehouseCode, l.itemCode, l.difference?.text ?? ""),
                                   details: ["field": "lines[\(l.lineNo - 1)].reason", "lineNo": String(l.lineNo)])
                case .negativeCount?:
                    throw AppError.validation("lines[\(l.lineNo - 1)].countedQuantity", Text("第 {0} 行：实盘数量不能为负数", "Line {0}: a counted quantity cannot be negative").with(String(l.lineNo)))
                case nil: break
                }
            }
            let at = Clock.millis(now)
            try await db.raw("UPDATE stocktakes SET status = 'submitted', submitted_by = \(bind: actor.userId), submitted_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "submit", entity: Self.entity, entityId: id, detail: ["number": r.number], at: at)
            return try await StocktakeQueries.view(db, id: id, viewer: actor)
        }
    }

    public func sendBack(id: String, comment: String?, by actor: Principal, now: Date = Date()) async throws -> StocktakeView {
        let text = try MaterialValidation.text(comment, field: "comment", max: 1000, required: false) ?? ""
        return try await step(.return, id: id, by: actor, now: now, detail: ["comment": text],
                              set: "status = 'counting', return_comment = \(bind: text)")
    }

    public func approve(id: String, by actor: Principal, now: Date = Date()) async throws -> StocktakeView {
        let at = Clock.millis(now)
        return try await step(.approve, id: id, by: actor, now: now, detail: [:],
                              set: "status = 'approved', approved_by = \(bind: actor.userId), approved_at = \(bind: at)")
    }

    /// KPI-05: the HQ materials office records its assessment (reward or penalty) and closes the stocktake.
    public func assess(id: String, note: String?, by actor: Principal, now: Date = Date()) async throws -> StocktakeView {
        guard let text = try MaterialValidation.text(note, field: "note", max: 2000, required: false) else {
            throw AppError.validation("note", Text("请填写考核意见（奖惩，KPI-05）", "Write the assessment (reward or penalty, KPI-05)"))
        }
        let at = Clock.millis(now)
        return try await step(.assess, id: id, by: actor, now: now, detail: ["note": text],
                              set: "status = 'closed', assessment = \(bind: text), closed_by = \(bind: actor.userId), closed_at = \(bind: at)")
    }

    func step(_ action: StocktakeAction, id: String, by actor: Principal, now: Date, detail: [String: String], set: SQLQueryString) async throws -> StocktakeView {
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            let r = try await StocktakeQueries.require(db, id: id, lock: lock)
            if action == .approve || action == .return {
                try await StocktakeAccess.requireApprover(db, action, actor, r)
            } else {
                try StocktakeAccess.require(action, actor, r)
            }
            _ = try StocktakeAccess.requireState(action, r)
            let at = Clock.millis(now)
            try await db.raw("UPDATE stocktakes SET \(set), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: action.rawValue, entity: Self.entity, entityId: id,
                                        detail: detail.merging(["number": r.number]) { a, _ in a }, at: at)
            return try await StocktakeQueries.view(db, id: id, viewer: actor)
        }
    }

    // MARK: post adjustments

    /// 4.3, D5: in one transaction, each warehouse's gains become an audited 盘盈 receipt and its losses an audited 盘亏 issue,
    /// carrying the stocktake reference; the movements since the snapshot are frozen on the lines. Never below zero
    /// (the posting engine refuses it, and the whole step rolls back).
    public func post(id: String, by actor: Principal, now: Date = Date()) async throws -> StocktakeView {
        let lock = store.dialect.rowLock()
        return try await store.write { db in
            let r = try await StocktakeQueries.require(db, id: id, lock: lock)
            try StocktakeAccess.require(.post, actor, r)
            _ = try StocktakeAccess.requireState(.post, r)
            let at = Clock.millis(now)
            let date = MaterialValidation.today(now)
            let live = try await StocktakeQueries.movementsSince(db, r)
            let lines = try await StocktakeQueries.lines(db, id: id)
            // Freeze the movements per line: all to zero in one statement, then the lines that moved (usually few) by value.
            try await db.raw("UPDATE stocktake_lines SET movements_posted = 0 WHERE stocktake_id = \(bind: id)").run()
            let moved = lines.filter { (live[Posting.Key(warehouseId: $0.warehouseId, itemId: $0.itemId)] ?? 0) != 0 }
            var start = 0
            while start < moved.count {
                let chunk = moved[start..<min(start + 500, moved.count)]
                let values = SQLList(chunk.map { l in
                    SQLQueryString("(CAST(\(bind: l.lineNo) AS INTEGER), CAST(\(bind: live[Posting.Key(warehouseId: l.warehouseId, itemId: l.itemId)] ?? 0) AS BIGINT))")
                })
                try await db.raw("""
                    UPDATE stocktake_lines SET movements_posted = CAST(v.column2 AS BIGINT)
                    FROM (VALUES \(values)) AS v WHERE stocktake_lines.stocktake_id = \(bind: id) AND stocktake_lines.line_no = CAST(v.column1 AS INTEGER)
                    """).run()
                start += 500
            }
            var gains: [String: [MaterialValidation.Line]] = [:], losses: [String: [MaterialValidation.Line]] = [:]
            for l in lines {
                let view = StocktakeQueries.lineView(l, live: live)
                guard let d = view.difference, let adj = StocktakeRules.adjustment(d) else { continue }
                let line = MaterialValidation.Line(itemId: l.itemId, quantity: adj.quantity, remark: "\(r.number) #\(l.lineNo) \(l.reason)")
                if adj.direction == .in { gains[l.warehouseId, default: []].append(line) } else { losses[l.warehouseId, default: []].append(line) }
            }
            let warehouses = try await StocktakeQueries.warehouses(db, id: id)
            var numbers: [String] = []
            for (direction, reason, groups) in [(StockDirection.in, StockReason.stocktakeGain, gains), (.out, .stocktakeLoss, losses)] {
                for w in warehouses {
                    guard let docLines = groups[w.id], !docLines.isEmpty else { continue }
                    let remark = "盘点单 \(r.number)"
                    let docId = try await StockDocumentService.insert(db, direction: direction, reason: reason, warehouse: w, supplierId: nil, date: date, remark: remark,
                                                                      approval: r.number, transferId: nil, lines: docLines, actorId: actor.userId, at: at)
                    let number = try await db.raw("SELECT number FROM stock_documents WHERE id = \(bind: docId)").first()?.decode(column: "number", as: String.self) ?? ""
                    try await db.raw("""
                        UPDATE stock_documents SET stocktake_id = \(bind: id), status = 'audited', audited_by = \(bind: actor.userId), audited_at = \(bind: at) WHERE id = \(bind: docId)
                        """).run()
                    let document = PostingEngine.Document(id: docId, number: number, direction: direction, reason: reason.rawValue, date: date, remark: remark, warehouseId: w.id)
                    try await PostingEngine.post(db, document: document, lines: docLines.map { PostingEngine.Line(itemId: $0.itemId, quantity: $0.quantity, remark: $0.remark) },
                                                 reversing: false, actorId: actor.userId, at: at)
                    try await AuditTrail.record(db, actorId: actor.userId, action: "audit", entity: "stock_document", entityId: docId,
                                                detail: ["number": number, "stocktake": r.number], at: at)
                    numbers.append(number)
                }
            }
            try await db.raw("UPDATE stocktakes SET status = 'adjusted', posted_by = \(bind: actor.userId), posted_at = \(bind: at), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "post", entity: Self.entity, entityId: id,
                                        detail: ["number": r.number, "documents": numbers.joined(separator: ",")], at: at)
            // The lines as frozen above (movements_posted), without reading them again.
            let frozen = lines.map { $0.with(movementsPosted: Quantity(milli: live[Posting.Key(warehouseId: $0.warehouseId, itemId: $0.itemId)] ?? 0)) }
            return try await StocktakeQueries.view(db, id: id, viewer: actor, lines: frozen)
        }
    }

    // MARK: reads

    public func get(id: String, viewer: Principal) async throws -> StocktakeView {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in try await StocktakeQueries.view(db, id: id, viewer: viewer) }
    }

    public func history(id: String, viewer: Principal) async throws -> [AuditTrail.Entry] {
        try MaterialAccess.requireViewer(viewer)
        return try await store.read { db in
            let r = try await StocktakeQueries.require(db, id: id)
            try StocktakeAccess.requireView(viewer, r)
            return try await AuditTrail.entries(db, entity: Self.entity, entityId: id)
        }
    }
}
