import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// Tickets as after-sales reads them (read-only; the service desk owns the table).
struct TicketRef: Sendable {
    let id: String
    let number: String
    let subject: String
    let type: String
    let customerId: String?
    let customerName: String?
    let customerPhone: String?
    let orgUnitId: String
    let orgPath: String
    let teamPath: String?
    let ownerId: String?
    let assigneeId: String?

    static func load(_ db: any SQLDatabase, id: String) async throws -> TicketRef? {
        guard let t = try await TicketQueries.facts(db, ticketId: id) else { return nil }
        return TicketRef(id: t.id, number: t.number, subject: t.subject, type: t.type, customerId: t.customerId, customerName: t.customerName,
                         customerPhone: t.customerPhone, orgUnitId: t.orgUnitId, orgPath: t.orgPath, teamPath: t.teamPath,
                         ownerId: t.ownerId, assigneeId: t.assigneeId)
    }
}

extension TicketRef {
    /// #10.2, #10.6: the ticket an after-sales record is created from, only when the creator may see it (its unit or
    /// the team handling it is in the creator's scope, or the creator owns or is assigned it); otherwise 404, so
    /// that neither the ticket nor its customer's name and phone leak.
    /// #11.1: `id` may also be the ticket's number as people type it (`TicketNumberLookup`).
    static func loadInScope(_ db: any SQLDatabase, id typed: String, viewer: Principal) async throws -> TicketRef {
        guard let id = try await TicketNumberLookup.id(db, typed), let t = try await load(db, id: id),
              AftersalesScope.covers(roles: viewer.roles, userPath: viewer.orgPath, recordPath: t.orgPath, responsiblePath: t.teamPath)
                || t.ownerId == viewer.userId || t.assigneeId == viewer.userId else {
            throw AppError.notFound(Text("工单", "Ticket"))
        }
        return t
    }
}
