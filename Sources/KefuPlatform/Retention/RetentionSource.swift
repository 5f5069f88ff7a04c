import Foundation
import KefuDomain
import SQLKit

/// RET-01..RET-04: the port through which each feature answers for its own filed records; the composition root fills
/// the report with one source per feature, so no feature reads another's tables.
public protocol RetentionSource: Sendable {
    /// The kinds this source keeps, in the order the report shows them.
    var kinds: [RetainedKind] { get }
    /// How many records of the window's kind closed (posted) before its instant and are under no active legal hold
    /// (#17.6), and the oldest closing instant.
    func count(_ window: RetentionWindow, in db: any SQLDatabase) async throws -> RetentionCount
    /// Those records, oldest first, one page of them.
    func records(_ window: RetentionWindow, paging: Paging, in db: any SQLDatabase) async throws -> [RetainedRecord]
    /// #17.6 legal holds: the record of `kind` with this id (or, failing that, this number), open or closed; nil if none.
    /// `lock` (PostgreSQL's `FOR UPDATE`, `StoreDialect.rowLock`) keeps its row until the transaction ends, so a hold and
    /// an archive of the same record never cross: whichever commits second sees the other.
    func record(_ kind: RetainedKind, id: String, lock: String, in db: any SQLDatabase) async throws -> RetainedRecordRef?
    /// #17.6: how `kefu retention archive` moves this kind's due records out of the database, or nil when Kefu does not
    /// archive the kind (yet): its records stay, and archiving them is the operator's step. Default: nil.
    func archiver(_ kind: RetainedKind) -> (any RetentionArchiver)?
}

extension RetentionSource {
    public func archiver(_ kind: RetainedKind) -> (any RetentionArchiver)? { nil }
}

/// A source whose kinds each live in a table of their own (`RetentionSQL.Table`): its reads are the shared SQL.
public protocol TableRetentionSource: RetentionSource {
    func table(_ kind: RetainedKind) -> RetentionSQL.Table
}

extension TableRetentionSource {
    public func count(_ window: RetentionWindow, in db: any SQLDatabase) async throws -> RetentionCount {
        try await RetentionSQL.count(table(window.kind), window, in: db)
    }

    public func records(_ window: RetentionWindow, paging: Paging, in db: any SQLDatabase) async throws -> [RetainedRecord] {
        try await RetentionSQL.records(table(window.kind), window, paging: paging, in: db)
    }

    public func record(_ kind: RetainedKind, id: String, lock: String, in db: any SQLDatabase) async throws -> RetainedRecordRef? {
        try await RetentionSQL.record(table(kind), id: id, lock: lock, in: db) // #17.6 legal holds
    }
}

/// #17.6 the archive capability of a source for one kind: the feature names its due records, writes each with its
/// child rows as one JSON object, and deletes exactly those rows; `RetentionArchive` runs it in one transaction per
/// batch, after the JSON lines are on disk.
public protocol RetentionArchiver: Sendable {
    /// Up to `limit` records of the window (past the period, under no active hold), oldest first, with their closing
    /// instants, their rows locked (`lock`, PostgreSQL) until the transaction ends.
    func due(_ window: RetentionWindow, limit: Int, lock: String, in db: any SQLDatabase) async throws -> [(id: String, closedAt: Int64)]
    /// The record's row and its child rows: `{"record": {…}, "children": {"<table>": [{…}, …]}}`.
    func export(id: String, in db: any SQLDatabase) async throws -> JSONValue
    /// Deletes the record's child rows and its row; `dialect` for a statement that differs by engine.
    func delete(id: String, in db: any SQLDatabase, dialect: StoreDialect) async throws
    /// The record's number as people know it (the report's), for its tombstone (`RetentionTombstones`), read before the
    /// delete; the record's `org_path`, when it has one, goes there too.
    func tombstoneNumber(id: String, in db: any SQLDatabase) async throws -> String?
}

/// #17.6: what the report asks a source for one kind: the records closed before `before` (epoch milliseconds, the
/// start of the day after the cut-off day of the kind's effective period), leaving out those under a hold active on `today`.
public struct RetentionWindow: Sendable {
    public let kind: RetainedKind
    public let before: Int64
    public let today: CivilDay

    public init(kind: RetainedKind, before: Int64, today: CivilDay) {
        self.kind = kind
        self.before = before
        self.today = today
    }
}

/// #17.6: a record named by a hold, as people know it.
public struct RetainedRecordRef: Sendable {
    public let id: String
    public let number: String
    public let href: String?

    public init(id: String, number: String, href: String?) {
        self.id = id
        self.number = number
        self.href = href
    }
}

public struct RetentionCount: Sendable {
    public let count: Int
    public let oldestClosedAt: Int64?

    public init(count: Int, oldestClosedAt: Int64?) {
        self.count = count
        self.oldestClosedAt = oldestClosedAt
    }
}

/// One record past its period: its number as people know it, when it was closed, and where to open it.
public struct RetainedRecord: Sendable, Encodable {
    public let id: String
    public let number: String
    public let closedAt: String
    public let closedAtMillis: Int64
    public let href: String?

