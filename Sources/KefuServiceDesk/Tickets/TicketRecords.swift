import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// A ticket as the API shows it (API.md "Service desk").
public struct TicketView: Codable, Sendable {
    public struct Customer: Codable, Sendable {
        public let id: String
        public let name: String
        @Nullable public var phone: String?
        @Nullable public var email: String?
    }
    public struct Breach: Codable, Sendable {
        public let kind: String
        public let at: String
    }
    public struct SLA: Codable, Sendable {
        @Nullable public var firstResponseDueAt: String?
        @Nullable public var firstRespondedAt: String?
        @Nullable public var resolutionDueAt: String?
        @Nullable public var resolvedAt: String?
        public var breaches: [Breach]
        /// The policy the ticket started with and keeps (API.md), and its calendar.
        @Nullable public var policyId: String?
        @Nullable public var policyName: String?
        public let calendar: String
        /// ESC-01: an escalation after this time is late.
        @Nullable public var escalationDueAt: String?
        /// Set while the clocks are paused (waiting on the customer).
        @Nullable public var pausedAt: String?
        /// The due time the queue shows (first response, then resolution); null while paused, resolved or closed.
        @Nullable public var nextDueAt: String?
    }

    public let id: String
    public let number: String
    public let subject: String
    public let description: String
    public let type: String
    public let channel: String
    public let priority: String
    public let status: String
    @Nullable public var customer: Customer?
    @Nullable public var ownerId: String?
    @Nullable public var assigneeId: String?
    @Nullable public var teamId: String?
    public let orgUnitId: String
    public let escalationLevel: Int
    public let receivedAt: String
    public let createdAt: String
    public let updatedAt: String
    @Nullable public var closedAt: String?
    public var sla: SLA
}

/// The stored ticket row, with what the services need beyond the API view.
struct TicketRow: Sendable {
    let id: String
    let rid: Int
    let number: String
    let subject: String
    let description: String
    let type: TicketType
    let channel: TicketChannel
    let priority: TicketPriority
    let status: TicketStatus
    let customerId: String?
    let customerName: String?
    let customerPhone: String?
    let customerEmail: String?
    let ownerId: String?
    let assigneeId: String?
    let orgUnitId: String
    let orgPath: String
    let teamId: String?
    let teamPath: String?
    let escalationLevel: Int
    let receivedAt: Int64
    let firstResponseDueAt: Int64?
    let firstRespondedAt: Int64?
    let resolutionDueAt: Int64?
    let resolvedAt: Int64?
    let closedAt: Int64?
    let createdAt: Int64
    let updatedAt: Int64
    let slaPolicyId: String?
    let slaPolicyName: String?
    let slaTargets: SlaTargets
    let escalationDueAt: Int64?
    let slaPausedAt: Int64?
    let dueAt: Int64?
    /// desk-016: when the first breach was recorded; nil means none is (`SlaScanner` writes both in one transaction).
    let breachedAt: Int64?

    static let columns = """
        t.id, t.rid, t.number, t.subject, t.description, t.type, t.channel, t.priority, t.status, t.customer_id,
        c.name AS customer_name, c.phone AS customer_phone, c.email AS customer_email,
        t.owner_id, t.assignee_id, t.org_unit_id, t.org_path, t.team_id, t.team_path, t.escalation_level, t.received_at,
        t.first_response_due_at, t.first_responded_at, t.resolution_due_at, t.resolved_at, t.closed_at, t.created_at, t.updated_at,
        t.sla_policy_id, t.sla_policy_name, t.sla_calendar, t.sla_first_response_minutes, t.sla_resolution_minutes,
        t.sla_escalate_after_minutes, t.escalation_due_at, t.sla_paused_at, t.due_at, t.breached_at
        """
    static let from = from(indexedBy: nil)

