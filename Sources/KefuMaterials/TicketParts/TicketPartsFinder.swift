import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #13.6: a ticket's number in the quick search also finds the issue documents made for it (by the ticket's id,
/// indexed), where the viewer may see their warehouse (D16). The ticket itself is the service desk's hit.
public struct TicketPartsFinder: CombinedSearchProvider {
    let desk: any MaterialTicketDesk

    public init(desk: any MaterialTicketDesk) { self.desk = desk }

    public var kinds: [SearchKind] { [SearchKind("ticket_parts", Text("工单领用出库单", "Issues for tickets"))] }

    /// The tickets the number may name (the desk's look-up, joined: pgperf) with their documents, if any; the hits take
    /// the ticket the desk prefers (the newest year's first) and its first documents by number.
    public func lookups(_ r: SearchRequest) throws -> [SearchLookup] {
        guard r.wants("ticket_parts"), !r.viewer.roles.isDisjoint(with: MaterialPermissions.viewers),
              let tickets = desk.ticketsNumberedLookup(query: r.query, now: r.now) else { return [] }
        return [SearchLookup("documents", """
            SELECT t.number AS ticket_number, d.id, d.number, d.status, d.org_path, w.name AS warehouse
            FROM (\(tickets.sql)) t LEFT JOIN stock_documents d ON d.ticket_id = t.id LEFT JOIN warehouses w ON w.id = d.warehouse_id
            ORDER BY d.number
            """)]
    }

    public func hits(_ r: SearchRequest, rows: [String: [any SQLRow]]) throws -> [SearchHit] {
        guard let tickets = desk.ticketsNumberedLookup(query: r.query, now: r.now) else { return [] }
        let rows = rows["documents"] ?? []
        let found = Set(try rows.map { try $0.decode(column: "ticket_number", as: String.self) })
        guard let ticket = tickets.numbers.first(where: found.contains) else { return [] }
        let documents = try rows.filter { try $0.decode(column: "ticket_number", as: String.self) == ticket && $0.decode(column: "id", as: String?.self) != nil }
        return try documents.prefix(r.limit).compactMap { row in
            guard MaterialPermissions.canView(r.viewer.roles, covers: r.viewer.covers(unitPath: try row.decode(column: "org_path", as: String.self))) else { return nil }
            let id = try row.decode(column: "id", as: String.self)
            return SearchHit(kind: "ticket_parts", id: id, number: try row.decode(column: "number", as: String.self),
                             title: Text("工单 {0} 领用", "Parts for ticket {0}").with(ticket)(r.locale) + " · " + (try row.decode(column: "warehouse", as: String.self)),
                             detail: MaterialLabels.status(try row.decode(column: "status", as: String.self))(r.locale), href: "/materials/documents/\(id)")
        }
    }
}
