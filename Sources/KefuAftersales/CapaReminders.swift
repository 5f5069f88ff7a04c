import Foundation
import KefuDomain
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// #11.4: the background pass that reminds of corrective and preventive actions falling due (CMP-09, CMP-12): the
/// action's owner (who planned it) and the complaint's owner (the ticket's first-contact owner, else who registered
/// it) are told once when it is due within one working day and once when it is overdue (`CapaReminderRule`), with a
/// link to the complaint. Runs beside the SLA scanner (`SlaJobs.passes`).
///
/// Idempotent, also with several nodes on one PostgreSQL: what was sent is recorded per action and kind
/// (`complaint_action_reminders`, aftersales-005) in the transaction that tells the people; a second scanner that
/// reaches the same action inserts nothing and tells nobody.
public struct CapaReminderScanner: Sendable {
    let store: any Store
    let settings: SlaSettings
    let notifier: any HandOffNotifier

    public init(store: any Store, settings: SlaSettings, notifier: any HandOffNotifier) {
        self.store = store
        self.settings = settings
        self.notifier = notifier
    }

    /// One pass at `now`; answers how many reminders went out (one per action and kind).
    @discardableResult
    public func scan(now: Date = Date()) async throws -> Int {
        let calendar = try await settings.current(now: now).calendar
        let at = Clock.millis(now)
        let today = calendar.day(of: at)
        let horizon = CapaReminderRule.horizon(today: today, calendar: calendar)
        let notifier = self.notifier
        let running = CapaReminderRule.running.map(\.rawValue).sorted()
        return try await store.write { db in
            // Indexed by due date; an action told it is overdue is done with.
            let rows = try await db.raw("""
                SELECT a.id, a.due_date, a.corrective, a.recorded_by, c.id AS complaint_id, c.number, c.subject, c.ticket_id, c.created_by,
                  (SELECT COUNT(*) FROM complaint_action_reminders r WHERE r.action_id = a.id AND r.kind = \(bind: CapaReminder.dueSoon.rawValue)) AS due_soon_sent
                FROM complaint_actions a JOIN complaints c ON c.id = a.complaint_id
                WHERE a.due_date <= \(bind: horizon.iso) AND a.round = c.plan_round AND c.status IN (\(SQLList(running.map { SQLBind($0) })))
                  AND NOT EXISTS (SELECT 1 FROM complaint_action_reminders r WHERE r.action_id = a.id AND r.kind = \(bind: CapaReminder.overdue.rawValue))
                ORDER BY a.due_date, a.id
                """).all()
            var sent = 0
            for row in rows {
                guard let due = CivilDay(iso: try row.decode(column: "due_date", as: String.self)) else { continue }
                let already: Set<CapaReminder> = try row.decode(column: "due_soon_sent", as: Int.self) > 0 ? [.dueSoon] : []
                guard let reminder = CapaReminderRule.toSend(due: due, today: today, calendar: calendar, alreadySent: already) else { continue }
                let actionId = try row.decode(column: "id", as: String.self)
                let recorded = try await db.raw("""
                    INSERT INTO complaint_action_reminders (action_id, kind, sent_at) VALUES (\(bind: actionId), \(bind: reminder.rawValue), \(bind: at))
                    ON CONFLICT (action_id, kind) DO NOTHING RETURNING action_id
                    """).first()
                guard recorded != nil else { continue }
                let ticketId = try row.decode(column: "ticket_id", as: String?.self)
                let ticketOwner = try await ticketId.asyncMap { try await TicketQueries.facts(db, ticketId: $0)?.ownerId } ?? nil
                let registeredBy = try row.decode(column: "created_by", as: String.self)
                let complaintOwner = ticketOwner ?? registeredBy
                let complaintId = try row.decode(column: "complaint_id", as: String.self)
                let number = try row.decode(column: "number", as: String.self)
                let corrective = String(try row.decode(column: "corrective", as: String.self).prefix(200))
                let title = reminder == .dueSoon
                    ? Text("纠正预防措施即将到期：{0}（期限 {1}）", "Corrective action due soon: {0} (due {1})").with(number, due.iso)
                    : Text("纠正预防措施已逾期：{0}（期限 {1}）", "Corrective action overdue: {0} (due {1})").with(number, due.iso)
                let handOff = HandOff(
                    kind: "capa_" + reminder.rawValue,
                    recipients: .init(userIds: CapaReminderRule.recipients(actionOwner: try row.decode(column: "recorded_by", as: String.self),
                                                                           complaintOwner: complaintOwner)),
                    title: title,
                    body: Text("“{0}”：{1}", "“{0}”: {1}").with(try row.decode(column: "subject", as: String.self), corrective),
                    link: "/complaints/\(complaintId)", ticketId: ticketId, actorId: "")
                try await notifier.handOff(db, handOff, at: at)
                sent += 1
            }
            return sent
        }
    }
}
