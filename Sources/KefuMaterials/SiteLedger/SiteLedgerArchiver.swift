import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04, RET-03: a site's daily ledger (流水账) posted and past its period, with its lines, its links to the
/// documents its posting drafted (LED-05) and its files — the scan of the signed print (LED-06), a packing list —
/// whose bytes stay in the attachment store under the SHA-256 the line records (`Attachments.archivedTable`). What
/// names a day stays readable without it: the drafted stock documents keep their own rows (their remark names the
/// warehouse and the day, "现场流水账 A1G 2026-12-01"); its page and API answer its tombstone, numbered as the report
/// numbers a day ("A1G 2026-12-01"), 410 `archived` to whom could see the day; no new day can be written for that
/// warehouse and date (409 `ledger_day_archived`), so a day is never kept twice. A month's reconciliation already
/// recorded keeps its figures; one first viewed after its days were archived counts no ledger lines for them.
/// Columns as of mat-005.
struct SiteLedgerArchiver: TableArchiver {
    var kind: RetainedKind { .siteLedger }
    var retained: RetentionSQL.Table { MaterialsRetentionSource.table(.siteLedger) }

    static let days = ArchivedTable("site_ledger_days", columns: [
        ("id", .text), ("warehouse_id", .text), ("org_path", .text), ("ledger_date", .text), ("status", .text), ("late", .integer),
        ("late_reason", .text), ("return_comment", .text), ("created_by", .text), ("created_at", .integer), ("updated_at", .integer),
        ("submitted_by", .text), ("submitted_at", .integer), ("posted_by", .text), ("posted_at", .integer), ("filed_by", .text),
        ("filed_at", .integer),
    ])
    static let lines = ArchivedTable("site_ledger_lines", key: "ledger_id", order: "line_no", columns: [
        ("ledger_id", .text), ("line_no", .integer), ("kind", .text), ("item_id", .text), ("quantity_in", .integer), ("quantity_out", .integer),
        ("remark", .text), ("reference", .text), ("supplier_id", .text),
    ])
    static let documents = ArchivedTable("site_ledger_documents", key: "ledger_id", order: "document_id", columns: [
        ("ledger_id", .text), ("document_id", .text),
    ])
    static let files = Attachments.archivedTable(ownerKind: SiteLedgerAttachments.ownerKind)

    var record: ArchivedTable { Self.days }
    var children: [ArchivedTable] { [Self.lines, Self.documents, Self.files] }

    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws {
        try await Attachments.deleteArchived(ownerKind: SiteLedgerAttachments.ownerKind, ownerId: id, in: db)
        try await db.raw("DELETE FROM site_ledger_lines WHERE ledger_id = \(bind: id)").run()
        try await db.raw("DELETE FROM site_ledger_documents WHERE ledger_id = \(bind: id)").run()
        try await db.raw("DELETE FROM site_ledger_days WHERE id = \(bind: id)").run()
    }
}
