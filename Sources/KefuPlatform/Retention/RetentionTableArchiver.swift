import KefuDomain
import SQLKit

/// #17.6 RET-04: what every archiver shares. Each kind `kefu retention archive` moves out of the database has a small
/// archiver of its own, next to its feature's code, naming its record table and the tables of its child rows, with
/// every column listed, typed, as the migrations made them: a column added to one of these tables later must be added
/// there too (`RetentionArchiveColumnTests` holds the lists to the migrated tables on both engines). The records are
/// written in full before they are deleted (`RetentionArchive`). Each archiver deletes with its own literal
/// `DELETE FROM <table>`, so the RET-04 house rule (`RetainedRecordsDeleteRuleTests`) sees every delete by name.
public protocol TableArchiver: RetentionArchiver {
    var kind: RetainedKind { get }
    /// The kind's table as its source reports it (`TableRetentionSource.table`): the due records are the report's.
    var retained: RetentionSQL.Table { get }
    /// The record's own table, keyed by `id`.
    var record: ArchivedTable { get }
    /// The tables of its child rows, each keyed by the column naming the record; nothing outside them points at it.
    var children: [ArchivedTable] { get }
}

/// One table an archiver writes out: its rows of the record (`key` = the record's id), in `order`, every column typed.
/// A grandchild table names a child row rather than the record: `through` is that child table and its column naming
/// the record (`key` then names the child row's id).
/// A table shared by several kinds of owner (the platform's `attachments`) narrows its rows with `filter`.
public struct ArchivedTable: Sendable {
    public let name: String
    public let key: String
    public let through: (table: String, key: String)?
    public let filter: String?
    public let order: String
    public let columns: [(String, RetentionSQL.ArchiveColumn)]

    public init(_ name: String, key: String = "id", through: (table: String, key: String)? = nil, filter: String? = nil, order: String = "id",
                columns: [(String, RetentionSQL.ArchiveColumn)]) {
        self.name = name
        self.key = key
        self.through = through
        self.filter = filter
        self.order = order
        self.columns = columns
    }

    public func rows(of id: String, in db: any SQLDatabase) async throws -> [JSONValue] {
        let match: SQLQueryString = through.map { "IN (SELECT id FROM \(unsafeRaw: $0.table) WHERE \(unsafeRaw: $0.key) = \(bind: id))" } ?? "= \(bind: id)"
        let narrowed = filter.map { " AND \($0)" } ?? ""
        return try await RetentionSQL.json(db, "SELECT * FROM \(unsafeRaw: name) WHERE \(unsafeRaw: key) \(match)\(unsafeRaw: narrowed) ORDER BY \(unsafeRaw: order)",
                                           columns: columns)
    }
}

extension TableArchiver {
    /// The report's number of the record (`retained.number`: a column, or an expression over the record's row).
    public func tombstoneNumber(id: String, in db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT \(unsafeRaw: retained.number) AS number FROM \(unsafeRaw: retained.table) WHERE id = \(bind: id)").first()?
            .decode(column: "number", as: String?.self)
    }

    public func due(_ window: RetentionWindow, limit: Int, lock: String, in db: any SQLDatabase) async throws -> [(id: String, closedAt: Int64)] {
        try await RetentionSQL.due(retained, window, limit: limit, lock: lock, in: db)
    }

    /// `{"record": {…}, "children": {"<table>": [{…}, …]}}`, the children in the archiver's order.
    public func export(id: String, in db: any SQLDatabase) async throws -> JSONValue {
        let row = try await record.rows(of: id, in: db).first ?? .null
        var tables: [(String, JSONValue)] = []
        for child in children { tables.append((child.name, .array(try await child.rows(of: id, in: db)))) }
        return .object([("record", row), ("children", .object(tables))])
    }
}
