import Foundation
import Hummingbird
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

public struct ReconciliationInput: Codable, Sendable {
    public struct Line: Codable, Sendable { public var itemId: String?; public var physicalQuantity: Quantity? }
    public var orgUnitId: String?
    public var month: String?
    /// 账实: the physical quantities of the latest count. Seam (#12.2): until the stocktake tables are merged they are
    /// entered here; afterwards they default to the site's latest approved count.
    public var lines: [Line]?
}

public struct ReconciliationLineView: Codable, Sendable {
    public let itemId: String
    public let itemCode: String
    public let itemName: String
    public let books: Quantity
    public let report: Quantity
    public let siteLedger: Quantity
    public let physical: Quantity?
    public let booksVsReport: Quantity
    public let ledgerVsBooks: Quantity
    public let booksVsPhysical: Quantity?
}

public struct ReconciliationView: Codable, Sendable {
    public let orgUnitId: String
    public let month: String
    public let asOf: String
    public let recorded: Bool
    public let recordedBy: String?
    public let recordedAt: String?
    public let lines: [ReconciliationLineView]
    /// Lines where any of the three checks differs.
    public let differing: Int
}

/// The 15th-of-month reconciliation (STK-08, RPT-07) of a unit's good warehouses, computed from the books:
/// - books (账): the ledger's movements up to the 15th;
/// - report (表): the on-hand report (the maintained balances) rolled back by the movements after the 15th — it
///   differs from the books only if the balances drifted from the ledger;
/// - site ledger (账, the site's): the books at the month's start plus the site ledger days (submitted or posted) of
///   the 1st..15th — it differs from the department's books where the site's ledger and the posted documents disagree.
public struct ReconciliationService: Sendable {
    let store: any Store

    struct Unit { let id: String; let path: String }

    static func unit(_ db: any SQLDatabase, _ id: String?, viewer: Principal, audit: Bool) async throws -> Unit {
        guard let id = TextRules.trimmed(id), let path = try await OrgQueries.unitPath(db, unitId: id) else {
            throw AppError.validation("orgUnitId", Text("请选择要对账的组织", "Choose the unit to reconcile"))
        }
        let covers = viewer.covers(unitPath: path)
        let allowed = audit ? MaterialPermissions.canView(viewer.roles, covers: covers) && MaterialPermissions.canAuditDocuments(viewer.roles, covers: covers)
                            : MaterialPermissions.canView(viewer.roles, covers: covers)
        guard allowed else {
            throw AppError.forbidden(audit ? Text("只有本业务部账务员或业务管理部物资管理室可以登记对账结果", "Only the department's accountant or the HQ materials office records a reconciliation")
                                           : Text("您不能查看该组织的对账", "You cannot see this unit's reconciliation"))
        }
        return Unit(id: id, path: path)
    }

    static func month(_ raw: String?) throws -> (month: String, asOf: String, start: String) {
        guard let m = TextRules.trimmed(raw), let asOf = ReconciliationRules.asOf(month: m) else {
            throw AppError.validation("month", Text("月份格式应为 YYYY-MM", "month must be YYYY-MM"))
        }
        return (m, asOf, m + "-01")
    }

    static func compute(_ db: any SQLDatabase, path: String, asOf: String, start: String) async throws -> [String: (books: Int64, report: Int64, ledger: Int64)] {
        let scope: SQLQueryString = "w.org_path LIKE \(bind: path + "%") AND w.condition = 'good'"
        var out: [String: (books: Int64, report: Int64, ledger: Int64)] = [:]
        func add(_ sql: SQLQueryString, _ apply: (inout (books: Int64, report: Int64, ledger: Int64), Int64) -> Void) async throws {
            for row in try await db.raw(sql).all() {
                let item = try row.decode(column: "item_id", as: String.self)
                apply(&out[item, default: (0, 0, 0)], try row.decode(column: "q", as: Int64?.self) ?? 0)
            }
        }
        try await add("SELECT m.item_id, CAST(SUM(m.quantity) AS BIGINT) AS q FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id WHERE \(scope) AND m.doc_date <= \(bind: asOf) GROUP BY m.item_id") { $0.books += $1 }
        try await add("SELECT b.item_id, CAST(SUM(b.quantity) AS BIGINT) AS q FROM stock_balances b JOIN warehouses w ON w.id = b.warehouse_id WHERE \(scope) GROUP BY b.item_id") { $0.report += $1 }
        try await add("SELECT m.item_id, CAST(SUM(m.quantity) AS BIGINT) AS q FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id WHERE \(scope) AND m.doc_date > \(bind: asOf) GROUP BY m.item_id") { $0.report -= $1 }
        try await add("SELECT m.item_id, CAST(SUM(m.quantity) AS BIGINT) AS q FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id WHERE \(scope) AND m.doc_date < \(bind: start) GROUP BY m.item_id") { $0.ledger += $1 }
        try await add("""
            SELECT l.item_id, CAST(SUM(l.quantity_in - l.quantity_out) AS BIGINT) AS q FROM site_ledger_lines l JOIN site_ledger_days d ON d.id = l.ledger_id
            JOIN warehouses w ON w.id = d.warehouse_id WHERE \(scope) AND d.status <> 'draft' AND d.ledger_date >= \(bind: start) AND d.ledger_date <= \(bind: asOf) GROUP BY l.item_id
            """) { $0.ledger += $1 }
        return out
    }

