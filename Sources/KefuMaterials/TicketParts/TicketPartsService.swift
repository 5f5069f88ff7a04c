import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #13.6: parts for a service ticket in one step — an issue document (出库, `self_use`: replacement parts for a turbine
/// fault from the site's good warehouse, ISS-02) linked to the ticket, and the broken parts that came out registered in
/// the damaged-parts register with the ticket (DMG-02), all in one transaction with their audit-trail entries.
/// The issue is saved, not audited: sites create, the department's accountant audits (D6), and is told (#11.4).
public struct TicketPartsService: Sendable {
    let store: any Store
    let desk: any MaterialTicketDesk
    let notifier: any HandOffNotifier

    public init(store: any Store, desk: any MaterialTicketDesk, notifier: any HandOffNotifier = NoHandOffs()) {
        self.store = store
        self.desk = desk
        self.notifier = notifier
    }

    public func issue(ticketId: String, _ input: TicketPartsInput, by actor: Principal, now: Date = Date()) async throws -> TicketPartsResult {
        let lines = try MaterialValidation.lines(input.lines)
        if let i = lines.firstIndex(where: { !$0.quantity.isPositive }) {
            throw AppError.validation("lines[\(i)].quantity", Text("第 {0} 行：数量必须大于零", "Line {0}: the quantity must be above zero").with(String(i + 1)))
        }
        let date = try MaterialValidation.date(input.date, now: now)
        let remark = try MaterialValidation.text(input.remark, field: "remark", max: 500, required: false) ?? ""
        let typedTurbine = try MaterialValidation.text(input.turbineNumber, field: "turbineNumber", max: 100, required: false)
        let removedInput = input.removed ?? []
        guard removedInput.count <= 50 else {
            throw AppError.validation("removed", Text("一次最多登记 50 件损坏件", "At most 50 removed parts at a time"))
        }
        let removed = try removedInput.enumerated().map { i, part in
            var part = part
            part.ticketId = nil // the ticket the step resolves, below
            return (warehouseId: TextRules.trimmed(part.warehouseId), checked: try DamagedPartService.checked(part, now: now, field: "removed[\(i)]."))
        }
        let turbine = typedTurbine ?? removed.first?.checked.turbine
        let handOffs = DocumentHandOffs(notifier: notifier)
        return try await store.write { db in
            let ticket = try await Self.requireTicket(db, desk: desk, id: ticketId, actor: actor)
            let w = try await MasterDataService.requireActiveWarehouse(db, id: input.warehouseId, field: "warehouseId")
            try MaterialAccess.requireEdit(actor, w)
            let at = Clock.millis(now)
            let id = try await StockDocumentService.write(db, direction: .out, reason: .selfUse, warehouse: w, supplierId: nil, date: date, remark: remark,
                                                          approval: nil, lines: lines, actorId: actor.userId, at: at) { resolved in
                try await Self.requireStock(db, warehouse: w, lines: resolved, viewer: actor)
            }
            try await db.raw("""
                UPDATE stock_documents SET ticket_id = \(bind: ticket.id), ticket_number = \(bind: ticket.number), ticket_customer = \(bind: ticket.customerName),
                    ticket_fault = \(bind: ticket.faultType), turbine_number = \(bind: turbine) WHERE id = \(bind: id)
                """).run()
            var partIds: [String] = []
            let damagedStore = removed.contains { $0.warehouseId == nil } ? try await Self.damagedWarehouse(db, of: w) : w
            for part in removed {
                var pw = damagedStore
                if let other = part.warehouseId {
                    pw = try await MasterDataService.requireActiveWarehouse(db, id: other, field: part.checked.field + "warehouseId")
                }
                var checked = part.checked
                checked.ticketId = ticket.id
                partIds.append(try await DamagedPartService.insert(db, checked, warehouse: pw, by: actor, at: at))
            }
            let view = try await DocumentQueries.view(db, id: id, viewer: actor)
            try await AuditTrail.record(db, actorId: actor.userId, action: "ticket_parts", entity: "stock_document", entityId: id,
                                        detail: ["number": view.number, "ticket": ticket.number, "removed": String(partIds.count)], at: at)
            try await handOffs.awaitingAudit(db, view, warehousePath: w.orgPath, by: actor, at: at)
            var parts: [DamagedPartView] = []
            for pid in partIds { parts.append(try await DamagedPartQueries.partView(db, id: pid, viewer: actor)) }
            return TicketPartsResult(ticketId: ticket.id, ticketNumber: ticket.number, document: view, removed: parts)
        }
    }

