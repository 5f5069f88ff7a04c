import KefuDomain
import KefuPlatform
import SQLKit

/// #17.6 RET-04: what the property archivers share. Each kind `kefu retention archive` moves out of the database has a
/// small archiver of its own (next to its feature's code) naming its record table and the tables of its child rows,
/// with every column listed, typed, as the migrations made them: a column added to one of these tables later must be
/// added there too (`RetentionArchiveColumnTests` holds the lists to the migrated tables on both engines). The records
/// are written in full before they are deleted (`RetentionArchive`). Each archiver deletes with its own literal
/// `DELETE FROM <table>`, so the RET-04 house rule (`RetainedRecordsDeleteRuleTests`) sees every delete by name.
protocol PropertyArchiver: RetentionArchiver {
    var kind: RetainedKind { get }
    /// The record's own table, keyed by `id`.
    var record: ArchivedTable { get }
    /// The tables of its child rows, each keyed by the column naming the record; nothing outside them points at it.
    var children: [ArchivedTable] { get }
}

/// One table an archiver writes out: its rows of the record (`key` = the record's id), in `order`, every column typed.
struct ArchivedTable: Sendable {
    let name: String
    let key: String
    let order: String
    let columns: [(String, RetentionSQL.ArchiveColumn)]

    init(_ name: String, key: String = "id", order: String = "id", columns: [(String, RetentionSQL.ArchiveColumn)]) {
        self.name = name
        self.key = key
        self.order = order
        self.columns = columns
    }

    func rows(of id: String, in db: any SQLDatabase) async throws -> [JSONValue] {
        try await RetentionSQL.json(db, "SELECT * FROM \(unsafeRaw: name) WHERE \(unsafeRaw: key) = \(bind: id) ORDER BY \(unsafeRaw: order)",
                                    columns: columns)
    }
}

extension PropertyArchiver {
    func due(_ window: RetentionWindow, limit: Int, lock: String, in db: any SQLDatabase) async throws -> [(id: String, closedAt: Int64)] {
        try await RetentionSQL.due(PropertyRetentionSource.table(kind), window, limit: limit, lock: lock, in: db)
    }

    /// `{"record": {…}, "children": {"<table>": [{…}, …]}}`, the children in the archiver's order.
    func export(id: String, in db: any SQLDatabase) async throws -> JSONValue {
        let row = try await record.rows(of: id, in: db).first ?? .null
        var tables: [(String, JSONValue)] = []
        for child in children { tables.append((child.name, .array(try await child.rows(of: id, in: db)))) }
        return .object([("record", row), ("children", .object(tables))])
    }
}