    static func view(_ db: any SQLDatabase, unit: Unit, month: String, asOf: String, start: String) async throws -> ReconciliationView {
        var values: [String: (books: Int64, report: Int64, ledger: Int64)]
        var physical: [String: Int64] = [:]
        var recorded: (by: String, at: Int64)?
        if let r = try await db.raw("SELECT id, recorded_by, recorded_at FROM reconciliations WHERE org_unit_id = \(bind: unit.id) AND month = \(bind: month)").first() {
            recorded = (try r.decode(column: "recorded_by", as: String.self), try r.decode(column: "recorded_at", as: Int64.self))
            values = [:]
            for l in try await db.raw("SELECT item_id, books, report, site_ledger, physical FROM reconciliation_lines WHERE reconciliation_id = \(bind: try r.decode(column: "id", as: String.self))").all() {
                let item = try l.decode(column: "item_id", as: String.self)
                values[item] = (try l.decode(column: "books", as: Int64.self), try l.decode(column: "report", as: Int64.self), try l.decode(column: "site_ledger", as: Int64.self))
                physical[item] = try l.decode(column: "physical", as: Int64?.self)
            }
        } else {
            values = try await compute(db, path: unit.path, asOf: asOf, start: start)
        }
        var names: [String: (String, String)] = [:]
        if !values.isEmpty {
            for row in try await db.raw("SELECT id, code, name FROM items WHERE id IN (\(SQLList(values.keys.sorted().map { SQLBind($0) })))").all() {
                names[try row.decode(column: "id", as: String.self)] = (try row.decode(column: "code", as: String.self), try row.decode(column: "name", as: String.self))
            }
        }
        let lines = values.keys.sorted { (names[$0]?.0 ?? $0) < (names[$1]?.0 ?? $1) }.map { item -> ReconciliationLineView in
            let v = values[item]!
            let p = physical[item].map(Quantity.init(milli:))
            let d = ReconciliationRules.differences(books: Quantity(milli: v.books), report: Quantity(milli: v.report), siteLedger: Quantity(milli: v.ledger), physical: p)
            return ReconciliationLineView(itemId: item, itemCode: names[item]?.0 ?? "", itemName: names[item]?.1 ?? "", books: Quantity(milli: v.books),
                                          report: Quantity(milli: v.report), siteLedger: Quantity(milli: v.ledger), physical: p,
                                          booksVsReport: d.booksVsReport, ledgerVsBooks: d.ledgerVsBooks, booksVsPhysical: d.booksVsPhysical)
        }
        let differing = lines.filter { $0.booksVsReport.milli != 0 || $0.ledgerVsBooks.milli != 0 || ($0.booksVsPhysical?.milli ?? 0) != 0 }.count
        return ReconciliationView(orgUnitId: unit.id, month: month, asOf: asOf, recorded: recorded != nil, recordedBy: recorded?.by,
                                  recordedAt: recorded.map { Times.rfc3339($0.at) }, lines: lines, differing: differing)
    }

    /// The month's reconciliation: as recorded, else computed now.
    public func get(orgUnitId: String?, month: String?, viewer: Principal) async throws -> ReconciliationView {
        try MaterialAccess.requireViewer(viewer)
        let m = try Self.month(month)
        return try await store.read { db in
            let unit = try await Self.unit(db, orgUnitId, viewer: viewer, audit: false)
            return try await Self.view(db, unit: unit, month: m.month, asOf: m.asOf, start: m.start)
        }
    }

