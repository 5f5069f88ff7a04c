import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the site's daily ledger (LED-01..07).
enum SiteLedgerQueries {
    static func row(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> SiteLedgerRow? {
        try await db.raw("\(unsafeRaw: SiteLedgerRow.select) WHERE d.id = \(bind: id)\(unsafeRaw: lock)").first().map(SiteLedgerRow.init(row:))
    }

    static func lines(_ db: any SQLDatabase, id: String) async throws -> [SiteLedgerLineView] {
        try await db.raw("""
            SELECT l.line_no, l.kind, l.item_id, i.code, i.name, i.spec, i.unit, l.quantity_in, l.quantity_out, l.remark, l.reference, l.supplier_id
            FROM site_ledger_lines l JOIN items i ON i.id = l.item_id WHERE l.ledger_id = \(bind: id) ORDER BY l.line_no
            """).all().map {
            SiteLedgerLineView(lineNo: try $0.decode(column: "line_no", as: Int.self), kind: try $0.decode(column: "kind", as: String.self),
                               itemId: try $0.decode(column: "item_id", as: String.self), itemCode: try $0.decode(column: "code", as: String.self),
                               itemName: try $0.decode(column: "name", as: String.self), spec: try $0.decode(column: "spec", as: String.self),
                               unit: try $0.decode(column: "unit", as: String.self),
                               quantityIn: Quantity(milli: try $0.decode(column: "quantity_in", as: Int64.self)),
                               quantityOut: Quantity(milli: try $0.decode(column: "quantity_out", as: Int64.self)),
                               remark: try $0.decode(column: "remark", as: String.self), reference: try $0.decode(column: "reference", as: String.self),
                               supplierId: try $0.decode(column: "supplier_id", as: String?.self))
        }
    }

    static func documents(_ db: any SQLDatabase, id: String) async throws -> [SiteLedgerDocumentLink] {
        try await db.raw("""
            SELECT d.id, d.number, d.direction, d.reason, d.status FROM site_ledger_documents l JOIN stock_documents d ON d.id = l.document_id
            WHERE l.ledger_id = \(bind: id) ORDER BY d.number
            """).all().map {
            SiteLedgerDocumentLink(id: try $0.decode(column: "id", as: String.self), number: try $0.decode(column: "number", as: String.self),
                                   direction: try $0.decode(column: "direction", as: String.self), reason: try $0.decode(column: "reason", as: String.self),
                                   status: try $0.decode(column: "status", as: String.self))
        }
    }

    /// LED-05, the other way: the ledger day a document was drafted from.
    static func ledgerOf(_ db: any SQLDatabase, documentId: String) async throws -> String? {
        try await db.raw("SELECT ledger_id FROM site_ledger_documents WHERE document_id = \(bind: documentId)").first()?.decode(column: "ledger_id", as: String.self)
    }

    static func actions(_ d: SiteLedgerRow, viewer: Principal) -> [String] {
        let covers = viewer.covers(unitPath: d.warehouse.orgPath)
        let keeps = MaterialPermissions.canEditDocuments(viewer.roles, covers: covers)
        let books = MaterialPermissions.canAuditDocuments(viewer.roles, covers: covers)
        var out: [String] = []
        if keeps && SiteLedgerRules.allows(.edit, d.status) { out += ["edit", "submit"] }
        if books && SiteLedgerRules.allows(.post, d.status) { out += ["return", "post"] }
        if keeps && d.filedAt == nil { out.append("file") }
        return out
    }

    /// #17.6 RET-04: a day that is not (or no longer) here: an archived day (a bookmark, the department's list of old)
    /// answers its tombstone, 410 `archived`, to whom could see it; else 404.
    static func missing(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> AppError {
        try await RetentionTombstones.gone(db, kind: .siteLedger, id: id, what: Text("现场流水账", "Site ledger day")) { t in
            MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: t.orgPath ?? ""))
        }
    }

