import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04, RET-01: a closed ticket past its period (3 years from closing) that no other record names
/// (`TicketRetentionSource`), with its replies and notes, its timeline, its breaches, escalations and escalation clock,
/// and the other features' rows that are part of it (`parts`). Its search document goes with it (derived from the
/// ticket, so not written out). What names a ticket stays readable: its notifications link to `/tickets/{id}`, which
/// now answers its tombstone (410 `archived`, in the viewer's unit scope); the quick search finds its number among the
/// tombstones; the audit trail keeps its own rows; the customer's record is not changed; its number came from a
/// counter, so it is never given again. Columns as of desk-016.
struct TicketArchiver: TableArchiver {
    let retained: RetentionSQL.Table
    /// The other features' rows that go with the ticket (`TicketArchiveParts`: the channels' mail, calls, chats, files).
    let parts: [any TicketArchiveParts]
    var kind: RetainedKind { .ticket }

    static let tickets = ArchivedTable("tickets", columns: [
        ("id", .text), ("rid", .integer), ("number", .text), ("subject", .text), ("description", .text), ("type", .text), ("channel", .text),
        ("priority", .text), ("status", .text), ("customer_id", .text), ("owner_id", .text), ("assignee_id", .text), ("org_unit_id", .text),
        ("org_path", .text), ("team_id", .text), ("team_path", .text), ("escalation_level", .integer), ("received_at", .integer),
        ("first_response_due_at", .integer), ("first_responded_at", .integer), ("resolution_due_at", .integer), ("resolved_at", .integer),
        ("closed_at", .integer), ("due_at", .integer), ("created_by", .text), ("created_at", .integer), ("updated_at", .integer),
        ("sla_policy_id", .text), ("sla_policy_name", .text), ("sla_calendar", .text), ("sla_first_response_minutes", .integer),
        ("sla_resolution_minutes", .integer), ("sla_escalate_after_minutes", .integer), ("escalation_due_at", .integer),
        ("sla_paused_at", .integer), ("sla_next_at", .integer), ("first_response_ms", .integer), ("breached_at", .integer),
    ])
    static let comments = ArchivedTable("ticket_comments", key: "ticket_id", order: "created_at, id", columns: [
        ("id", .text), ("ticket_id", .text), ("author_id", .text), ("author_kind", .text), ("visibility", .text), ("body", .text),
        ("created_at", .integer),
    ])
    static let events = ArchivedTable("ticket_events", key: "ticket_id", order: "seq, id", columns: [
        ("id", .text), ("ticket_id", .text), ("seq", .integer), ("kind", .text), ("actor_id", .text), ("visibility", .text), ("data", .text),
        ("at", .integer),
    ])
    static let breaches = ArchivedTable("ticket_breaches", key: "ticket_id", order: "recorded_at, id", columns: [
        ("id", .text), ("ticket_id", .text), ("kind", .text), ("due_at", .integer), ("recorded_at", .integer),
    ])
    static let escalations = ArchivedTable("ticket_escalations", key: "ticket_id", order: "at, id", columns: [
        ("id", .text), ("ticket_id", .text), ("level", .integer), ("automatic", .integer), ("late", .integer), ("reason", .text),
        ("actor_id", .text), ("owner_id", .text), ("team_id", .text), ("org_path", .text), ("at", .integer),
    ])
    static let escalationProgress = ArchivedTable("ticket_escalation_progress", key: "ticket_id", order: "ticket_id", columns: [
        ("ticket_id", .text), ("clock", .text), ("breach_due_at", .integer), ("path_unit_id", .text), ("levels", .text),
        ("next_level", .integer), ("next_at", .integer),
    ])

    var record: ArchivedTable { Self.tickets }
    var children: [ArchivedTable] { [Self.comments, Self.events, Self.breaches, Self.escalations, Self.escalationProgress] + parts.flatMap(\.tables) }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        for part in parts { try await part.delete(ticketId: id, in: db) }
        if let rid = try await db.raw("SELECT rid FROM tickets WHERE id = \(bind: id)").first()?.decode(column: "rid", as: Int.self) {
            try await TicketSearchIndex.remove(db, dialect: dialect, rid: rid)
        }
        try await db.raw("DELETE FROM ticket_escalation_progress WHERE ticket_id = \(bind: id)").run()
        try await db.raw("DELETE FROM ticket_escalations WHERE ticket_id = \(bind: id)").run()
        try await db.raw("DELETE FROM ticket_breaches WHERE ticket_id = \(bind: id)").run()
        try await db.raw("DELETE FROM ticket_events WHERE ticket_id = \(bind: id)").run()
        try await db.raw("DELETE FROM ticket_comments WHERE ticket_id = \(bind: id)").run()
        try await db.raw("DELETE FROM tickets WHERE id = \(bind: id)").run()
    }
}
