import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #14 item 1: the materials used on a work order, issued from the store of the order's unit (an issue document 出库,
/// `self_use`, ISS-02), in the work order step's own transaction. The materials feature's side of the port the
/// composition root wires to the work orders: they never read these tables.
///
/// Decisions (the seed is silent): the store is the unit's first active good-condition warehouse by code (the estate's
/// own store; a parent's is not used); the technician issues on the order's authority (the step already checked the
/// role and unit scope), not on a storekeeper's; the document is saved, not audited, and the accountants who may audit
/// it are told, as for a ticket's parts (D6, #11.4); its remark names the work order's number.
public struct WorkOrderMaterialIssues: Sendable {
    let notifier: any HandOffNotifier

    public init(notifier: any HandOffNotifier = NoHandOffs()) { self.notifier = notifier }

    /// The unit's store: nil when no materials warehouse is set up for it.
    public func store(_ db: any SQLDatabase, unitId: String) async throws -> (id: String, name: String)? {
        guard let row = try await db.raw("""
            SELECT \(unsafeRaw: WarehouseView.columns) FROM warehouses WHERE org_unit_id = \(bind: unitId) AND condition = 'good' AND active = 1 ORDER BY code LIMIT 1
            """).first() else { return nil }
        let w = try WarehouseView(row: row)
        return (w.id, w.name)
    }

    /// One issue document for the lines, linked to the order by its remark. Refused before anything is written on an
    /// unknown item code or a line the store's stock cannot cover (422 `insufficient_stock`, ISS-07).
    public func issue(_ db: any SQLDatabase, warehouseId: String, lines typed: [(itemCode: String, quantity: Quantity, note: String)],
                      orderNumber: String, location: String, by actor: Principal, at: Int64) async throws -> (id: String, number: String) {
        let w = try await MasterDataService.requireActiveWarehouse(db, id: warehouseId, field: "materials")
        let lines = typed.map { MaterialValidation.Line(itemId: "", quantity: $0.quantity, remark: String($0.note.prefix(200)), itemCode: $0.itemCode) }
        let remark = String("工作任务单 \(orderNumber) · \(location)".prefix(500))
        let date = try MaterialValidation.date(nil, now: Date(timeIntervalSince1970: TimeInterval(at) / 1000))
        let id = try await StockDocumentService.write(db, direction: .out, reason: .selfUse, warehouse: w, supplierId: nil, date: date, remark: remark,
                                                      approval: nil, lines: lines, actorId: actor.userId, at: at) { resolved in
            try await TicketPartsService.requireStock(db, warehouse: w, lines: resolved, viewer: actor)
        }
        guard let row = try await DocumentQueries.row(db, id: id) else { throw AppError.notFound(Text("单据", "Document")) }
        let view = row.view(lines: [], actions: [])
        try await AuditTrail.record(db, actorId: actor.userId, action: "work_order_materials", entity: "stock_document", entityId: id,
                                    detail: ["number": view.number, "workOrder": orderNumber], at: at)
        try await DocumentHandOffs(notifier: notifier).awaitingAudit(db, view, warehousePath: w.orgPath, by: actor, at: at)
        return (id, view.number)
    }
}
