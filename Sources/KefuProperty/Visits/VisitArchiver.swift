import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: a supervisor's visit to residents (SAT-10) with nothing left to follow up, past its period. It has no
/// child rows and nothing points at it (it names its unit; the audit trail keeps its own rows). Columns as of prp-009.
struct VisitArchiver: PropertyArchiver {
    var kind: RetainedKind { .propertyVisit }

    static let visits = ArchivedTable("property_visits", columns: [
        ("id", .text), ("number", .text), ("estate_id", .text), ("org_path", .text), ("unit_id", .text), ("building", .text), ("room", .text),
        ("resident_name", .text), ("visited_on", .text), ("visited_time", .text), ("opinions", .text), ("satisfaction", .integer),
        ("follow_up_status", .text), ("follow_up", .text), ("follow_up_owner", .text), ("follow_up_note", .text),
        ("follow_up_closed_at", .integer), ("follow_up_closed_by", .text), ("recorded_at", .integer), ("recorded_by", .text),
    ])

    var record: ArchivedTable { Self.visits }
    var children: [ArchivedTable] { [] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM property_visits WHERE id = \(bind: id)").run()
    }
}
