import Foundation
import HTTPTypes
import KefuDomain
import SQLKit

/// #17.6 RET-04: the tombstone of an archived record (`retention_archived`, platform-006). `RetentionArchive` writes one
/// per record in the transaction that deletes it, so a link to the record (a notification's, a bookmark, a number in
/// the quick search) answers "archived on D, kept in file F" instead of a bare "not found". The features ask here, in
/// one place: `gone(…)` when their record is missing, `lookup(…)`/`init(row:)` for the quick search by number.
public enum RetentionTombstones {
    public struct Tombstone: Sendable, Equatable {
        public let kind: RetainedKind
        public let recordId: String
        public let number: String
        /// The record's org path, when its kind has one: the feature shows the tombstone only in the viewer's scope.
        public let orgPath: String?
        public let archivedAt: Int64
        /// The archive file's name (`<kind>-<day>.jsonl`), in the directory the operator archived to.
        public let file: String

        public init(row: any SQLRow) throws {
            let kind = try row.decode(column: "kind", as: String.self)
            self.kind = RetainedKind(rawValue: kind) ?? .ticket
            recordId = try row.decode(column: "record_id", as: String.self)
            number = try row.decode(column: "number", as: String.self)
            orgPath = try row.decode(column: "org_path", as: String?.self)
            archivedAt = try row.decode(column: "archived_at", as: Int64.self)
            file = try row.decode(column: "file", as: String.self)
        }

        /// The organisation's day (KEFU_TIMEZONE, default Asia/Shanghai) the record was archived on.
        public var archivedOn: CivilDay { Times.day(Date(timeIntervalSince1970: Double(archivedAt) / 1000)) }

        /// The quick search's hit for the archived record (`kind` as the live record's hits), leading to `href`, whose
        /// page answers when and where it went.
        public func searchHit(kind: String, href: String, locale: AppLocale) -> SearchHit {
            SearchHit(kind: kind, id: recordId, number: number, title: Text("已归档", "Archived")(locale),
                      detail: Text("{0} 归档", "archived on {0}").with(archivedOn.iso)(locale), href: href)
        }

        /// "退换货单 TH-2023-0001 已于 2026-12-04 归档，保存在归档文件 return-2026-12-04.jsonl 中".
        public func message(_ what: Text) -> Text {
            Text("\(what.zh) \(number) 已于 \(archivedOn.iso) 归档，不再保存在系统中；记录保存在归档文件 \(file) 中",
                 "\(what.en) \(number) was archived on \(archivedOn.iso) and is no longer in Kefu; it is kept in the archive file \(file)")
        }
    }

    static let columns = "kind, record_id, number, org_path, archived_at, file"

    /// Written by `RetentionArchive` in the transaction of the delete.
    static func write(_ db: any SQLDatabase, kind: RetainedKind, id: String, number: String, orgPath: String?, file: String, at: Int64) async throws {
        try await db.raw("""
            INSERT INTO retention_archived (kind, record_id, number, org_path, archived_at, file)
            VALUES (\(bind: kind.rawValue), \(bind: id), \(bind: number), \(bind: orgPath), \(bind: at), \(bind: file))
            """).run()
    }

    /// The tombstone of the record of `kind` with this id, if it was archived.
    public static func find(kind: RetainedKind, id: String, in db: any SQLDatabase) async throws -> Tombstone? {
        try await db.raw("""
            SELECT \(unsafeRaw: columns) FROM retention_archived WHERE kind = \(bind: kind.rawValue) AND record_id = \(bind: id)
            """).first().map { try Tombstone(row: $0) }
    }

    /// The quick search's look-up of archived records of `kind` by their number (indexed: kind, number); rows for `Tombstone(row:)`.
    public static func lookup(kind: RetainedKind, number: String) -> SQLQueryString {
        "SELECT \(unsafeRaw: columns) FROM retention_archived WHERE kind = \(bind: kind.rawValue) AND number = \(bind: number)"
    }

    /// The same for several numbers a query may mean (a ticket's running number in each of the last years).
    public static func lookup(kind: RetainedKind, numbers: [String]) -> SQLQueryString {
        "SELECT \(unsafeRaw: columns) FROM retention_archived WHERE kind = \(bind: kind.rawValue) AND number IN (\(SQLList(numbers.map { SQLBind($0) })))"
    }

    /// Whether a record of `kind` numbered `number` was archived.
    public static func isArchived(kind: RetainedKind, number: String, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw(lookup(kind: kind, number: number)).first() != nil
    }

    /// Whether any record of `kind` whose number starts with `prefix` (letters, digits and dashes: no LIKE wildcard) was
    /// archived. The kind's tombstones are read off the (kind, number) index, the prefix matched as `startsWith` does: a
    /// byte range on SQLite (whose LIKE is never an index range there), LIKE on PostgreSQL, because a database in a
    /// language collation (en_US.UTF-8) ignores the dashes at first and orders "JF-202208-000001" after "JF-202208.".
    public static func anyArchived(kind: RetainedKind, numberPrefix prefix: String, dialect: StoreDialect, in db: any SQLDatabase) async throws -> Bool {
        precondition(!prefix.contains("%") && !prefix.contains("_"), "a number prefix has no LIKE wildcard")
        return try await db.raw("""
            SELECT 1 AS one FROM retention_archived WHERE kind = \(bind: kind.rawValue) AND \(dialect.startsWith("number", prefix)) LIMIT 1
            """).first() != nil
    }

    /// The error for a record of `kind` that is not found: `410 archived` with the tombstone's message when it was
    /// archived and `visible` (the feature's own scope rule, as for the live record) lets the viewer see it; else the
    /// usual `404 not_found` of `what`. The caller has already checked the viewer may see records of the kind at all.
    public static func gone(_ db: any SQLDatabase, kind: RetainedKind, id: String, what: Text,
                            visible: (Tombstone) -> Bool = { _ in true }) async throws -> AppError {
        guard let t = try await find(kind: kind, id: id, in: db), visible(t) else { return AppError.notFound(what) }
        return archived(t, what: what)
    }

    /// 410 Gone (RFC 9110 §15.5.11: the record existed and was removed on purpose, for good), code `archived`.
    public static func archived(_ t: Tombstone, what: Text) -> AppError {
        AppError(.gone, "archived", t.message(what), details: ["number": t.number, "archivedOn": t.archivedOn.iso, "file": t.file])
    }
}