    static func requireView(_ viewer: Principal, _ d: SiteLedgerRow) throws {
        guard MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: d.warehouse.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看仓库“{0}”的现场流水账", "You cannot see the site ledger of warehouse {0}").with(d.warehouse.name))
        }
    }

    static func view(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> SiteLedgerView {
        guard let d = try await row(db, id: id) else { throw try await missing(db, id: id, viewer: viewer) }
        try requireView(viewer, d)
        return d.view(lines: try await lines(db, id: id), documents: try await documents(db, id: id), actions: actions(d, viewer: viewer))
    }

    struct Filter: Sendable {
        var warehouseId: String?
        var orgUnitId: String?
        var from: String?
        var to: String?
        var status: LedgerDayStatus?

        static func parse(_ q: [String: String]) throws -> Filter {
            Filter(warehouseId: TextRules.trimmed(q["warehouseId"]), orgUnitId: TextRules.trimmed(q["orgUnitId"]),
                   from: try TextRules.trimmed(q["from"]).map { try MaterialValidation.date($0, now: Date()) },
                   to: try TextRules.trimmed(q["to"]).map { try MaterialValidation.date($0, now: Date()) },
                   status: try TextRules.trimmed(q["status"]).map { try MaterialValidation.choice($0, "status") })
        }
    }

    static func list(_ db: any SQLDatabase, _ f: Filter, paging: Paging, viewer: Principal) async throws -> ListPage<SiteLedgerView> {
        var conditions: [SQLQueryString] = []
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("d.org_path LIKE \(bind: viewer.orgPath + "%")") }
        if let v = f.warehouseId { conditions.append("d.warehouse_id = \(bind: v)") }
        if let v = f.orgUnitId {
            let path = try await OrgQueries.unitPath(db, unitId: v) ?? "-"
            conditions.append("d.org_path LIKE \(bind: path + "%")")
        }
        if let v = f.from { conditions.append("d.ledger_date >= \(bind: v)") }
        if let v = f.to { conditions.append("d.ledger_date <= \(bind: v)") }
        if let v = f.status { conditions.append("d.status = \(bind: v.rawValue)") }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM site_ledger_days d \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("\(unsafeRaw: SiteLedgerRow.select) \(whereClause) ORDER BY d.ledger_date DESC, w.code LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(SiteLedgerRow.init(row:))
        return ListPage(items: rows.map { $0.view(lines: [], documents: [], actions: actions($0, viewer: viewer)) }, page: paging.page, per: paging.per, total: total)
    }

    /// LED-07: every site's good warehouse the viewer sees (a warehouse of a unit below a business department), and how
    /// its ledger of `date` stands: missing, open, on time or late.
    static func standings(_ db: any SQLDatabase, date: String, orgUnitId: String?, today: CivilDay, viewer: Principal) async throws -> [SiteLedgerStandingRow] {
        var conditions: [SQLQueryString] = ["w.active = 1", "w.condition = 'good'", "w.dept_id IS NOT NULL", "w.dept_id <> w.org_unit_id"]
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("w.org_path LIKE \(bind: viewer.orgPath + "%")") }
        if let v = orgUnitId {
            let path = try await OrgQueries.unitPath(db, unitId: v) ?? "-"
            conditions.append("w.org_path LIKE \(bind: path + "%")")
        }
        let rows = try await db.raw("""
            SELECT w.id, w.code, w.name, w.org_unit_id, d.id AS ledger_id, d.status, d.late, d.late_reason
            FROM warehouses w LEFT JOIN site_ledger_days d ON d.warehouse_id = w.id AND d.ledger_date = \(bind: date)
            WHERE \(SQLList(conditions, separator: SQLRaw(" AND "))) ORDER BY w.code
            """).all()
        let day = CivilDay(iso: date) ?? today
        return try rows.map { r in
            let status = try r.decode(column: "status", as: String?.self).flatMap(LedgerDayStatus.init(rawValue:))
            let late = (try r.decode(column: "late", as: Int?.self) ?? 0) != 0
            return SiteLedgerStandingRow(warehouseId: try r.decode(column: "id", as: String.self), warehouseCode: try r.decode(column: "code", as: String.self),
                                         warehouseName: try r.decode(column: "name", as: String.self), orgUnitId: try r.decode(column: "org_unit_id", as: String.self),
                                         date: date, standing: SiteLedgerRules.standing(status: status, late: late, ledgerDay: day, today: today).rawValue,
                                         ledgerId: try r.decode(column: "ledger_id", as: String?.self), status: status?.rawValue,
                                         lateReason: try r.decode(column: "late_reason", as: String?.self))
        }
    }

    /// LED-02: the items the warehouse holds or has held (its on-hand list), for the picker and the out-line check.
    static func onHandItemIds(_ db: any SQLDatabase, warehouseId: String) async throws -> Set<String> {
        Set(try await db.raw("SELECT item_id FROM stock_balances WHERE warehouse_id = \(bind: warehouseId)").all().map { try $0.decode(column: "item_id", as: String.self) })
    }
}
