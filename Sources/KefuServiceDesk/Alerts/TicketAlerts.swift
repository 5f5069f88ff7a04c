import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Who hears of a breach or an escalation and what they get: an in-app notification for each supervisor of the
/// owner's unit (API.md; the nearest unit upwards that has one, ESC-02), and one event for the webhook of the owner's
/// unit (or the nearest unit above it that has one).
/// With a business-hours policy nothing is delivered outside business hours unless the ticket is urgent.
enum TicketAlerts {
    struct Alert {
        let kind: String
        let title: Text
        let body: Text
        let data: [String: String]
    }

    static let supervisorRoles: Set<Role> = [.csSupervisor, .csManager]

    /// When an alert raised at `at` may reach people.
    static func deliveryTime(ticket: TicketRow, at: Int64, calendar: WorkCalendar) -> Int64 {
        guard ticket.slaTargets.calendar == .businessHours, ticket.priority != .urgent else { return at }
        return calendar.nextWorkingInstant(atOrAfter: at, .businessHours)
    }

    /// Raises `alert` for the supervisors of `unitPath` (default: the owner's unit, else the ticket's unit).
    /// Returns how many people were notified.
    @discardableResult
    /// `calendar`: nil delivers at once (a hand-off is work given now); `except`: who is not told (the one acting).
    static func raise(_ db: any SQLDatabase, _ alert: Alert, ticket: TicketRow, unitPath: String? = nil, at: Int64,
                      calendar: WorkCalendar?, except: String? = nil) async throws -> Int {
        var path = unitPath
        if path == nil, let owner = ticket.ownerId { path = try await OrgQueries.userUnitPath(db, userId: owner) }
        let unitIds = OrgPath.ids(path ?? ticket.orgPath)
        guard !unitIds.isEmpty else { return 0 }
        let candidates = try await OrgQueries.activeMembers(db, ofUnits: unitIds).compactMap { m -> (id: String, unit: String, locale: AppLocale)? in
            m.roles.isDisjoint(with: supervisorRoles) || m.id == except ? nil : (m.id, m.orgUnitId, m.locale)
        }
        let deliverAt = calendar.map { deliveryTime(ticket: ticket, at: at, calendar: $0) } ?? at
        try await Webhooks.enqueue(db, nearestFirst: unitIds.reversed(), alert: alert, ticket: ticket, at: at, deliverAt: deliverAt)
        // Nearest unit first: the owner's own supervisors, else the level above.
        guard let unit = unitIds.reversed().first(where: { u in candidates.contains { $0.unit == u } }) else { return 0 }
        let recipients = candidates.filter { $0.unit == unit }
        for r in recipients {
            try await insert(db, userId: r.id, locale: r.locale, alert, ticketId: ticket.id, deliverAt: deliverAt, at: at)
        }
        return recipients.count
    }

    static func insert(_ db: any SQLDatabase, userId: String, locale: AppLocale, _ alert: Alert, ticketId: String?, deliverAt: Int64,
                       at: Int64) async throws {
        try await db.raw("""
            INSERT INTO notifications (id, user_id, kind, ticket_id, title, body, deliver_at, created_at)
            VALUES (\(bind: Clock.newID()), \(bind: userId), \(bind: alert.kind), \(bind: ticketId), \(bind: alert.title(locale)),
                    \(bind: alert.body(locale)), \(bind: deliverAt), \(bind: at))
            """).run()
    }
}
