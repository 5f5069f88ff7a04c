import Foundation
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// The tickets after-sales records are made from, read through the service desk's query API (`TicketQueries.facts`,
/// #11.6: the service desk owns the table; after-sales keeps no copy of its shape).
enum TicketsInScope {
    /// #10.2, #10.6: the ticket an after-sales record is created from, only when the creator may see it (its unit or
    /// the team handling it is in the creator's scope, or the creator owns or is assigned it); otherwise 404, so
    /// that neither the ticket nor its customer's name and phone leak.
    /// #11.1: `id` may also be the ticket's number as people type it (`TicketNumberLookup`).
    static func load(_ db: any SQLDatabase, id typed: String, viewer: Principal) async throws -> TicketQueries.TicketFacts {
        guard let id = try await TicketNumberLookup.id(db, typed), let t = try await TicketQueries.facts(db, ticketId: id),
              AftersalesScope.covers(roles: viewer.roles, userPath: viewer.orgPath, recordPath: t.orgPath, responsiblePath: t.teamPath)
                || t.ownerId == viewer.userId || t.assigneeId == viewer.userId else {
            throw AppError.notFound(Text("工单", "Ticket"))
        }
        return t
    }
}
