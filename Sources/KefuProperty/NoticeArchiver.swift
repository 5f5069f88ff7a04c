import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04, RET-03: a 交费通知单 settled and past its period (3 years from its last payment), with its lines, its
/// payments and its chase notes (its only child rows). What names a notice stays readable without it: the month's
/// collection figures (`property_collection`) are sums kept apart and do not change; the audit trail keeps its own rows;
/// its page and API answer its tombstone (410 `archived`, in the estate's read scope) and the quick search finds its
/// JF number among the tombstones. Its month's notice run is closed from then on (`PropertyService.generate`, 409
/// `notice_month_archived`): the run bills every unit without a notice that month and numbers from the month's count,
/// so it would bill the archived units again under numbers already given. Columns as of prp-006.
struct NoticeArchiver: PropertyArchiver {
    var kind: RetainedKind { .propertyNotice }

    static let notices = ArchivedTable("property_notices", columns: [
        ("id", .text), ("number", .text), ("estate_id", .text), ("unit_id", .text), ("org_path", .text), ("month", .text), ("batch_id", .text),
        ("billed_fen", .integer), ("paid_fen", .integer), ("settled", .integer), ("created_at", .integer), ("created_by", .text),
        ("settled_at", .integer), // prp-006
    ])
    static let lines = ArchivedTable("property_notice_lines", key: "notice_id", order: "sort, fee", columns: [
        ("notice_id", .text), ("fee", .text), ("kind", .text), ("basis", .text), ("rate_e4", .integer), ("base_fen", .integer),
        ("area_centi", .integer), ("amount_fen", .integer), ("paid_fen", .integer), ("sort", .integer),
    ])
    static let payments = ArchivedTable("property_payments", key: "notice_id", order: "recorded_at, id", columns: [
        ("id", .text), ("notice_id", .text), ("amount_fen", .integer), ("method", .text), ("receipt_no", .text), ("paid_on", .text),
        ("note", .text), ("recorded_at", .integer), ("recorded_by", .text),
    ])
    static let chases = ArchivedTable("property_chases", key: "notice_id", order: "chased_at, id", columns: [
        ("id", .text), ("notice_id", .text), ("chased_on", .text), ("method", .text), ("result", .text), ("chased_at", .integer),
        ("chased_by", .text),
    ])

    var record: ArchivedTable { Self.notices }
    var children: [ArchivedTable] { [Self.lines, Self.payments, Self.chases] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await db.raw("DELETE FROM property_notice_lines WHERE notice_id = \(bind: id)").run()
        try await db.raw("DELETE FROM property_payments WHERE notice_id = \(bind: id)").run()
        try await db.raw("DELETE FROM property_chases WHERE notice_id = \(bind: id)").run()
        try await db.raw("DELETE FROM property_notices WHERE id = \(bind: id)").run()
    }
}
