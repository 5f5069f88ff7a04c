import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #11.4: a ticket handed to someone tells them (TKT-04: "each forward is recorded with recipient and time"; the
/// recipient hears of it). To a person: that person's bell. To a unit without a person: the supervisors of that unit
/// (`TicketAlerts`, nearest unit upwards). Either way the unit's webhook, where configured, gets the event.
/// The one who hands it on is not told of their own act.
struct TicketHandOffs: Sendable {
    enum Kind: String, Sendable {
        case assigned = "ticket_assigned"
        case forwarded = "ticket_forwarded"
    }

    func ticketHandedOn(_ db: any SQLDatabase, ticket: TicketRow, kind: Kind, toUserId: String?, toUnitId: String?, by actor: Principal,
                        note: String?, at: Int64) async throws {
        let title = kind == .assigned ? Text("分派给您的工单：{0}", "Ticket assigned to you: {0}").with(ticket.number)
                                      : Text("转交的工单：{0}", "Ticket forwarded: {0}").with(ticket.number)
        let body = note.map { Text("{0} 转来“{1}”：{2}", "{0} handed on “{1}”: {2}").with(actor.displayName, ticket.subject, $0) }
            ?? Text("{0} 转来“{1}”", "{0} handed on “{1}”").with(actor.displayName, ticket.subject)
        let alert = TicketAlerts.Alert(kind: kind.rawValue, title: title, body: body,
                                       data: ["toUserId": toUserId ?? "", "toOrgUnitId": toUnitId ?? "", "by": actor.userId])
        guard let userId = toUserId, !userId.isEmpty else {
            // To a unit: its supervisors, as for an escalation.
            let path = try await toUnitId.asyncMap { try await OrgQueries.unitPath(db, unitId: $0) } ?? nil
            try await TicketAlerts.raise(db, alert, ticket: ticket, unitPath: path, at: at, calendar: nil, except: actor.userId)
            return
        }
        let handOff = HandOff(kind: kind.rawValue, recipients: .init(userIds: [userId]), title: title, body: body,
                              link: "/tickets/\(ticket.id)", ticketId: ticket.id, actorId: actor.userId)
        try await HandOffDelivery.deliver(db, handOff, ticket: ticket, at: at)
    }
}
