import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #13.6: a ticket's number in the quick search also finds the issue documents made for it (by the ticket's id,
/// indexed), where the viewer may see their warehouse (D16). The ticket itself is the service desk's hit.
public struct TicketPartsFinder: SearchProvider {
    let desk: any MaterialTicketDesk

    public init(desk: any MaterialTicketDesk) { self.desk = desk }

    public var kinds: [SearchKind] { [SearchKind("ticket_parts", Text("工单领用出库单", "Issues for tickets"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        let roles = r.viewer.roles
        // One look-up of the ticket by number (pgperf: it was four statements through `ticket(_:id:)`), then its documents.
        guard r.wants("ticket_parts"), !roles.isDisjoint(with: MaterialPermissions.viewers),
              let ticket = try await desk.ticketNumbered(db, query: r.query, now: r.now) else { return [] }
        return try await db.prepared("""
            SELECT d.id, d.number, d.status, d.org_path, w.name AS warehouse FROM stock_documents d JOIN warehouses w ON w.id = d.warehouse_id
            WHERE d.ticket_id = \(bind: ticket.id) ORDER BY d.number LIMIT \(bind: r.limit)
            """).all().compactMap { row in
            guard MaterialPermissions.canView(roles, covers: r.viewer.covers(unitPath: try row.decode(column: "org_path", as: String.self))) else { return nil }
            let id = try row.decode(column: "id", as: String.self)
            return SearchHit(kind: "ticket_parts", id: id, number: try row.decode(column: "number", as: String.self),
                             title: Text("工单 {0} 领用", "Parts for ticket {0}").with(ticket.number)(r.locale) + " · " + (try row.decode(column: "warehouse", as: String.self)),
                             detail: MaterialLabels.status(try row.decode(column: "status", as: String.self))(r.locale), href: "/materials/documents/\(id)")
        }
    }
}
