import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04, RET-03: an estate event (ESC-03, important or emergency) closed and past its period, with its follow-up
/// notes (`property_event_notes`, its only child rows). What names an event stays readable: the hand-off that reported
/// or assigned it is the service desk's notification row linking to `/property/events/{id}` — that page and
/// `GET /api/v1/property/events/{id}` now answer the event's tombstone (410 `archived`, `RetentionTombstones`, to whom
/// may read the estate's events) instead of a bare 404, and the quick search by its number (SJ-…) finds the tombstone;
/// the audit trail keeps its own rows; no other table names an event (the list's 2-hour lateness reads open events
/// only); its number came from a counter, so it is never given again. Columns as of prp-005.
struct PropertyEventArchiver: PropertyArchiver {
    var kind: RetainedKind { .propertyEvent }

    static let events = ArchivedTable("property_events", columns: [
        ("id", .text), ("number", .text), ("estate_id", .text), ("org_path", .text), ("kind", .text), ("severity", .text), ("title", .text),
        ("location", .text), ("occurred_on", .text), ("occurred_time", .text), ("description", .text), ("status", .text), ("assignee_id", .text),
        ("reported_to", .text), ("reported_at", .integer), ("first_follow_up_at", .integer), ("follow_ups", .integer), ("result", .text),
        ("closed_at", .integer), ("closed_by", .text), ("recorded_at", .integer), ("recorded_by", .text),
    ])
    static let notes = ArchivedTable("property_event_notes", key: "event_id", order: "seq", columns: [
        ("event_id", .text), ("seq", .integer), ("note", .text), ("noted_at", .integer), ("noted_by", .text),
    ])

    var record: ArchivedTable { Self.events }
    var children: [ArchivedTable] { [Self.notes] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM property_event_notes WHERE event_id = \(bind: id)").run()
        try await db.raw("DELETE FROM property_events WHERE id = \(bind: id)").run()
    }
}
