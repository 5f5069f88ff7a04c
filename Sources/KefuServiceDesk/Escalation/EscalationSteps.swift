import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #15.6 (ESC-02, ESC-04): what the breach scanner does along a unit's escalation path. At a breach the ticket starts
/// the path its owner's unit follows (own or inherited, `EscalationPathRules.effective`); level 1 is told at once when its
/// delay is 0, and each later level when its delay in working time on the ticket's SLA calendar has passed. The progress
/// is a row per ticket (`ticket_escalation_progress`) that the scanner takes by `next_at`, in batches,
/// `FOR UPDATE SKIP LOCKED`, like the tickets by `sla_next_at`; the path in force at the breach is kept on the row.
/// Without a path the default of #3 holds (the supervisors of the owner's unit). A difficult complaint (ESC-04) also
/// goes to the business-management team at the breach.
enum EscalationSteps {
    /// Who was told, for the timeline and the escalation record.
    struct Told {
        var userIds: [String] = []
        var names: [String] = []
        var pathLevel: Int?
        var pathUnitId: String?
        var businessManagement = false

        var timelineData: [String: String] {
            var data: [String: String] = ["alerted": names.joined(separator: "、")]
            if let pathLevel { data["pathLevel"] = String(pathLevel) }
            if let pathUnitId { data["pathUnitId"] = pathUnitId }
            if businessManagement { data["businessManagement"] = "true" }
            return data
        }
    }

    /// The path of the unit an alert concerns: the owner's unit, else the ticket's (#3).
    static func concernedPath(_ db: any SQLDatabase, ticket: TicketRow, lookups: EscalationLookups) async throws -> String {
        var ownerPath: String?
        if let owner = ticket.ownerId { ownerPath = try await lookups.ownerPath(db, userId: owner) }
        return EscalationRecipients.unitPath(target: nil, ownerPath: ownerPath, ticketPath: ticket.orgPath)
    }

    /// At a breach of `kind` due at `due`: starts the path (or restarts it) and tells level 1 when due at once, or the
    /// default people when no path applies; plus the business-management team for a difficult complaint. `lookups`: the
    /// batch's organisation facts.
    static func atBreach(_ db: any SQLDatabase, _ alert: TicketAlerts.Alert, ticket: TicketRow, kind: SlaClocks.Kind, due: Int64, at: Int64,
                         calendar: WorkCalendar, onDuty: any OnDutyDirectory = NoOnDutyDirectory(),
                         lookups: EscalationLookups) async throws -> Told {
        let path = try await concernedPath(db, ticket: ticket, lookups: lookups)
        let members = try await lookups.members(db, path: path)
        var people: [String]
        var told = Told()
        if let followed = try await lookups.followedPath(db, unitPath: path) {
            told.pathUnitId = followed.unitId
            let first = followed.levels[0]
            let firstDue = EscalationPathRules.due(of: first, after: due, on: calendar, ticket.slaTargets.calendar)
            if firstDue <= at {
                people = try await Self.people(db, of: first, path: path, members: members, onDuty: onDuty, at: at) // #15 leftovers: on duty
                told.pathLevel = 1
                try await schedule(db, ticket: ticket, kind: kind, due: due, unitId: followed.unitId, levels: followed.levels, nextIndex: 1,
                                   previousDue: firstDue, calendar: calendar)
            } else {
                people = []
                try await schedule(db, ticket: ticket, kind: kind, due: due, unitId: followed.unitId, levels: followed.levels, nextIndex: 0,
                                   previousDue: due, calendar: calendar)
            }
        } else {
            people = EscalationRecipients.choose(path: path, members: Self.domain(members), except: nil).map(\.id)
        }
        if EscalationPathRules.isDifficultComplaint(type: ticket.type, priority: ticket.priority) {
            let team = try await businessManagementTeam(db, path: path)
            told.businessManagement = !team.isEmpty
            people = Array(Set(people + team)).sorted()
        }
        try await deliver(db, alert, ticket: ticket, people: people, members: members, webhookPath: path, at: at, calendar: calendar,
                          lookups: lookups, told: &told)
        return told
    }

