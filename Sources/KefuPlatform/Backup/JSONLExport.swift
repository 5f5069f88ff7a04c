import Foundation
import SQLKit

/// #17.1 `kefu export --format jsonl DIR`: every table the database's catalogue lists (migration bookkeeping and
/// search indexes included), one `TABLE.jsonl` each with one JSON object per row, and `manifest.json`. Everything is
/// read in one read transaction (one snapshot), row by row: SQLite straight from its reader connection, PostgreSQL
/// through a cursor, 2,000 rows at a time. The directory is written under a temporary name and renamed when whole.
public enum JSONLExport {
    /// `derived`: tables the caller knows to be indexes rebuilt from others (the ticket search index).
    public static func run(store: any Store, to directory: URL, derived: Set<String>, now: Date = Date()) async throws -> ExportManifest {
        if FileSafety.exists(directory) {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? ["?"]
            guard contents.isEmpty else {
                throw BackupError("\(directory.path) 已存在且不是空目录", "\(directory.path) exists and is not empty")
            }
        }
        try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = FileSafety.temporarySibling(of: directory, tag: "partial")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        let dialect = store.dialect
        var manifest = try await store.read { db in
            try await inOneSnapshot(db, dialect) {
                try await exportAll(db, dialect: dialect, into: temp, derived: derived, exportedAt: Times.rfc3339(Clock.millis(now)))
            }
        }
        manifest.tables.sort { $0.name < $1.name }
        try manifest.encoded().write(to: temp.appendingPathComponent(ExportManifest.fileName))
        FileSafety.fsync(temp.appendingPathComponent(ExportManifest.fileName))
        if FileSafety.exists(directory) { try FileManager.default.removeItem(at: directory) }
        try FileSafety.rename(temp, onto: directory)
        return manifest
    }

    static func inOneSnapshot<T: Sendable>(_ db: any SQLDatabase, _ dialect: StoreDialect, _ body: () async throws -> T) async throws -> T {
        try await db.raw(dialect == .postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN").run()
        do {
            let result = try await body()
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    static func exportAll(_ db: any SQLDatabase, dialect: StoreDialect, into directory: URL, derived: Set<String>, exportedAt: String) async throws -> ExportManifest {
        let migrations = try await DatabaseCatalogue.appliedMigrations(db, dialect: dialect)
        var tables: [ExportManifest.Table] = []
        for table in try await DatabaseCatalogue.tables(db, dialect: dialect, derived: derived) {
            let file = table.name + ".jsonl"
            let writer = try JSONLWriter(creating: directory.appendingPathComponent(file))
            switch dialect {
            case .sqlite: try await exportSQLite(db, table: table.name, into: writer)
            case .postgres: try await exportPostgres(db, table: table.name, into: writer)
            }
            let sha = try writer.finish()
            tables.append(.init(name: table.name, file: file, rows: writer.rows, sha256: sha, derived: table.derived))
        }
        var sequences: [String: Int64] = [:]
        if dialect == .postgres {
            for row in try await db.raw("""
                SELECT sequencename::text AS name, last_value FROM pg_sequences
                WHERE schemaname = current_schema() AND sequencename LIKE 'kefu\\_seq\\_%'
                """).all() {
                if let value = try row.decode(column: "last_value", as: Int64?.self) {
                    sequences[try row.decode(column: "name", as: String.self)] = value
                }
            }
        }
        return ExportManifest(dialect: dialect.rawValue, exportedAt: exportedAt, migrations: migrations, tables: tables, sequences: sequences)
    }

    static func exportSQLite(_ db: any SQLDatabase, table: String, into writer: JSONLWriter) async throws {
        try await db.raw("SELECT * FROM \(ident: table)").run { row in
            guard let row = row as? DirectSQLiteRow else {
                writer.fail(BackupError("内部错误：不是 SQLite 的行", "internal error: not a SQLite row"))
                return
            }
            var out = JSONWriter()
            out.beginObject()
            for (i, column) in row.columns.enumerated() {
                out.key(named: column)
                switch row.values[i] {
                case .null: out.null()
                case .integer(let n): out.number(String(n))
                case .text(let s): out.string(s)
                case .float(let d): JSONLCell.writeReal(d, to: &out)
                case .blob(let b): JSONLCell.writeBlob(Data(b.readableBytesView), to: &out)
                }
            }
            out.endObject()
            writer.append(out.bytes)
        }
    }

    static func exportPostgres(_ db: any SQLDatabase, table: String, into writer: JSONLWriter) async throws {
        let columns = try await DatabaseCatalogue.columns(db, dialect: .postgres, table: table)
        let native: Set<String> = ["bigint", "integer", "smallint", "text", "character varying", "character", "boolean", "bytea"]
        let list = columns.map { c -> any SQLExpression in
            native.contains(c.type) ? SQLIdentifier(c.name) : SQLAlias(SQLRaw("\(SQLIdentifier(c.name).quoted)::text"), as: SQLIdentifier(c.name))
        }
        try await db.raw("DECLARE kefu_export NO SCROLL CURSOR FOR SELECT \(SQLList(list)) FROM \(ident: table)").run()
        while true {
            let rows = try await db.raw("FETCH FORWARD 2000 FROM kefu_export").all()
            for row in rows {
                var out = JSONWriter()
                out.beginObject()
                for c in columns {
                    out.key(named: c.name)
                    switch c.type {
                    case "bigint", "integer", "smallint":
                        if let n = try row.decode(column: c.name, as: Int64?.self) { out.number(String(n)) } else { out.null() }
                    case "boolean":
                        if let b = try row.decode(column: c.name, as: Bool?.self) { out.bool(b) } else { out.null() }
                    case "bytea":
                        if let d = try row.decode(column: c.name, as: Data?.self) { JSONLCell.writeBlob(d, to: &out) } else { out.null() }
                    case "numeric":
                        if let s = try row.decode(column: c.name, as: String?.self) { out.number(s) } else { out.null() }
                    default:
                        out.string(try row.decode(column: c.name, as: String?.self))
                    }
                }
                out.endObject()
                writer.append(out.bytes)
            }
            if rows.count < 2000 { break }
        }
        try await db.raw("CLOSE kefu_export").run()
    }
}

extension SQLIdentifier {
    /// The identifier in double quotes (both engines), for the few statements built as text.
    var quoted: String { "\"" + string.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
