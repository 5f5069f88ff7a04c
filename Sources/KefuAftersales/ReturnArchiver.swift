import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04, RET-01: a return or exchange closed and past its period (3 years from closing). A return has no child
/// rows: its steps are columns of its own row (inspection, override, red copy, the salesperson's note, signature,
/// booking, the replacement's shipping). What names a return stays readable: its hand-offs (`ReturnHandOffs`) are the
/// service desk's notification rows linking to `/returns/{id}` — that page and `GET /api/v1/returns/{id}` now answer
/// the return's tombstone (410 `archived`, `RetentionTombstones`, in the viewer's after-sales scope) instead of a bare
/// 404, and the quick search finds its number (TH…) among the tombstones; the audit trail keeps its own rows; the
/// ticket it came from is not changed (the return names the ticket, not the other way round; the ticket's related
/// records simply no longer list it); nothing else references `returns`; its number came from a counter, so it is
/// never given again. Columns as of aftersales-002 (aftersales-004 only indexed it).
struct ReturnArchiver: TableArchiver {
    var kind: RetainedKind { .returnRecord }
    var retained: RetentionSQL.Table { AftersalesRetentionSource.table(.returnRecord) }

    static let returns = ArchivedTable("returns", columns: [
        ("id", .text), ("number", .text), ("kind", .text), ("ticket_id", .text), ("customer_name", .text), ("model", .text),
        ("serial_number", .text), ("purchase_date", .text), ("shipped_at", .text), ("requested_on", .text), ("reason", .text),
        ("quality_issue", .integer), ("status", .text), ("inspection_report", .text), ("responsibility", .text), ("eligible", .integer),
        ("override_reason", .text), ("override_by", .text), ("slip_number", .text), ("salesperson_id", .text), ("salesperson_ship_date", .text),
        ("salesperson_note", .text), ("signed_by", .text), ("signed_at", .integer), ("booked_by", .text), ("booked_at", .integer),
        ("replacement_shipped_at", .integer), ("replacement_tracking", .text), ("goods_received_at", .integer), ("closed_at", .integer),
        ("org_unit_id", .text), ("org_path", .text), ("created_by", .text), ("created_at", .integer), ("updated_at", .integer),
    ])

    var record: ArchivedTable { Self.returns }
    var children: [ArchivedTable] { [] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM returns WHERE id = \(bind: id)").run()
    }
}