    /// ESC-04: the CS managers and supervisors of the management unit (业务管理部) nearest above the ticket's unit.
    static func businessManagementTeam(_ db: any SQLDatabase, path: String) async throws -> [String] {
        for unit in OrgPath.ids(path).reversed() {
            guard try await OrgQueries.firstUnit(db, ofKind: OrgUnitKind.management.rawValue, among: [unit]) != nil else { continue }
            return try await OrgQueries.activeMembers(db, ofUnits: [unit])
                .filter { !$0.roles.isDisjoint(with: EscalationPathRules.businessManagementRoles) }.map(\.id).sorted()
        }
        return []
    }

    static func domain(_ members: [OrgQueries.ActiveMember]) -> [EscalationRecipients.Member] {
        members.map { .init(id: $0.id, unitId: $0.orgUnitId, roles: $0.roles) }
    }

    /// Keeps the ticket's next level (index `nextIndex` of `levels`) due after `previousDue`, or ends its progress.
    static func schedule(_ db: any SQLDatabase, ticket: TicketRow, kind: SlaClocks.Kind, due: Int64, unitId: String,
                         levels: [EscalationPathRules.Level], nextIndex: Int, previousDue: Int64, calendar: WorkCalendar) async throws {
        guard nextIndex < levels.count else {
            try await db.raw("DELETE FROM ticket_escalation_progress WHERE ticket_id = \(bind: ticket.id)").run()
            return
        }
        let nextAt = EscalationPathRules.due(of: levels[nextIndex], after: previousDue, on: calendar, ticket.slaTargets.calendar)
        try await db.raw("""
            INSERT INTO ticket_escalation_progress (ticket_id, clock, breach_due_at, path_unit_id, levels, next_level, next_at)
            VALUES (\(bind: ticket.id), \(bind: kind.rawValue), \(bind: due), \(bind: unitId), \(bind: EscalationPathCodec.encode(levels)),
                    \(bind: nextIndex + 1), \(bind: nextAt))
            ON CONFLICT (ticket_id) DO UPDATE SET clock = excluded.clock, breach_due_at = excluded.breach_due_at, path_unit_id = excluded.path_unit_id,
                levels = excluded.levels, next_level = excluded.next_level, next_at = excluded.next_at
            """).run()
    }

    /// Notifies `people` (named users outside the path's units are looked up; inactive ones are skipped) and queues the
    /// unit's webhook event. Fills `told` with who was told.
    static func deliver(_ db: any SQLDatabase, _ alert: TicketAlerts.Alert, ticket: TicketRow, people: [String], members: [OrgQueries.ActiveMember],
                        webhookPath: String, at: Int64, calendar: WorkCalendar, lookups: EscalationLookups, told: inout Told) async throws {
        var locales = Dictionary(members.map { ($0.id, $0.locale) }, uniquingKeysWith: { a, _ in a })
        for id in people where locales[id] == nil {
            guard let user = try await OrgQueries.userSummary(db, userId: id), user.active,
                  let member = try await OrgQueries.activeMembers(db, ofUnits: [user.orgUnitId]).first(where: { $0.id == id }) else { continue }
            locales[id] = member.locale
        }
        let reached = people.filter { locales[$0] != nil }
        let deliverAt = TicketAlerts.deliveryTime(ticket: ticket, at: at, calendar: calendar)
        var alert = alert
        alert.link = alert.link ?? "/tickets/\(ticket.id)"
        let units = Array(OrgPath.ids(webhookPath).reversed())
        try await Webhooks.enqueue(db, nearestFirst: units, alert: alert, ticket: ticket, at: at, deliverAt: deliverAt,
                                   withHook: lookups.unitsWithWebhook(db, among: units))
        for id in reached {
            try await TicketAlerts.insert(db, userId: id, locale: locales[id] ?? .zhCN, alert, ticketId: ticket.id, deliverAt: deliverAt, at: at)
        }
        let names = try await lookups.displayNames(db, ids: Set(reached))
        told.userIds = reached
        told.names = reached.map { names[$0] ?? $0 }
    }

    struct Pass {
        var checked = 0
        var notified = 0
    }

