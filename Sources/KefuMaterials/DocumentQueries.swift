import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reading stock documents: one row, its lines, the view a viewer gets, and the filtered list (DOC-12).
struct DocumentRow: Sendable {
    let id: String
    let number: String
    let direction: StockDirection
    let reason: StockReason
    let polarity: String
    var status: DocumentStatus
    let warehouseId: String
    let warehouseName: String
    let orgPath: String
    let supplierId: String?
    let date: String
    let remark: String
    let approvalRef: String?
    let transferId: String?
    /// #13.6: the service ticket the parts were issued for.
    let ticketId: String?
    let ticketNumber: String?
    let createdBy: String
    let createdAt: Int64
    var updatedAt: Int64
    var auditedBy: String?
    var auditedAt: Int64?
    /// The document's warehouse, read in the same query.
    let warehouse: WarehouseView

    static let columns = """
        d.id, d.number, d.direction, d.reason, d.polarity, d.status, d.warehouse_id, w.name AS warehouse_name, d.org_path, d.supplier_id, d.doc_date,
        d.remark, d.approval_ref, d.transfer_id, d.ticket_id, d.ticket_number, d.created_by, d.created_at, d.updated_at, d.audited_by, d.audited_at,
        w.code AS warehouse_code, w.org_unit_id AS warehouse_unit, w.org_path AS warehouse_path, w.dept_id AS warehouse_dept, w.condition AS warehouse_condition
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        direction = StockDirection(rawValue: try row.decode(column: "direction", as: String.self)) ?? .in
        reason = StockReason(rawValue: try row.decode(column: "reason", as: String.self)) ?? .transfer
        polarity = try row.decode(column: "polarity", as: String.self)
        status = DocumentStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .saved
        warehouseId = try row.decode(column: "warehouse_id", as: String.self)
        warehouseName = try row.decode(column: "warehouse_name", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        supplierId = try row.decode(column: "supplier_id", as: String?.self)
        date = try row.decode(column: "doc_date", as: String.self)
        remark = try row.decode(column: "remark", as: String.self)
        approvalRef = try row.decode(column: "approval_ref", as: String?.self)
        transferId = try row.decode(column: "transfer_id", as: String?.self)
        ticketId = try row.decode(column: "ticket_id", as: String?.self)
        ticketNumber = try row.decode(column: "ticket_number", as: String?.self)
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        updatedAt = try row.decode(column: "updated_at", as: Int64.self)
        auditedBy = try row.decode(column: "audited_by", as: String?.self)
        auditedAt = try row.decode(column: "audited_at", as: Int64?.self)
        warehouse = WarehouseView(id: warehouseId, code: try row.decode(column: "warehouse_code", as: String.self), name: warehouseName,
                                  orgUnitId: try row.decode(column: "warehouse_unit", as: String.self),
                                  orgPath: try row.decode(column: "warehouse_path", as: String.self),
                                  departmentId: try row.decode(column: "warehouse_dept", as: String?.self),
                                  condition: try row.decode(column: "warehouse_condition", as: String.self))
    }

    var generated: Bool { transferId != nil }

    func view(lines: [DocumentLineView], actions: [String]) -> StockDocumentView {
        StockDocumentView(id: id, number: number, direction: direction.rawValue, reason: reason.rawValue, polarity: polarity, status: status.rawValue,
                          warehouseId: warehouseId, warehouseName: warehouseName, supplierId: supplierId, date: date, remark: remark,
                          approvalRef: approvalRef, transferId: transferId, createdBy: createdBy, createdAt: Times.rfc3339(createdAt),
                          updatedAt: Times.rfc3339(updatedAt), auditedBy: auditedBy, auditedAt: Times.rfc3339(auditedAt), lines: lines, actions: actions,
                          ticketId: ticketId, ticketNumber: ticketNumber)
    }
}

public struct DocumentFilter: Sendable {
    public var direction: StockDirection?
    public var reason: StockReason?
    public var status: DocumentStatus?
    public var warehouseId: String?
    public var orgUnitId: String?
    public var from: String?
    public var to: String?
    public var number: String?

    public init() {}

    static func parse(_ q: [String: String]) throws -> DocumentFilter {
        var f = DocumentFilter()
        if let v = TextRules.trimmed(q["direction"]) { f.direction = try MaterialValidation.choice(v, "direction") }
        if let v = TextRules.trimmed(q["reason"]) { f.reason = try MaterialValidation.choice(v, "reason") }
        if let v = TextRules.trimmed(q["status"]) { f.status = try MaterialValidation.choice(v, "status") }
        f.warehouseId = TextRules.trimmed(q["warehouseId"])
        f.orgUnitId = TextRules.trimmed(q["orgUnitId"])
        if let v = TextRules.trimmed(q["from"]) { f.from = try MaterialValidation.date(v, now: .init()) }
        if let v = TextRules.trimmed(q["to"]) { f.to = try MaterialValidation.date(v, now: .init()) }
        f.number = try MaterialValidation.text(q["number"], field: "number", max: 40, required: false)
        return f
    }
}

enum DocumentQueries {
    static func row(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> DocumentRow? {
        try await db.prepared("SELECT \(unsafeRaw: DocumentRow.columns) FROM stock_documents d JOIN warehouses w ON w.id = d.warehouse_id WHERE d.id = \(bind: id)\(unsafeRaw: lock)")
            .first().map(DocumentRow.init(row:))
    }

    static func lines(_ db: any SQLDatabase, table: String = "stock_document_lines", key: String = "document_id", id: String) async throws -> [DocumentLineView] {
        try await db.raw("""
            SELECT l.line_no, l.item_id, i.code, i.name, i.unit, l.quantity, l.remark FROM \(unsafeRaw: table) l JOIN items i ON i.id = l.item_id
            WHERE l.\(unsafeRaw: key) = \(bind: id) ORDER BY l.line_no
            """).all().map {
            DocumentLineView(lineNo: try $0.decode(column: "line_no", as: Int.self), itemId: try $0.decode(column: "item_id", as: String.self),
                             itemCode: try $0.decode(column: "code", as: String.self), itemName: try $0.decode(column: "name", as: String.self),
                             unit: try $0.decode(column: "unit", as: String.self), quantity: Quantity(milli: try $0.decode(column: "quantity", as: Int64.self)),
                             remark: try $0.decode(column: "remark", as: String.self))
        }
    }

    static func status(_ db: any SQLDatabase, id: String?) async throws -> DocumentStatus? {
        guard let id else { return nil }
        return try await db.raw("SELECT status FROM stock_documents WHERE id = \(bind: id)").first()
            .flatMap { DocumentStatus(rawValue: try $0.decode(column: "status", as: String.self)) }
    }

    /// The status of the other document of a transfer's generated pair (nil for a document no transfer generated).
    static func partnerStatus(_ db: any SQLDatabase, _ d: DocumentRow) async throws -> DocumentStatus? {
        guard let t = d.transferId else { return nil }
        let column = d.direction == .in ? "out_document_id" : "in_document_id"
        let pid = try await db.raw("SELECT \(unsafeRaw: column) AS p FROM transfers WHERE id = \(bind: t)").first()?.decode(column: "p", as: String?.self)
        return try await status(db, id: pid)
    }

    /// The actions the viewer may take on the document now (4.1, 4.2 pair rules, DOC-08).
    static func actions(_ db: any SQLDatabase, _ d: DocumentRow, viewer: Principal) async throws -> [String] {
        let covers = viewer.covers(unitPath: d.orgPath)
        let canEdit = MaterialPermissions.canEditDocuments(viewer.roles, covers: covers)
        let canAudit = MaterialPermissions.canAuditDocuments(viewer.roles, covers: covers)
        let partner = try await partnerStatus(db, d)
        return DocumentRules.Action.allCases.filter { a in
            guard DocumentRules.allows(a, status: d.status, generated: d.generated) else { return false }
            if let partner, !DocumentRules.pairAllows(a, direction: d.direction, partnerStatus: partner) { return false }
            return a == .edit || a == .delete ? canEdit : canAudit
        }.map(\.rawValue)
    }

    static func view(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> StockDocumentView {
        guard let d = try await row(db, id: id) else { throw AppError.notFound(Text("单据", "Document")) }
        let w = WarehouseScope(orgPath: d.orgPath, name: d.warehouseName)
        guard MaterialPermissions.canView(viewer.roles, covers: viewer.covers(unitPath: w.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看仓库“{0}”的单据", "You cannot see the documents of warehouse {0}").with(w.name))
        }
        return d.view(lines: try await lines(db, id: id), actions: try await actions(db, d, viewer: viewer))
    }

    struct WarehouseScope { let orgPath: String; let name: String }

    static func list(_ db: any SQLDatabase, _ f: DocumentFilter, paging: Paging, viewer: Principal) async throws -> ListPage<StockDocumentView> {
        var conditions: [SQLQueryString] = []
        if !MaterialPermissions.viewsAll(viewer.roles, userPath: viewer.orgPath) { conditions.append("d.org_path LIKE \(bind: viewer.orgPath + "%")") }
        if let v = f.direction { conditions.append("d.direction = \(bind: v.rawValue)") }
        if let v = f.reason { conditions.append("d.reason = \(bind: v.rawValue)") }
        if let v = f.status { conditions.append("d.status = \(bind: v.rawValue)") }
        if let v = f.warehouseId { conditions.append("d.warehouse_id = \(bind: v)") }
        if let v = f.orgUnitId {
            let path = try await OrgQueries.unitPath(db, unitId: v) ?? "-"
            conditions.append("d.org_path LIKE \(bind: path + "%")")
        }
        if let v = f.from { conditions.append("d.doc_date >= \(bind: v)") }
        if let v = f.to { conditions.append("d.doc_date <= \(bind: v)") }
        if let v = f.number { conditions.append("d.number LIKE \(bind: "%" + v.replacingOccurrences(of: "%", with: "") + "%")") }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM stock_documents d \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: DocumentRow.columns) FROM stock_documents d JOIN warehouses w ON w.id = d.warehouse_id \(whereClause)
            ORDER BY d.doc_date DESC, d.created_at DESC, d.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(DocumentRow.init(row:))
        return ListPage(items: rows.map { $0.view(lines: [], actions: []) }, page: paging.page, per: paging.per, total: total)
    }
}
