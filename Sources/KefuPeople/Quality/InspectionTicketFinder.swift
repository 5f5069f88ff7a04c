import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #15.5: the inspection form's ticket picker (`/api/v1/search?kinds=inspection_ticket`): the tickets a typed number
/// names that the viewer may score — an inspector (QA, the CS supervisor or manager) of the ticket's unit or above
/// (`InspectionService.requireInspector`). QA does not see its unit's tickets in the general ticket search (#10.20), so
/// the form cannot use `kinds=ticket`. Answered only when asked alone, so the search page does not list tickets twice.
public struct InspectionTicketFinder: SearchProvider {
    let tickets: any InspectionTicketSource

    public init(tickets: any InspectionTicketSource) { self.tickets = tickets }

    public static let kind = "inspection_ticket"
    public var kinds: [SearchKind] { [SearchKind(Self.kind, Text("可质检工单", "Tickets to inspect"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard r.kinds == [Self.kind], !r.viewer.roles.isDisjoint(with: InspectionScoring.inspectors) else { return [] }
        return try await tickets.candidates(db, query: r.query, now: r.now, limit: r.limit)
            .filter { r.viewer.covers(unitPath: $0.ticket.orgPath) }
            .map { SearchHit(kind: Self.kind, id: $0.ticket.id, number: $0.ticket.number, title: $0.subject, href: nil) }
    }
}