    /// The ticket exists, the caller sees it (the desk's scope rule) and it is not closed.
    static func requireTicket(_ db: any SQLDatabase, desk: any MaterialTicketDesk, id: String, actor: Principal) async throws -> MaterialTicket {
        guard let ticket = try await desk.ticket(db, id: id, viewer: actor) else { throw AppError.notFound(Text("工单", "Ticket")) }
        guard ticket.visible else { throw AppError.forbidden(Text("该工单不在您的权限范围内", "This ticket is outside your scope")) }
        guard !ticket.closed else {
            throw AppError.conflict("ticket_closed", Text("工单已关闭，不能再领用备件", "The ticket is closed and takes no more parts"))
        }
        return ticket
    }

    /// DMG-01: broken parts are kept in the site's damaged warehouse (the first active one of the issue warehouse's unit,
    /// by code), or in the issue warehouse when the unit has none.
    static func damagedWarehouse(_ db: any SQLDatabase, of w: WarehouseView) async throws -> WarehouseView {
        try await db.raw("""
            SELECT \(unsafeRaw: WarehouseView.columns) FROM warehouses WHERE org_unit_id = \(bind: w.orgUnitId) AND condition = 'damaged' AND active = 1 ORDER BY code LIMIT 1
            """).first().map(WarehouseView.init(row:)) ?? w
    }

    /// ISS-07: the stock is checked before the parts are handed out — a step that would take a warehouse's booked
    /// on-hand below zero is refused on its first short line, and nothing is written.
    static func requireStock(_ db: any SQLDatabase, warehouse w: WarehouseView, lines: [MaterialValidation.Line], viewer: Principal) async throws {
        let onHand = try await StockQueries.onHand(db, warehouseId: w.id, itemIds: lines.map(\.itemId), viewer: viewer)
        var taken: [String: Int64] = [:]
        for (i, line) in lines.enumerated() {
            taken[line.itemId, default: 0] += line.quantity.milli
            let available = onHand[line.itemId] ?? Quantity(milli: 0)
            guard taken[line.itemId]! <= available.milli else {
                throw AppError(.unprocessableContent, "insufficient_stock",
                               Text("第 {0} 行：仓库“{1}”现存量 {2}，不够出库 {3}（ISS-07）", "Line {0}: warehouse {1} has {2} on hand, not enough to issue {3} (ISS-07)")
                                .with(String(i + 1), w.name, available.text, Quantity(milli: taken[line.itemId]!).text),
                               details: ["field": "lines[\(i)].quantity"])
            }
        }
    }

    // MARK: reads

    /// The ticket's parts (staff who see the ticket), and where the viewer may issue from.
    public func list(ticketId: String, viewer: Principal) async throws -> TicketPartsList {
        try await store.read { db in
            let ticket = try await desk.ticket(db, id: ticketId, viewer: viewer)
            guard let ticket else { throw AppError.notFound(Text("工单", "Ticket")) }
            guard ticket.visible, !viewer.isCustomer else { throw AppError.forbidden(Text("该工单不在您的权限范围内", "This ticket is outside your scope")) }
            return try await TicketPartsQueries.list(db, ticketId: ticket.id, ticketNumber: ticket.number, viewer: viewer, closed: ticket.closed)
        }
    }
}
