import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Delivers a breach or an escalation: an in-app notification for each person `EscalationRecipients` (KefuDomain,
/// ESC-02/03, SLA-03) names among the members of the units concerned, and one event for the webhook of the unit
/// concerned (or the nearest unit above it that has one). Every notification links to its record (#11.4).
/// With a business-hours policy nothing is delivered outside business hours unless the ticket is urgent.
enum TicketAlerts {
    struct Alert {
        let kind: String
        let title: Text
        let body: Text
        let data: [String: String]
        /// The record's page (`/tickets/{id}` for a ticket's alerts).
        var link: String? = nil
    }

    /// When an alert raised at `at` may reach people.
    static func deliveryTime(ticket: TicketRow, at: Int64, calendar: WorkCalendar) -> Int64 {
        guard ticket.slaTargets.calendar == .businessHours, ticket.priority != .urgent else { return at }
        return calendar.nextWorkingInstant(atOrAfter: at, .businessHours)
    }

    /// Raises `alert` for the supervisors of `unitPath` (default: the owner's unit, else the ticket's unit).
    /// Returns how many people were notified. `calendar`: nil delivers at once (a hand-off is work given now);
    /// `except`: who is not told (the one acting).
    @discardableResult
    static func raise(_ db: any SQLDatabase, _ alert: Alert, ticket: TicketRow, unitPath: String? = nil, at: Int64,
                      calendar: WorkCalendar?, except: String? = nil) async throws -> Int {
        var ownerPath: String?
        if unitPath == nil, let owner = ticket.ownerId { ownerPath = try await OrgQueries.userUnitPath(db, userId: owner) }
        let path = EscalationRecipients.unitPath(target: unitPath, ownerPath: ownerPath, ticketPath: ticket.orgPath)
        let unitIds = OrgPath.ids(path)
        guard !unitIds.isEmpty else { return 0 }
        let members = try await OrgQueries.activeMembers(db, ofUnits: unitIds)
        let locales = Dictionary(members.map { ($0.id, $0.locale) }, uniquingKeysWith: { a, _ in a })
        let recipients = EscalationRecipients.choose(path: path, members: members.map { .init(id: $0.id, unitId: $0.orgUnitId, roles: $0.roles) },
                                                     except: except)
        let deliverAt = calendar.map { deliveryTime(ticket: ticket, at: at, calendar: $0) } ?? at
        var alert = alert
        alert.link = alert.link ?? "/tickets/\(ticket.id)"
        try await Webhooks.enqueue(db, nearestFirst: unitIds.reversed(), alert: alert, ticket: ticket, at: at, deliverAt: deliverAt)
        for r in recipients {
            try await insert(db, userId: r.id, locale: locales[r.id] ?? .zhCN, alert, ticketId: ticket.id, deliverAt: deliverAt, at: at)
        }
        return recipients.count
    }

    /// One notification. Its link is kept only when it is a path on this site (`LocalRedirect`: no other host, #11.4).
    static func insert(_ db: any SQLDatabase, userId: String, locale: AppLocale, _ alert: Alert, ticketId: String?, deliverAt: Int64,
                       at: Int64) async throws {
        let link = LocalRedirect.path(alert.link ?? ticketId.map { "/tickets/\($0)" })
        try await db.raw("""
            INSERT INTO notifications (id, user_id, kind, ticket_id, title, body, deliver_at, created_at, link)
            VALUES (\(bind: Clock.newID()), \(bind: userId), \(bind: alert.kind), \(bind: ticketId), \(bind: alert.title(locale)),
                    \(bind: alert.body(locale)), \(bind: deliverAt), \(bind: at), \(bind: link))
            """).run()
    }
}