    /// One batch of tickets whose next level is due at `at` (each ticket catches up every level due by then).
    static func scanBatch(_ db: any SQLDatabase, dialect: StoreDialect, at: Int64, calendar: WorkCalendar, limit: Int,
                          onDuty: any OnDutyDirectory = NoOnDutyDirectory()) async throws -> Pass {
        let rows = try await db.raw("""
            SELECT ticket_id, clock, breach_due_at, path_unit_id, levels, next_level, next_at FROM ticket_escalation_progress p
            WHERE p.next_at <= \(bind: at) ORDER BY p.next_at LIMIT \(bind: limit)\(unsafeRaw: dialect.rowLock(of: "p", skipLocked: true))
            """).all()
        var pass = Pass()
        let lookups = EscalationLookups()
        for row in rows {
            pass.checked += 1
            let ticketId = try row.decode(column: "ticket_id", as: String.self)
            // The ticket too, skipping one a breach pass holds (never waiting: no lock cycle with it); it comes back next pass.
            let locked = try await db.raw("""
                SELECT \(unsafeRaw: TicketRow.columns) FROM \(unsafeRaw: TicketRow.from) WHERE t.id = \(bind: ticketId)\(unsafeRaw: dialect.rowLock(of: "t", skipLocked: true))
                """).first().map { try TicketRow(row: $0) }
            if locked == nil, try await db.raw("SELECT id FROM tickets WHERE id = \(bind: ticketId)").first() != nil { continue }
            guard let ticket = locked,
                  let kind = SlaClocks.Kind(rawValue: try row.decode(column: "clock", as: String.self)),
                  EscalationPathRules.stillOverdue(ticket.clocks, kind) else {
                try await db.raw("DELETE FROM ticket_escalation_progress WHERE ticket_id = \(bind: ticketId)").run()
                continue
            }
            let levels = EscalationPathCodec.decode(try row.decode(column: "levels", as: String.self))
            let unitId = try row.decode(column: "path_unit_id", as: String.self)
            var index = try row.decode(column: "next_level", as: Int.self) - 1
            var levelDue = try row.decode(column: "next_at", as: Int64.self)
            var escalation = ticket.escalationLevel
            var seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
            while index < levels.count, levelDue <= at {
                let path = try await concernedPath(db, ticket: ticket, lookups: lookups)
                let members = try await lookups.members(db, path: path)
                let people = try await Self.people(db, of: levels[index], path: path, members: members, onDuty: onDuty, at: at) // #15 leftovers: on duty
                let raises = index > 0 // level 1 is the breach's own escalation
                if raises { escalation += 1 }
                let alert = TicketAlerts.Alert(
                    kind: "escalation",
                    title: Text("工单升级：{0}", "Ticket escalated: {0}").with(ticket.number),
                    body: Text("“{0}”超时未处理，已按升级路径通知第 {1} 级", "“{0}” is still overdue; level {1} of the escalation path is told")
                        .with(ticket.subject, String(index + 1)),
                    data: ["clock": kind.rawValue, "pathLevel": String(index + 1), "escalationLevel": String(escalation)])
                var told = Told(pathLevel: index + 1, pathUnitId: unitId)
                try await deliver(db, alert, ticket: ticket, people: people, members: members, webhookPath: path, at: at, calendar: calendar,
                                  lookups: lookups, told: &told)
                pass.notified += told.userIds.count
                let reason = Text("超时未处理，升级路径第 {0} 级", "Still overdue: escalation path level {0}").with(String(index + 1)).zh
                var data = told.timelineData
                data.merge(["level": String(escalation), "reason": reason, "automatic": "true", "late": "false"]) { a, _ in a }
                try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: raises ? "escalated" : "escalation_notified", actorId: nil,
                                                visibility: .internal, at: at, data: data)
                seq += 1
                if raises {
                    try await TicketEscalations.record(db, ticket: ticket, level: escalation, automatic: true, late: false, reason: reason, actorId: nil, at: at)
                }
                index += 1
                if index < levels.count { levelDue = EscalationPathRules.due(of: levels[index], after: levelDue, on: calendar, ticket.slaTargets.calendar) }
            }
            if escalation != ticket.escalationLevel {
                try await db.raw("UPDATE tickets SET escalation_level = escalation_level + \(bind: escalation - ticket.escalationLevel) WHERE id = \(bind: ticket.id)").run()
            }
            if index < levels.count {
                try await db.raw("""
                    UPDATE ticket_escalation_progress SET next_level = \(bind: index + 1), next_at = \(bind: levelDue) WHERE ticket_id = \(bind: ticket.id)
                    """).run()
            } else {
                try await db.raw("DELETE FROM ticket_escalation_progress WHERE ticket_id = \(bind: ticket.id)").run()
            }
        }
        return pass
    }
}