    /// `indexedBy`: SQLite's `INDEXED BY <index>` clause for `tickets t` (`TicketFilter.Sort.sqliteWalk`), or nil.
    static func from(indexedBy hint: String?) -> String {
        "tickets t \(hint.map { "\($0) " } ?? "")LEFT JOIN customers c ON c.id = t.customer_id"
    }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        rid = try row.decode(column: "rid", as: Int.self)
        number = try row.decode(column: "number", as: String.self)
        subject = try row.decode(column: "subject", as: String.self)
        description = try row.decode(column: "description", as: String.self)
        type = TicketType(rawValue: try row.decode(column: "type", as: String.self)) ?? .other
        channel = TicketChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .api
        priority = TicketPriority(rawValue: try row.decode(column: "priority", as: String.self)) ?? .normal
        status = TicketStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open
        customerId = try row.decode(column: "customer_id", as: String?.self)
        customerName = try row.decode(column: "customer_name", as: String?.self)
        customerPhone = try row.decode(column: "customer_phone", as: String?.self)
        customerEmail = try row.decode(column: "customer_email", as: String?.self)
        ownerId = try row.decode(column: "owner_id", as: String?.self)
        assigneeId = try row.decode(column: "assignee_id", as: String?.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        teamId = try row.decode(column: "team_id", as: String?.self)
        teamPath = try row.decode(column: "team_path", as: String?.self)
        escalationLevel = try row.decode(column: "escalation_level", as: Int.self)
        receivedAt = try row.decode(column: "received_at", as: Int64.self)
        firstResponseDueAt = try row.decode(column: "first_response_due_at", as: Int64?.self)
        firstRespondedAt = try row.decode(column: "first_responded_at", as: Int64?.self)
        resolutionDueAt = try row.decode(column: "resolution_due_at", as: Int64?.self)
        resolvedAt = try row.decode(column: "resolved_at", as: Int64?.self)
        closedAt = try row.decode(column: "closed_at", as: Int64?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        updatedAt = try row.decode(column: "updated_at", as: Int64.self)
        slaPolicyId = try row.decode(column: "sla_policy_id", as: String?.self)
        slaPolicyName = try row.decode(column: "sla_policy_name", as: String?.self)
        slaTargets = SlaTargets(
            calendar: ClockCalendar(rawValue: try row.decode(column: "sla_calendar", as: String.self)) ?? .allDay,
            firstResponseMinutes: try row.decode(column: "sla_first_response_minutes", as: Int.self),
            resolutionMinutes: try row.decode(column: "sla_resolution_minutes", as: Int.self),
            escalateAfterMinutes: try row.decode(column: "sla_escalate_after_minutes", as: Int.self))
        escalationDueAt = try row.decode(column: "escalation_due_at", as: Int64?.self)
        slaPausedAt = try row.decode(column: "sla_paused_at", as: Int64?.self)
        dueAt = try row.decode(column: "due_at", as: Int64?.self)
        breachedAt = try row.decode(column: "breached_at", as: Int64?.self)
    }

    /// The clocks as stored; the domain moves them (SlaClocks), `SlaClockColumns` writes them back.
    var clocks: SlaClocks {
        SlaClocks(targets: slaTargets, firstResponseDueAt: firstResponseDueAt ?? receivedAt, firstRespondedAt: firstRespondedAt,
                  resolutionDueAt: resolutionDueAt ?? receivedAt, resolvedAt: resolvedAt, pausedAt: slaPausedAt, closed: status == .closed)
    }

    var view: TicketView {
        TicketView(
            id: id, number: number, subject: subject, description: description, type: type.rawValue, channel: channel.rawValue,
            priority: priority.rawValue, status: status.rawValue,
            customer: customerId.map { TicketView.Customer(id: $0, name: customerName ?? "", phone: customerPhone, email: customerEmail) },
            ownerId: ownerId, assigneeId: assigneeId, teamId: teamId, orgUnitId: orgUnitId, escalationLevel: escalationLevel,
            receivedAt: Times.rfc3339(receivedAt), createdAt: Times.rfc3339(createdAt), updatedAt: Times.rfc3339(updatedAt),
            closedAt: Times.rfc3339(closedAt),
            sla: TicketView.SLA(
                firstResponseDueAt: Times.rfc3339(firstResponseDueAt), firstRespondedAt: Times.rfc3339(firstRespondedAt),
                resolutionDueAt: Times.rfc3339(resolutionDueAt), resolvedAt: Times.rfc3339(resolvedAt), breaches: [],
                policyId: slaPolicyId, policyName: slaPolicyName, calendar: slaTargets.calendar.rawValue,
                escalationDueAt: Times.rfc3339(escalationDueAt), pausedAt: Times.rfc3339(slaPausedAt), nextDueAt: Times.rfc3339(dueAt)
            )
        )
    }
}

public struct CommentView: Codable, Sendable {
    public let id: String
    public let ticketId: String
    @Nullable public var authorId: String?
    @Nullable public var authorName: String?
    public let authorKind: String
    public let visibility: String
    public let body: String
    public let createdAt: String
}

public struct EventView: Codable, Sendable {
    public let id: String
    public let seq: Int
    public let kind: String
    @Nullable public var actorId: String?
    @Nullable public var actorName: String?
    public let visibility: String
    public let data: [String: String]
    public let at: String
}

extension TicketView: JSONWritable {
    public func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.key("id"); out.string(id)
        out.key("number"); out.string(number)
        out.key("subject"); out.string(subject)
        out.key("description"); out.string(description)
        out.key("type"); out.string(type)
        out.key("channel"); out.string(channel)
        out.key("priority"); out.string(priority)
        out.key("status"); out.string(status)
        out.key("customer")
        if let c = customer {
            out.beginObject()
            out.key("id"); out.string(c.id)
            out.key("name"); out.string(c.name)
            out.key("phone"); out.string(c.phone)
            out.key("email"); out.string(c.email)
            out.endObject()
        } else {
            out.null()
        }
        out.key("ownerId"); out.string(ownerId)
        out.key("assigneeId"); out.string(assigneeId)
        out.key("teamId"); out.string(teamId)
        out.key("orgUnitId"); out.string(orgUnitId)
        out.key("escalationLevel"); out.int(escalationLevel)
        out.key("receivedAt"); out.string(receivedAt)
        out.key("createdAt"); out.string(createdAt)
        out.key("updatedAt"); out.string(updatedAt)
        out.key("closedAt"); out.string(closedAt)
        out.key("sla")
        out.beginObject()
        out.key("firstResponseDueAt"); out.string(sla.firstResponseDueAt)
        out.key("firstRespondedAt"); out.string(sla.firstRespondedAt)
        out.key("resolutionDueAt"); out.string(sla.resolutionDueAt)
        out.key("resolvedAt"); out.string(sla.resolvedAt)
        out.key("breaches")
        out.beginArray()
        for b in sla.breaches {
            out.beginObject(); out.key("kind"); out.string(b.kind); out.key("at"); out.string(b.at); out.endObject()
        }
        out.endArray()
        out.key("policyId"); out.string(sla.policyId)
        out.key("policyName"); out.string(sla.policyName)
        out.key("calendar"); out.string(sla.calendar)
        out.key("escalationDueAt"); out.string(sla.escalationDueAt)
        out.key("pausedAt"); out.string(sla.pausedAt)
        out.key("nextDueAt"); out.string(sla.nextDueAt)
        out.endObject()
        out.endObject()
    }
}
