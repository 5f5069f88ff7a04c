import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: the property records `kefu retention archive` moves out of the database once past their effective
/// period and under no legal hold: building patrols (with their findings) and vacant-unit checks. They are written in
/// full before they are deleted (`RetentionArchive`); nothing else points at them (a finding's ticket is referred to by
/// its number, the audit trail keeps its own rows). The columns are listed here, typed, as the migrations made them
/// (prp-002): a column added to these tables later must be added here too.
struct PropertyRetentionArchiver: RetentionArchiver {
    let kind: RetainedKind

    static let patrolColumns: [(String, RetentionSQL.ArchiveColumn)] = [
        ("id", .text), ("number", .text), ("estate_id", .text), ("org_path", .text), ("patrolled_on", .text), ("patrolled_time", .text),
        ("buildings", .text), ("patroller", .text), ("status", .text), ("findings", .integer), ("note", .text), ("recorded_at", .integer),
        ("recorded_by", .text),
    ]
    static let findingColumns: [(String, RetentionSQL.ArchiveColumn)] = [
        ("patrol_id", .text), ("sort", .integer), ("location", .text), ("description", .text), ("disposition", .text), ("ticket_ref", .text),
    ]
    static let vacantCheckColumns: [(String, RetentionSQL.ArchiveColumn)] = [
        ("id", .text), ("number", .text), ("estate_id", .text), ("unit_id", .text), ("org_path", .text), ("checked_on", .text), ("checker", .text),
        ("doors", .text), ("windows", .text), ("water", .text), ("power", .text), ("note", .text), ("recorded_at", .integer), ("recorded_by", .text),
    ]

    func due(_ window: RetentionWindow, limit: Int, lock: String, in db: any SQLDatabase) async throws -> [(id: String, closedAt: Int64)] {
        try await RetentionSQL.due(PropertyRetentionSource.table(kind), window, limit: limit, lock: lock, in: db)
    }

    func export(id: String, in db: any SQLDatabase) async throws -> JSONValue {
        if kind == .propertyPatrol {
            let record = try await RetentionSQL.json(db, "SELECT * FROM property_patrols WHERE id = \(bind: id)", columns: Self.patrolColumns)
            let findings = try await RetentionSQL.json(db, "SELECT * FROM property_patrol_findings WHERE patrol_id = \(bind: id) ORDER BY sort",
                                                       columns: Self.findingColumns)
            return .object([("record", record.first ?? .null), ("children", .object([("property_patrol_findings", .array(findings))]))])
        }
        let record = try await RetentionSQL.json(db, "SELECT * FROM property_vacant_checks WHERE id = \(bind: id)", columns: Self.vacantCheckColumns)
        return .object([("record", record.first ?? .null), ("children", .object([]))])
    }

    func delete(id: String, in db: any SQLDatabase) async throws {
        if kind == .propertyPatrol {
            try await db.raw("DELETE FROM property_patrol_findings WHERE patrol_id = \(bind: id)").run()
            try await db.raw("DELETE FROM property_patrols WHERE id = \(bind: id)").run()
        } else {
            try await db.raw("DELETE FROM property_vacant_checks WHERE id = \(bind: id)").run()
        }
    }
}
