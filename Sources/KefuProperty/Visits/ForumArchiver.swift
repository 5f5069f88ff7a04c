import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: an owner forum (SAT-10) closed or cancelled and past its period, with the resolutions taken there.
/// Nothing else points at a forum (the audit trail keeps its own rows). Columns as of prp-009.
struct ForumArchiver: PropertyArchiver {
    var kind: RetainedKind { .propertyForum }

    static let forums = ArchivedTable("property_forums", columns: [
        ("id", .text), ("number", .text), ("estate_id", .text), ("org_path", .text), ("status", .text), ("held_on", .text), ("held_time", .text),
        ("place", .text), ("topic", .text), ("host", .text), ("attendee_count", .integer), ("attendees", .text), ("minutes", .text),
        ("cancel_reason", .text), ("resolutions", .integer), ("resolutions_open", .integer), ("changed_at", .integer), ("recorded_at", .integer),
        ("recorded_by", .text),
    ])
    static let resolutions = ArchivedTable("property_forum_resolutions", key: "forum_id", order: "seq", columns: [
        ("forum_id", .text), ("seq", .integer), ("content", .text), ("owner", .text), ("due_on", .text), ("closed_note", .text),
        ("closed_at", .integer), ("closed_by", .text), ("recorded_at", .integer), ("recorded_by", .text),
    ])

    var record: ArchivedTable { Self.forums }
    var children: [ArchivedTable] { [Self.resolutions] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM property_forum_resolutions WHERE forum_id = \(bind: id)").run()
        try await db.raw("DELETE FROM property_forums WHERE id = \(bind: id)").run()
    }
}
