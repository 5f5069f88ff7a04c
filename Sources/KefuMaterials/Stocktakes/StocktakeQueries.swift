import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of stocktakes (one read transaction per page or answer).
enum StocktakeQueries {
    struct Row: Sendable {
        let id: String
        let number: String
        let kind: String
        let scope: String
        let status: StocktakeStatus
        let orgPath: String
        let deadline: String?
        let counter: String
        let supervisor: String
        let supervisedBy: String?
        let remark: String
        let snapshotSeq: Int64?
        let returnComment: String
        let assessment: String
        let createdBy: String
        let createdAt: Int64
        let distributedAt: Int64?
        let submittedAt: Int64?
        let approvedBy: String?
        let approvedAt: Int64?
        let postedAt: Int64?
        let closedAt: Int64?

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            number = try row.decode(column: "number", as: String.self)
            kind = try row.decode(column: "kind", as: String.self)
            scope = try row.decode(column: "scope", as: String.self)
            status = StocktakeStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
            orgPath = try row.decode(column: "org_path", as: String.self)
            deadline = try row.decode(column: "deadline", as: String?.self)
            counter = try row.decode(column: "counter", as: String.self)
            supervisor = try row.decode(column: "supervisor", as: String.self)
            supervisedBy = try row.decode(column: "supervised_by", as: String?.self)
            remark = try row.decode(column: "remark", as: String.self)
            snapshotSeq = try row.decode(column: "snapshot_seq", as: Int64?.self)
            returnComment = try row.decode(column: "return_comment", as: String.self)
            assessment = try row.decode(column: "assessment", as: String.self)
            createdBy = try row.decode(column: "created_by", as: String.self)
            createdAt = try row.decode(column: "created_at", as: Int64.self)
            distributedAt = try row.decode(column: "distributed_at", as: Int64?.self)
            submittedAt = try row.decode(column: "submitted_at", as: Int64?.self)
            approvedBy = try row.decode(column: "approved_by", as: String?.self)
            approvedAt = try row.decode(column: "approved_at", as: Int64?.self)
            postedAt = try row.decode(column: "posted_at", as: Int64?.self)
            closedAt = try row.decode(column: "closed_at", as: Int64?.self)
        }
    }

    struct LineRow: Sendable {
        let lineNo: Int
        let warehouseId: String
        let warehouseCode: String
        let warehousePath: String
        let itemId: String
        let itemCode: String
        let itemName: String
        let spec: String
        let unit: String
        let snapshot: Quantity
        let counted: Quantity?
        let reasonCode: String?
        let reason: String
        let movementsPosted: Quantity?

        func with(counted: Quantity?, reasonCode: String?, reason: String) -> LineRow {
            LineRow(lineNo: lineNo, warehouseId: warehouseId, warehouseCode: warehouseCode, warehousePath: warehousePath, itemId: itemId, itemCode: itemCode,
                    itemName: itemName, spec: spec, unit: unit, snapshot: snapshot, counted: counted, reasonCode: reasonCode, reason: reason, movementsPosted: movementsPosted)
        }

        func with(movementsPosted: Quantity) -> LineRow {
            LineRow(lineNo: lineNo, warehouseId: warehouseId, warehouseCode: warehouseCode, warehousePath: warehousePath, itemId: itemId, itemCode: itemCode,
                    itemName: itemName, spec: spec, unit: unit, snapshot: snapshot, counted: counted, reasonCode: reasonCode, reason: reason, movementsPosted: movementsPosted)
        }
    }

    /// The lines as `StocktakeService.apply` leaves them when it stores `counts` over `lines` (pgperf: a count's or an
    /// import's answer is drawn from the lines already read, not from reading all of them again). nil when a count
    /// adds a line or names a line twice: then the caller reads the stored lines back.
    static func lines(_ lines: [LineRow], after counts: [StocktakeService.Count]) -> [LineRow]? {
        var byLine: [Int: StocktakeService.Count] = [:]
        for c in counts {
            guard let n = c.lineNo, byLine.updateValue(c, forKey: n) == nil else { return nil }
        }
        return lines.map { l in
            byLine[l.lineNo].map { l.with(counted: $0.counted, reasonCode: $0.reasonCode?.rawValue, reason: NulFreeText.strip($0.reason)) } ?? l
        }
    }

    static func row(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> Row? {
        try await db.raw("SELECT * FROM stocktakes WHERE id = \(bind: id)\(unsafeRaw: lock)").first().map(Row.init)
    }

    static func require(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> Row {
        guard let r = try await row(db, id: id, lock: lock) else { throw AppError.notFound(Text("盘点单", "Stocktake")) }
        return r
    }

    static func warehouses(_ db: any SQLDatabase, id: String) async throws -> [WarehouseView] {
        try await db.raw("""
            SELECT w.* FROM stocktake_warehouses s JOIN warehouses w ON w.id = s.warehouse_id WHERE s.stocktake_id = \(bind: id) ORDER BY w.code
            """).all().map(WarehouseView.init)
    }

    static func itemIds(_ db: any SQLDatabase, id: String) async throws -> [String] {
        try await db.raw("SELECT item_id FROM stocktake_items WHERE stocktake_id = \(bind: id) ORDER BY item_id").all().map { try $0.decode(column: "item_id", as: String.self) }
    }

    static func lines(_ db: any SQLDatabase, id: String) async throws -> [LineRow] {
        try await db.raw("""
            SELECT l.line_no, l.warehouse_id, w.code AS wcode, w.org_path AS wpath, l.item_id, i.code, i.name, i.spec, i.unit, l.snapshot, l.counted,
                   l.reason_code, l.reason, l.movements_posted
            FROM stocktake_lines l JOIN items i ON i.id = l.item_id JOIN warehouses w ON w.id = l.warehouse_id
            WHERE l.stocktake_id = \(bind: id) ORDER BY l.line_no
            """).all().map { r in
            LineRow(lineNo: try r.decode(column: "line_no", as: Int.self), warehouseId: try r.decode(column: "warehouse_id", as: String.self),
                    warehouseCode: try r.decode(column: "wcode", as: String.self), warehousePath: try r.decode(column: "wpath", as: String.self),
                    itemId: try r.decode(column: "item_id", as: String.self), itemCode: try r.decode(column: "code", as: String.self),
                    itemName: try r.decode(column: "name", as: String.self), spec: try r.decode(column: "spec", as: String.self),
                    unit: try r.decode(column: "unit", as: String.self), snapshot: Quantity(milli: try r.decode(column: "snapshot", as: Int64.self)),
                    counted: try r.decode(column: "counted", as: Int64?.self).map(Quantity.init(milli:)),
                    reasonCode: try r.decode(column: "reason_code", as: String?.self), reason: try r.decode(column: "reason", as: String.self),
                    movementsPosted: try r.decode(column: "movements_posted", as: Int64?.self).map(Quantity.init(milli:)))
        }
    }

    /// Net audited movement per (warehouse, item) of the stocktake's warehouses since the snapshot, not counting the
    /// stocktake's own adjustments.
    static func movementsSince(_ db: any SQLDatabase, _ r: Row) async throws -> [Posting.Key: Int64] {
        guard let seq = r.snapshotSeq else { return [:] }
        var out: [Posting.Key: Int64] = [:]
        for row in try await db.raw("""
            SELECT m.warehouse_id, m.item_id, CAST(SUM(m.quantity) AS BIGINT) AS q FROM stock_movements m
            WHERE m.seq > \(bind: seq) AND m.warehouse_id IN (SELECT warehouse_id FROM stocktake_warehouses WHERE stocktake_id = \(bind: r.id))
              AND m.document_id NOT IN (SELECT id FROM stock_documents WHERE stocktake_id = \(bind: r.id))
            GROUP BY m.warehouse_id, m.item_id
            """).all() {
            out[Posting.Key(warehouseId: try row.decode(column: "warehouse_id", as: String.self), itemId: try row.decode(column: "item_id", as: String.self))]
                = try row.decode(column: "q", as: Int64.self)
        }
        return out
    }

    /// A line with its movements and difference: frozen values once posted, live ones before.
    static func lineView(_ l: LineRow, live: [Posting.Key: Int64]) -> StocktakeView.Line {
        let moved = l.movementsPosted ?? Quantity(milli: live[Posting.Key(warehouseId: l.warehouseId, itemId: l.itemId)] ?? 0)
        return StocktakeView.Line(lineNo: l.lineNo, warehouseId: l.warehouseId, warehouseCode: l.warehouseCode, itemId: l.itemId, itemCode: l.itemCode,
                                  itemName: l.itemName, spec: l.spec, unit: l.unit, snapshotQuantity: l.snapshot, movementsSince: moved,
                                  countedQuantity: l.counted, difference: StocktakeRules.difference(snapshot: l.snapshot, movementsSince: moved, counted: l.counted),
                                  reasonCode: l.reasonCode, reason: l.reason)
    }

    /// `known`: the stocktake's lines as the caller's transaction has just written them, in line order (pgperf: a step
    /// over 10,000 lines then reads them once, not twice); nil reads them.
    static func view(_ db: any SQLDatabase, id: String, viewer: Principal, lines known: [LineRow]? = nil) async throws -> StocktakeView {
        let r = try await require(db, id: id)
        try StocktakeAccess.requireView(viewer, r)
        // Frozen lines (posted) do not use the live movements.
        let live = known?.allSatisfy({ $0.movementsPosted != nil }) == true ? [:] : try await movementsSince(db, r)
        let lines: [StocktakeView.Line]
        if let known { lines = known.map { lineView($0, live: live) } } else { lines = try await Self.lines(db, id: id).map { lineView($0, live: live) } }
        let warehouses = try await Self.warehouses(db, id: id)
        let docs = try await db.raw("SELECT id, number, direction, warehouse_id FROM stock_documents WHERE stocktake_id = \(bind: id) ORDER BY number").all().map {
            StocktakeView.DocumentRef(id: try $0.decode(column: "id", as: String.self), number: try $0.decode(column: "number", as: String.self),
                                      direction: try $0.decode(column: "direction", as: String.self), warehouseId: try $0.decode(column: "warehouse_id", as: String.self))
        }
        let diffs = lines.compactMap(\.difference)
        let summary = StocktakeView.Summary(lines: lines.count, counted: lines.filter { $0.countedQuantity != nil }.count,
                                            withDifference: diffs.filter { $0.milli != 0 }.count,
                                            gain: Quantity(milli: diffs.filter { $0.milli > 0 }.reduce(0) { $0 + $1.milli }),
                                            loss: Quantity(milli: -diffs.filter { $0.milli < 0 }.reduce(0) { $0 + $1.milli }))
        let covers = viewer.covers(unitPath: r.orgPath)
        let approver = try await StocktakeApproverQueries.forStocktake(db, id: id)
        let names = try await OrgQueries.displayNames(db, ids: Set([r.approvedBy, approver?.userId].compactMap { $0 }))
        let actions = StocktakeRules.actions(in: r.status).filter { a in
            if a == .approve || a == .return { return StocktakeApproval.mayDecide(actorId: viewer.userId, roles: viewer.roles, covers: covers, configured: approver) }
            return a != .edit && StocktakeRules.may(a, roles: viewer.roles, covers: covers || (a == .count || a == .submit) && warehouses.contains { viewer.covers(unitPath: $0.orgPath) })
        }
        return StocktakeView(id: r.id, number: r.number, kind: r.kind, scope: r.scope, status: r.status.rawValue,
                             warehouses: warehouses.map { .init(id: $0.id, code: $0.code, name: $0.name) }, itemIds: try await itemIds(db, id: id),
                             deadline: r.deadline, counter: r.counter, supervisor: r.supervisor, supervisedBy: r.supervisedBy, remark: r.remark,
                             returnComment: r.returnComment, assessment: r.assessment, createdBy: r.createdBy, createdAt: Times.rfc3339(r.createdAt),
                             distributedAt: Times.rfc3339(r.distributedAt), submittedAt: Times.rfc3339(r.submittedAt), approvedBy: r.approvedBy,
                             approvedByName: names[r.approvedBy ?? ""], approvedAt: Times.rfc3339(r.approvedAt),
                             approver: StocktakeApproverQueries.approverView(approver, names: names), postedAt: Times.rfc3339(r.postedAt), closedAt: Times.rfc3339(r.closedAt),
                             documents: docs, summary: summary, lines: lines, actions: actions.map(\.rawValue))
    }

    static func list(_ db: any SQLDatabase, viewer: Principal, today: String) async throws -> [StocktakeListItem] {
        let all = MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath)
        let filter: SQLQueryString = all ? "" : "WHERE org_path LIKE \(bind: viewer.orgPath + "%")"
        return try await db.raw("SELECT * FROM stocktakes \(filter) ORDER BY created_at DESC, number DESC LIMIT 500").all().map(Row.init).map { r in
            StocktakeListItem(id: r.id, number: r.number, kind: r.kind, scope: r.scope, status: r.status.rawValue, deadline: r.deadline, counter: r.counter,
                              createdAt: Times.rfc3339(r.createdAt),
                              overdue: (r.status == .counting || r.status == .draft) && (r.deadline.map { $0 < today } ?? false))
        }
    }
}

