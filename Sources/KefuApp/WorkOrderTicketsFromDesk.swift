import KefuDomain
import KefuPlatform
import KefuServiceDesk
import KefuWorkOrders
import SQLKit

/// #14.1 WO-01: the tickets work orders are issued from, read through the service desk's query functions
/// (`TicketNumberLookup`, `TicketQueries.facts`), only where the issuer may see the ticket: its unit or the team
/// handling it is in the issuer's scope, or the issuer owns or is assigned it.
struct WorkOrderTicketsFromDesk: WorkOrderTickets {
    func ticket(_ db: any SQLDatabase, idOrNumber: String, viewer: Principal) async throws -> WorkOrderTicket? {
        guard let id = try await TicketNumberLookup.id(db, idOrNumber), let t = try await TicketQueries.facts(db, ticketId: id) else { return nil }
        let visible = viewer.covers(unitPath: t.orgPath) || t.teamPath.map(viewer.covers(unitPath:)) == true
            || t.ownerId == viewer.userId || t.assigneeId == viewer.userId
        guard visible else { return nil }
        return WorkOrderTicket(id: t.id, number: t.number, subject: t.subject, requesterName: t.customerName, requesterPhone: t.customerPhone, orgUnitId: t.orgUnitId)
    }
}
