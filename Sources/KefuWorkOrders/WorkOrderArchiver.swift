import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: a work order completed (signed, WO-07) and past its period (RET-02: 2 years from completion), with the
/// requester's signature (`work_order_signatures`, its only child rows). What else names an order stays readable
/// without it, as history: the issue document of its materials (出库, #14 item 1) names it by number in its remark, the
/// audit trail keeps its own rows, the ticket it was issued from is not changed (the order names the ticket, not the
/// other way round), and its number came from a counter, so it is never given again. No notification links to an
/// order, no attachment belongs to one, and the shift handover shows only open orders. An order completed but never
/// visited back (WO-11) leaves the WO-10 follow-up list when archived, two years after; the technicians' assessment of
/// a past period counts what is left. Columns as of wo-003.
struct WorkOrderArchiver: TableArchiver {
    var kind: RetainedKind { .workOrder }
    var retained: RetentionSQL.Table { WorkOrderRetentionSource.table }

    static let orders = ArchivedTable("work_orders", columns: [
        ("id", .text), ("number", .text), ("ticket_id", .text), ("ticket_number", .text), ("kind", .text), ("location", .text),
        ("description", .text), ("requester_name", .text), ("requester_phone", .text), ("org_unit_id", .text), ("org_path", .text),
        ("status", .text), ("issued_by", .text), ("issued_at", .integer), ("appointment_at", .text), ("appointment_note", .text),
        ("technician_id", .text), ("accepted_at", .integer), ("arrive_due_at", .integer), ("departed_at", .integer), ("arrived_at", .integer),
        ("started_at", .integer), ("finished_at", .integer), ("work_notes", .text), ("materials_used", .text), ("completed_at", .integer),
        ("completed_on", .text), ("return_visit_at", .integer), ("return_visit_by", .text), ("return_visit_note", .text), ("updated_at", .integer),
        ("area", .text), ("assigned_to", .text), ("assigned_by", .text),                    // wo-002
        ("materials_document_id", .text), ("materials_document_number", .text),            // wo-003
    ])
    static let signatures = ArchivedTable("work_order_signatures", key: "order_id", order: "order_id", columns: [
        ("order_id", .text), ("signer_name", .text), ("signer_relation", .text), ("image_base64", .text), ("image_bytes", .integer),
        ("image_sha256", .text), ("content_sha256", .text), ("collected_by", .text), ("signed_at", .integer),
    ])

    var record: ArchivedTable { Self.orders }
    var children: [ArchivedTable] { [Self.signatures] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM work_order_signatures WHERE order_id = \(bind: id)").run()
        try await db.raw("DELETE FROM work_orders WHERE id = \(bind: id)").run()
    }
}
