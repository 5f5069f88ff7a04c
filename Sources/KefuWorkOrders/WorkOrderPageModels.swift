import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `/work-orders`: a page of the orders in the viewer's scope with the filters used, and what the viewer does.
struct WorkOrderListModel: Sendable {
    let orders: ListPage<WorkOrderView>
    let canIssue: Bool
    let isTechnician: Bool
    let nowMillis: Int64
}

/// `/work-orders/new`: the units the viewer issues for, and the ticket the order is issued from (prefilled through the port).
struct WorkOrderFormModel: Sendable {
    let units: [(id: String, name: String)]
    let ownUnitId: String
    let ticket: WorkOrderTicket?
}

/// `/work-orders/{id}` and its print: the order with its signature and its timeline.
struct WorkOrderPageModel: Sendable {
    struct Event: Sendable { let at: Instant; let actorName: String; let action: String; let detail: [String: String] }
    let order: WorkOrderView
    let timeline: [Event]
    let nowMillis: Int64
}

extension WorkOrderService {
    func listModel(_ query: [String: String], paging: Paging, viewer: Principal, now: Date = Date()) async throws -> WorkOrderListModel {
        WorkOrderListModel(orders: try await list(query, paging: paging, viewer: viewer, now: now),
                           canIssue: !viewer.roles.isDisjoint(with: WorkOrderRules.issuers),
                           isTechnician: viewer.roles.contains(.dutyTechnician), nowMillis: Clock.millis(now))
    }

    func formModel(ticket typed: String?, viewer: Principal) async throws -> WorkOrderFormModel {
        guard !viewer.roles.isDisjoint(with: WorkOrderRules.issuers) else {
            throw AppError.forbidden(Text("只有客服部值班人员可以开具工作任务单（WO-01、WO-06）", "Only customer-service duty staff issue work orders (WO-01, WO-06)"))
        }
        let tickets = self.tickets
        return try await store.read { db in
            let units = try await OrgQueries.activeUnits(db).filter {
                WorkOrderRules.mayIssue(roles: viewer.roles, userPath: viewer.orgPath, unitPath: $0.path)
            }.map { (id: $0.id, name: $0.name) }
            var ticket: WorkOrderTicket?
            if let typed = TextRules.trimmed(typed) {
                guard let t = try await tickets.ticket(db, idOrNumber: typed, viewer: viewer) else { throw AppError.notFound(Text("工单", "Ticket")) }
                ticket = t
            }
            return WorkOrderFormModel(units: units, ownUnitId: viewer.orgUnitId, ticket: ticket)
        }
    }

    func pageModel(id: String, viewer: Principal, now: Date = Date()) async throws -> WorkOrderPageModel {
        try Self.requireViewer(viewer)
        return try await store.read { db in
            let order = try await WorkOrderQueries.view(db, id: id, viewer: viewer)
            let entries = try await AuditTrail.entries(db, entity: Self.entity, entityId: id)
            let names = try await OrgQueries.displayNames(db, ids: Set(entries.compactMap(\.actorId)))
            return WorkOrderPageModel(order: order, timeline: entries.map {
                WorkOrderPageModel.Event(at: $0.at, actorName: $0.actorId.flatMap { names[$0] } ?? "—", action: $0.action, detail: $0.detail)
            }, nowMillis: Clock.millis(now))
        }
    }
}
