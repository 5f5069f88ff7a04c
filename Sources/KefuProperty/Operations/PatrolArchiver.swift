import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: a building patrol (PRP-07) past its period, with its findings. Nothing else points at a patrol (a
/// finding's ticket is referred to by its number; the audit trail keeps its own rows). Columns as of prp-002.
struct PatrolArchiver: PropertyArchiver {
    var kind: RetainedKind { .propertyPatrol }

    static let patrols = ArchivedTable("property_patrols", columns: [
        ("id", .text), ("number", .text), ("estate_id", .text), ("org_path", .text), ("patrolled_on", .text), ("patrolled_time", .text),
        ("buildings", .text), ("patroller", .text), ("status", .text), ("findings", .integer), ("note", .text), ("recorded_at", .integer),
        ("recorded_by", .text),
    ])
    static let findings = ArchivedTable("property_patrol_findings", key: "patrol_id", order: "sort", columns: [
        ("patrol_id", .text), ("sort", .integer), ("location", .text), ("description", .text), ("disposition", .text), ("ticket_ref", .text),
    ])

    var record: ArchivedTable { Self.patrols }
    var children: [ArchivedTable] { [Self.findings] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM property_patrol_findings WHERE patrol_id = \(bind: id)").run()
        try await db.raw("DELETE FROM property_patrols WHERE id = \(bind: id)").run()
    }
}