    public init(id: String, number: String, closedAtMillis: Int64, href: String?) {
        self.id = id
        self.number = number
        self.closedAt = Times.rfc3339(closedAtMillis)
        self.closedAtMillis = closedAtMillis
        self.href = href
    }

    enum CodingKeys: String, CodingKey { case id, number, closedAt, href }
}

/// The two reads every source makes on its own table: the feature names its table and columns, this writes the SQL.
public enum RetentionSQL {
    /// `table` holds the records; `closed` is the BIGINT column of the closing instant; `condition` narrows to the
    /// closed (posted) rows of the kind, e.g. `status = 'audited'`.
    public struct Table: Sendable {
        public let table: String
        public let closed: String
        public let number: String
        public let condition: String
        public let href: @Sendable (String) -> String?

        public init(table: String, closed: String, number: String = "number", condition: String = "1 = 1",
                    href: @escaping @Sendable (String) -> String?) {
            self.table = table
            self.closed = closed
            self.number = number
            self.condition = condition
            self.href = href
        }
    }

    /// #17.6: the rows of the window — closed before its instant, of the kind's condition, under no active hold (the
    /// platform's `retention_holds`, kept by `RetentionSettings`).
    static func due(_ t: Table, _ w: RetentionWindow) -> SQLQueryString {
        """
        \(unsafeRaw: t.closed) IS NOT NULL AND \(unsafeRaw: t.closed) < \(bind: w.before) AND (\(unsafeRaw: t.condition))
        AND NOT EXISTS (SELECT 1 FROM retention_holds h WHERE h.kind = \(bind: w.kind.rawValue) AND h.record_id = \(unsafeRaw: t.table).id
                        AND \(RetentionSettings.activeHold(today: w.today, alias: "h.")))
        """
    }

    public static func count(_ t: Table, _ w: RetentionWindow, in db: any SQLDatabase) async throws -> RetentionCount {
        let row = try await db.raw("""
            SELECT COUNT(*) AS n, MIN(\(unsafeRaw: t.closed)) AS oldest FROM \(unsafeRaw: t.table) WHERE \(due(t, w))
            """).first()
        return RetentionCount(count: try row?.decode(column: "n", as: Int.self) ?? 0, oldestClosedAt: try row?.decode(column: "oldest", as: Int64?.self))
    }

    public static func records(_ t: Table, _ w: RetentionWindow, paging: Paging, in db: any SQLDatabase) async throws -> [RetainedRecord] {
        try await db.raw("""
            SELECT id, \(unsafeRaw: t.number) AS number, \(unsafeRaw: t.closed) AS closed FROM \(unsafeRaw: t.table)
            WHERE \(due(t, w))
            ORDER BY \(unsafeRaw: t.closed), id LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            return RetainedRecord(id: id, number: try row.decode(column: "number", as: String.self),
                                  closedAtMillis: try row.decode(column: "closed", as: Int64.self), href: t.href(id))
        }
    }

    /// #17.6: the record with this id, or else with this number (open or closed: a hold may precede the closing).
    public static func record(_ t: Table, id: String, lock: String = "", in db: any SQLDatabase) async throws -> RetainedRecordRef? {
        guard let row = try await db.raw("""
            SELECT id, \(unsafeRaw: t.number) AS number FROM \(unsafeRaw: t.table)
            WHERE id = \(bind: id) OR \(unsafeRaw: t.number) = \(bind: id)
            ORDER BY CASE WHEN id = \(bind: id) THEN 0 ELSE 1 END, id LIMIT 1\(unsafeRaw: lock)
            """).first() else { return nil }
        let found = try row.decode(column: "id", as: String.self)
        return RetainedRecordRef(id: found, number: try row.decode(column: "number", as: String.self), href: t.href(found))
    }

    /// #17.6: the window's ids and closing instants, oldest first, locked for the archive's transaction.
    public static func due(_ t: Table, _ w: RetentionWindow, limit: Int, lock: String, in db: any SQLDatabase) async throws -> [(id: String, closedAt: Int64)] {
        try await db.raw("""
            SELECT id, \(unsafeRaw: t.closed) AS closed FROM \(unsafeRaw: t.table) WHERE \(due(t, w))
            ORDER BY \(unsafeRaw: t.closed), id LIMIT \(bind: limit)\(unsafeRaw: lock)
            """).all().map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "closed", as: Int64.self)) }
    }

    /// #17.6: rows as JSON objects, with the columns named (in order) and typed by the feature that owns them.
    public static func json(_ db: any SQLDatabase, _ query: SQLQueryString, columns: [(String, ArchiveColumn)]) async throws -> [JSONValue] {
        try await db.raw(query).all().map { row in
            .object(try columns.map { name, type in
                switch type {
                case .text: return (name, try row.decode(column: name, as: String?.self).map(JSONValue.string) ?? .null)
                case .integer: return (name, try row.decode(column: name, as: Int64?.self).map { JSONValue.number(Int($0)) } ?? .null)
                // As `kefu export` writes bytes (JSONLCell): {"$base64": "…"}.
                case .bytes: return (name, try row.decode(column: name, as: Data?.self).map { .object([(JSONLCell.blobKey, .string($0.base64EncodedString()))]) } ?? .null)
                }
            })
        }
    }

    public enum ArchiveColumn: Sendable { case text, integer, bytes }
}
