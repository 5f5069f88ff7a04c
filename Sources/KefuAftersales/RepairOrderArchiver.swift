import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04, RET-01: a repair order closed and past its period (3 years from closing), that no survey invitation
/// names (`AftersalesRetentionSource`), with its units (serial numbers and defects) and its QC results; the fee, the
/// customer's decision and the dispatch are columns of its own row. What names an order stays readable without it:
/// its hand-offs (`RepairHandOffs`) are the service desk's notification rows linking to `/repair-orders/{id}`, which
/// now answers its tombstone (410 `archived`, in the viewer's after-sales scope); the quick search finds its number
/// (WX…) among the tombstones; the audit trail keeps its own rows; the ticket it came from is not changed (the order
/// names the ticket); its number came from a counter, so it is never given again. Columns as of aftersales-002.
struct RepairOrderArchiver: TableArchiver {
    var kind: RetainedKind { .repairOrder }
    var retained: RetentionSQL.Table { AftersalesRetentionSource.table(.repairOrder) }

    static let orders = ArchivedTable("repair_orders", columns: [
        ("id", .text), ("number", .text), ("ticket_id", .text), ("customer_id", .text), ("customer_name", .text), ("customer_phone", .text),
        ("model", .text), ("quantity", .integer), ("shipped_at", .text), ("status", .text), ("main_component_damaged", .integer),
        ("in_warranty", .integer), ("diagnosis_note", .text), ("fee_fen", .integer), ("feedback_number", .text), ("decision_approved", .integer),
        ("decision_signed_by", .text), ("decision_at", .integer), ("charge_slip_number", .text), ("qc_passed_at", .integer), ("ship_method", .text),
        ("tracking_number", .text), ("dispatch_number", .text), ("dispatched_at", .integer), ("closed_at", .integer), ("org_unit_id", .text),
        ("org_path", .text), ("received_at", .integer), ("created_by", .text), ("updated_at", .integer),
    ])
    static let units = ArchivedTable("repair_units", key: "repair_order_id", order: "line_no", columns: [
        ("id", .text), ("repair_order_id", .text), ("line_no", .integer), ("serial_number", .text), ("defect", .text),
    ])
    static let qc = ArchivedTable("repair_qc", key: "repair_order_id", order: "at, id", columns: [
        ("id", .text), ("repair_order_id", .text), ("passed", .integer), ("note", .text), ("inspector_id", .text), ("at", .integer),
    ])

    var record: ArchivedTable { Self.orders }
    var children: [ArchivedTable] { [Self.units, Self.qc] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM repair_units WHERE repair_order_id = \(bind: id)").run()
        try await db.raw("DELETE FROM repair_qc WHERE repair_order_id = \(bind: id)").run()
        try await db.raw("DELETE FROM repair_orders WHERE id = \(bind: id)").run()
    }
}
