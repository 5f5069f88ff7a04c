import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// A ticket checked and ready to be written: its clocks started, its owner and unit known. What it still needs from
/// the database is its row id, its number and its customer; then it gives the statements that write it and the view
/// the caller gets back (the same on every path of `TicketService.create`).
struct NewTicket: Sendable {
    let id: String
    let subject: String
    let description: String
    let type: TicketType
    let channel: TicketChannel
    let priority: TicketPriority
    let year: Int
    let receivedMillis: Int64
    let nowMillis: Int64
    let policy: SlaPolicy?
    let targets: SlaTargets
    let clocks: SlaClocks
    let escalationDue: Int64
    let ownerId: String?
    let actor: Principal

    func view(number: String, customer: TicketView.Customer?) -> TicketView {
        TicketView(
            id: id, number: number, subject: subject, description: description, type: type.rawValue, channel: channel.rawValue,
            priority: priority.rawValue, status: TicketStatus.new.rawValue, customer: customer, ownerId: ownerId, assigneeId: nil,
            teamId: actor.orgUnitId, orgUnitId: actor.orgUnitId, escalationLevel: 0, receivedAt: Times.rfc3339(receivedMillis),
            createdAt: Times.rfc3339(nowMillis), updatedAt: Times.rfc3339(nowMillis), closedAt: nil,
            sla: TicketView.SLA(firstResponseDueAt: Times.rfc3339(clocks.firstResponseDueAt) as String, firstRespondedAt: nil,
                                resolutionDueAt: Times.rfc3339(clocks.resolutionDueAt) as String, resolvedAt: nil, breaches: [],
                                policyId: policy?.id, policyName: policy?.name, calendar: targets.calendar.rawValue,
                                escalationDueAt: Times.rfc3339(escalationDue) as String, pausedAt: nil,
                                nextDueAt: Times.rfc3339(clocks.queueDue))
        )
    }

    /// The ticket with its clocks, its first timeline row and its search document.
    func statements(rid: Int, number: String, customerId: String?, dialect: StoreDialect) throws -> [SQLQueryString] {
        let ticket: SQLQueryString = """
            INSERT INTO tickets (id, rid, number, subject, description, type, channel, priority, status, customer_id, owner_id, assignee_id,
                org_unit_id, org_path, team_id, team_path, escalation_level, received_at, created_by, created_at, updated_at,
                sla_policy_id, sla_policy_name, sla_calendar, sla_first_response_minutes, sla_resolution_minutes, sla_escalate_after_minutes,
                escalation_due_at, \(SlaClockColumns.columnList))
            VALUES (\(bind: id), \(bind: rid), \(bind: number), \(bind: subject), \(bind: description), \(bind: type.rawValue), \(bind: channel.rawValue),
                \(bind: priority.rawValue), 'new', \(bind: customerId), \(bind: ownerId), NULL, \(bind: actor.orgUnitId), \(bind: actor.orgPath),
                \(bind: actor.orgUnitId), \(bind: actor.orgPath), 0, \(bind: receivedMillis), \(bind: actor.userId), \(bind: nowMillis), \(bind: nowMillis),
                \(bind: policy?.id), \(bind: policy?.name), \(bind: targets.calendar.rawValue), \(bind: targets.firstResponseMinutes),
                \(bind: targets.resolutionMinutes), \(bind: targets.escalateAfterMinutes), \(bind: escalationDue), \(SlaClockColumns.valueList(clocks)))
            """
        let created = try TicketTimeline.insert(
            ticketId: id, seq: 1, kind: "created", actorId: actor.userId, visibility: .public, at: nowMillis,
            data: ["number": number, "channel": channel.rawValue, "type": type.rawValue, "priority": priority.rawValue,
                   "ownerId": ownerId ?? "", "receivedAt": Times.rfc3339(receivedMillis)])
        let document = TicketSearchIndex.insert(dialect: dialect, ticketRid: rid, text: subject + "\n" + description,
                                                visibility: .init(orgPath: actor.orgPath, teamPath: actor.orgPath, ownerId: ownerId, assigneeId: nil))
        return [ticket, created, document]
    }
}
