import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: a vacant-unit check (PRP-07) past its period. It has no child rows and nothing points at it (the
/// audit trail keeps its own rows). Columns as of prp-002.
struct VacantCheckArchiver: PropertyArchiver {
    var kind: RetainedKind { .propertyVacantCheck }

    static let checks = ArchivedTable("property_vacant_checks", columns: [
        ("id", .text), ("number", .text), ("estate_id", .text), ("unit_id", .text), ("org_path", .text), ("checked_on", .text), ("checker", .text),
        ("doors", .text), ("windows", .text), ("water", .text), ("power", .text), ("note", .text), ("recorded_at", .integer), ("recorded_by", .text),
    ])

    var record: ArchivedTable { Self.checks }
    var children: [ArchivedTable] { [] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM property_vacant_checks WHERE id = \(bind: id)").run()
    }
}