    /// STK-08: the result is recorded — the computed quantities as of the 15th with the physical ones entered (账实).
    public func record(_ input: ReconciliationInput, by actor: Principal, now: Date = Date()) async throws -> ReconciliationView {
        let m = try Self.month(input.month)
        guard m.asOf <= MaterialValidation.today(now) else {
            throw AppError.validation("month", Text("{0} 尚未到来，不能对账", "{0} has not come yet; it cannot be reconciled").with(m.asOf))
        }
        var typed: [String: Int64] = [:]
        for (i, l) in (input.lines ?? []).enumerated() {
            guard let item = TextRules.trimmed(l.itemId), let q = l.physicalQuantity, !q.isNegative else {
                throw AppError.validation("lines[\(i)]", Text("第 {0} 行：请填写存货和实存数量", "Line {0}: give the item and its physical quantity").with(String(i + 1)))
            }
            typed[item] = q.milli
        }
        let physical = typed
        return try await store.write { db in
            let unit = try await Self.unit(db, input.orgUnitId, viewer: actor, audit: true)
            if try await db.raw("SELECT id FROM reconciliations WHERE org_unit_id = \(bind: unit.id) AND month = \(bind: m.month)").first() != nil {
                throw AppError.conflict("reconciliation_recorded", Text("{0} 的对账结果已登记", "The reconciliation of {0} is already recorded").with(m.month))
            }
            var values = try await Self.compute(db, path: unit.path, asOf: m.asOf, start: m.start)
            if !physical.isEmpty { try await StockDocumentService.requireItems(db, Array(physical.keys)) }
            for item in physical.keys where values[item] == nil { values[item] = (0, 0, 0) }
            let id = Clock.newID(), at = Clock.millis(now)
            try await db.raw("""
                INSERT INTO reconciliations (id, org_unit_id, org_path, month, as_of, recorded_by, recorded_at)
                VALUES (\(bind: id), \(bind: unit.id), \(bind: unit.path), \(bind: m.month), \(bind: m.asOf), \(bind: actor.userId), \(bind: at))
                """).run()
            if !values.isEmpty {
                try await db.raw("INSERT INTO reconciliation_lines (reconciliation_id, item_id, books, report, site_ledger, physical) VALUES \(SQLList(values.keys.sorted().map { k in SQLQueryString("(\(bind: id), \(bind: k), \(bind: values[k]!.books), \(bind: values[k]!.report), \(bind: values[k]!.ledger), \(bind: physical[k]))") }))").run()
            }
            try await AuditTrail.record(db, actorId: actor.userId, action: "record", entity: "reconciliation", entityId: id, detail: ["month": m.month], at: at)
            return try await Self.view(db, unit: unit, month: m.month, asOf: m.asOf, start: m.start)
        }
    }

    func register(_ routes: ApiRoutes) {
        let str: JSONValue = ["type": "string"]
        let num: JSONValue = ["type": "number"]
        routes.schema("ReconciliationInput", ["type": "object", "required": ["orgUnitId", "month"], "properties": [
            "orgUnitId": str, "month": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"],
            "lines": ["type": "array", "items": ["type": "object", "properties": ["itemId": str, "physicalQuantity": num]]]]])
        routes.schema("Reconciliation", ["type": "object", "properties": [
            "orgUnitId": str, "month": str, "asOf": str, "recorded": ["type": "boolean"], "recordedBy": ["type": ["string", "null"]],
            "recordedAt": ["type": ["string", "null"]], "differing": ["type": "integer"],
            "lines": ["type": "array", "items": ["type": "object", "properties": [
                "itemId": str, "itemCode": str, "itemName": str, "books": num, "report": num, "siteLedger": num, "physical": ["type": ["number", "null"]],
                "booksVsReport": num, "ledgerVsBooks": num, "booksVsPhysical": ["type": ["number", "null"]]]]]]])
        routes.add(.init(.get, "/api/v1/reconciliations", summary: "The 15th-of-month reconciliation of a unit: 账表, 账账, 账实 line by line (STK-08, RPT-07)",
                         tag: "materials", response: "Reconciliation", query: ["orgUnitId", "month"])) { request, context in
            let principal = try context.requirePrincipal()
            let q = request.queryDictionary
            return try JSONIO.response(try await get(orgUnitId: q["orgUnitId"], month: q["month"], viewer: principal))
        }
        routes.add(.init(.post, "/api/v1/reconciliations", summary: "Record the month's reconciliation with the physical quantities (账实)", tag: "materials",
                         request: "ReconciliationInput", response: "Reconciliation", status: 201)) { request, context in
            let principal = try context.requirePrincipal()
            return try JSONIO.response(try await record(try await JSONIO.decode(ReconciliationInput.self, from: request), by: principal), status: .created)
        }
    }
}
