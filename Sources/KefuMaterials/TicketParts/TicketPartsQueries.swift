import KefuDomain
import KefuPlatform
import SQLKit

/// #13.6: a ticket's parts, read inside the caller's transaction (the ticket page's one read asks this through the
/// composition root's port): the issue lines linked to it, the damaged parts registered with it (by id, or by its
/// number when typed on the register's own form), and the warehouses the viewer may issue from.
public enum TicketPartsQueries {
    /// Bounded: a ticket's page shows at most this many lines of each kind (a repair takes a handful).
    static let limit = 200

    public static func list(_ db: any SQLDatabase, ticketId: String, ticketNumber: String, viewer: Principal, closed: Bool) async throws -> TicketPartsList {
        let used = try await db.raw("""
            SELECT d.id, d.number, d.status, d.doc_date, i.code, i.name, i.unit, l.quantity
            FROM stock_documents d JOIN stock_document_lines l ON l.document_id = d.id JOIN items i ON i.id = l.item_id
            WHERE d.ticket_id = \(bind: ticketId) ORDER BY d.number, l.line_no LIMIT \(unsafeRaw: String(limit))
            """).all().map { row in
            TicketPartsList.Used(documentId: try row.decode(column: "id", as: String.self), documentNumber: try row.decode(column: "number", as: String.self),
                                 status: try row.decode(column: "status", as: String.self), date: try row.decode(column: "doc_date", as: String.self),
                                 itemCode: try row.decode(column: "code", as: String.self), itemName: try row.decode(column: "name", as: String.self),
                                 unit: try row.decode(column: "unit", as: String.self), quantity: Quantity(milli: try row.decode(column: "quantity", as: Int64.self)))
        }
        let removed = try await db.raw("""
            SELECT p.id, p.number, i.code, i.name, p.quantity, p.turbine_number, p.status FROM damaged_parts p JOIN items i ON i.id = p.item_id
            WHERE p.ticket_id IN (\(bind: ticketId), \(bind: ticketNumber)) ORDER BY p.number LIMIT \(unsafeRaw: String(limit))
            """).all().map { row in
            TicketPartsList.Removed(id: try row.decode(column: "id", as: String.self), number: try row.decode(column: "number", as: String.self),
                                    itemCode: try row.decode(column: "code", as: String.self), itemName: try row.decode(column: "name", as: String.self),
                                    quantity: Quantity(milli: try row.decode(column: "quantity", as: Int64.self)),
                                    turbineNumber: try row.decode(column: "turbine_number", as: String.self), status: try row.decode(column: "status", as: String.self))
        }
        return TicketPartsList(used: used, removed: removed, warehouses: closed ? [] : try await issueWarehouses(db, viewer: viewer))
    }

    /// Good warehouses whose documents the viewer may create (D6: a site's own; the department's accountant its
    /// department's; HQ materials all): where parts for a repair are issued from (ISS-02).
    static func issueWarehouses(_ db: any SQLDatabase, viewer: Principal) async throws -> [WarehouseView] {
        guard !viewer.isCustomer, MaterialPermissions.canEditDocuments(viewer.roles, covers: true) else { return [] }
        var conditions: [SQLQueryString] = ["active = 1", "condition = 'good'"]
        if !viewer.roles.contains(.mgmtMaterials) { conditions.append("org_path LIKE \(bind: viewer.orgPath + "%")") }
        return try await db.raw("""
            SELECT \(unsafeRaw: WarehouseView.columns) FROM warehouses WHERE \(SQLList(conditions, separator: SQLRaw(" AND "))) ORDER BY code LIMIT 200
            """).all()
            .map(WarehouseView.init(row:))
            .filter { MaterialPermissions.canEditDocuments(viewer.roles, covers: viewer.covers(unitPath: $0.orgPath)) }
    }
}