/// Who may see and act on a stocktake (4.3, D5, D16) as AppErrors.
enum StocktakeAccess {
    static func requireView(_ actor: Principal, _ r: StocktakeQueries.Row) throws {
        guard MaterialPermissions.canView(actor.roles, covers: actor.covers(unitPath: r.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看盘点单 {0}", "You cannot see stocktake {0}").with(r.number))
        }
    }

    static func require(_ action: StocktakeAction, _ actor: Principal, _ r: StocktakeQueries.Row) throws {
        try requireView(actor, r)
        guard StocktakeRules.may(action, roles: actor.roles, covers: actor.covers(unitPath: r.orgPath)) else {
            throw AppError.forbidden(message(action))
        }
    }

    /// D5: approve and return are the department's named approver's (a role or one person), by default its manager's.
    static func requireApprover(_ db: any SQLDatabase, _ action: StocktakeAction, _ actor: Principal, _ r: StocktakeQueries.Row) async throws {
        try requireView(actor, r)
        let configured = try await StocktakeApproverQueries.forStocktake(db, id: r.id)
        guard StocktakeApproval.mayDecide(actorId: actor.userId, roles: actor.roles, covers: actor.covers(unitPath: r.orgPath), configured: configured) else {
            throw AppError.forbidden(configured == nil ? message(action)
                : Text("本业务部的盘点审批人已由管理员指定，只有指定的审批人可以审批或退回（D5）",
                       "This department's stocktake approver is named by an administrator: only the named approver approves or sends back (D5)"))
        }
    }

    static func message(_ action: StocktakeAction) -> Text {
        switch action {
        case .edit, .distribute, .post:
            return Text("只有本业务部账务员或业务管理部物资管理室可以建立、下发盘点单和过账盘盈盘亏（STK-03）",
                        "Only the department accountant or the HQ materials office can create and distribute a stocktake and post its gains and losses (STK-03)")
        case .count, .submit:
            return Text("只有盘点仓库所在现场的库管员或本业务部账务员可以录入和提交实盘数量（STK-05）",
                        "Only the site keeper of a counted warehouse or the department accountant can enter and submit counts (STK-05)")
        case .return, .approve:
            return Text("盘点结果由业务部经理审批（D5：未经批准不得擅自调账）", "The department manager approves a stocktake (D5: no adjustment without approval)")
        case .assess:
            return Text("盘盈盘亏的考核由业务管理部物资管理室进行（KPI-05）", "The HQ materials office assesses stocktake gains and losses (KPI-05)")
        }
    }

    static func requireState(_ action: StocktakeAction, _ r: StocktakeQueries.Row) throws -> StocktakeStatus {
        guard let next = StocktakeRules.next(action, from: r.status) else {
            let status = StocktakeLabels.status(r.status), step = StocktakeLabels.action(action)
            throw AppError.conflict("invalid_state", Text("盘点单 \(r.number) 当前状态为“\(status.zh)”，不能\(step.zh)（4.3）",
                                                          "Stocktake \(r.number) is \(status.en.lowercased()); \(step.en.lowercased()) is not possible now (4.3)"))
        }
        return next
    }
}
