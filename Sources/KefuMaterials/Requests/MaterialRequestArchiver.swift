import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04, RET-03: a 内部联络单 closed and past its period (HQ files the copies by department), with its lines and
/// every signature (its only child rows). What names a request stays readable without it: an arrival raised against it
/// keeps its id and shows the request's number from the tombstone (`MaterialRequestService.number`), its link leading to
/// the request's page, which answers the tombstone (410 `archived`, where the viewer could see the request); the quick
/// search finds its LL number among the tombstones; the audit trail keeps its own rows; the demand-plan figures of past
/// periods count what is left; its number came from a counter, so it is never given again. Columns as of mat-014.
struct MaterialRequestArchiver: TableArchiver {
    var kind: RetainedKind { .materialRequest }
    var retained: RetentionSQL.Table { MaterialsRetentionSource.table(.materialRequest) }

    static let requests = ArchivedTable("material_requests", columns: [
        ("id", .text), ("number", .text), ("org_unit_id", .text), ("org_path", .text), ("kind", .text), ("urgency", .text), ("reason", .text),
        ("state", .text), ("version", .integer), ("source", .text), ("urgent_release", .integer), ("backfill_pending", .integer),
        ("backfilled_at", .integer), ("planner_entered_at", .integer), ("planner_due_at", .integer), ("hq_filed_at", .integer),
        ("order_ref", .text), ("supplier_id", .text), ("shipped_at", .integer), ("shipping_note", .text), ("arrived_at", .integer),
        ("closed_at", .integer), ("created_by", .text), ("created_at", .integer), ("updated_at", .integer),
    ])
    static let lines = ArchivedTable("material_request_lines", key: "request_id", order: "line_no", columns: [
        ("request_id", .text), ("line_no", .integer), ("item_id", .text), ("quantity", .integer), ("note", .text),
    ])
    static let signatures = ArchivedTable("material_request_signatures", key: "request_id", order: "seq", columns: [
        ("request_id", .text), ("seq", .integer), ("action", .text), ("from_state", .text), ("to_state", .text), ("version", .integer),
        ("user_id", .text), ("comment", .text), ("at", .integer),
    ])

    var record: ArchivedTable { Self.requests }
    var children: [ArchivedTable] { [Self.lines, Self.signatures] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM material_request_lines WHERE request_id = \(bind: id)").run()
        try await db.raw("DELETE FROM material_request_signatures WHERE request_id = \(bind: id)").run()
        try await db.raw("DELETE FROM material_requests WHERE id = \(bind: id)").run()
    }
}
