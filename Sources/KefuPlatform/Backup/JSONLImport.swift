import Foundation
import SQLKit

/// #17.1 `kefu import --format jsonl DIR`, the way back from `JSONLExport`, into an empty database of either engine
/// (so SQLite → PostgreSQL and back). Checks the manifest's checksums and row counts before touching the database;
/// the caller has created the schema at the export's version. Then, in ONE transaction: the rows the migrations
/// seeded are replaced by the exported ones, table by table in batches, with foreign keys checked at commit
/// (SQLite) or left to the export's own consistency (PostgreSQL, `session_replication_role = replica`, as
/// pg_restore does); ticket ids and numbers go on after the highest imported value.
public enum JSONLImport {
    /// Reads and checks the manifest and every file it lists (SHA-256 and line count).
    public static func verified(_ directory: URL) throws -> ExportManifest {
        let manifest = try ExportManifest.read(from: directory)
        for table in manifest.tables {
            let url = directory.appendingPathComponent(table.file)
            guard FileSafety.exists(url) else {
                throw BackupError("缺少文件 \(table.file)", "\(table.file) is missing")
            }
            let digest = try JSONLReader.digest(url)
            guard digest.sha256 == table.sha256 else {
                throw BackupError("\(table.file) 的校验和与 manifest.json 不符，文件已被改动或损坏；未导入任何数据",
                                  "\(table.file) does not match its checksum in manifest.json (changed or damaged); nothing was imported")
            }
            guard digest.lines == table.rows else {
                throw BackupError("\(table.file) 有 \(digest.lines) 行，manifest.json 记为 \(table.rows) 行", "\(table.file) has \(digest.lines) lines, manifest.json says \(table.rows)")
            }
        }
        return manifest
    }

    /// Whether the database holds nothing (no rows in any table, no migration applied); else the refusal.
    public static func requireEmpty(_ store: any Store) async throws {
        let dialect = store.dialect
        let busy = try await store.read { db in try await DatabaseCatalogue.tablesWithRows(db, dialect: dialect) }
        guard busy.isEmpty else {
            throw BackupError("目标数据库不是空的（有数据的表：\(busy.prefix(8).joined(separator: ", "))）；只能导入/恢复到空数据库",
                              "the target database is not empty (tables with rows: \(busy.prefix(8).joined(separator: ", "))); import and restore go into an empty database only")
        }
    }

    /// Loads every non-derived table of the export into the migrated, otherwise empty database; returns rows per table.
    @discardableResult
    public static func load(_ store: any Store, from directory: URL, manifest: ExportManifest, derived: Set<String>) async throws -> [String: Int] {
        let dialect = store.dialect
        return try await store.write { db in
            switch dialect {
            case .sqlite:
                try await db.raw("PRAGMA defer_foreign_keys = ON").run()
            case .postgres:
                do { try await db.raw("SET LOCAL session_replication_role = replica").run() } catch {
                    throw BackupError("导入 PostgreSQL 需要超级用户，或先执行 GRANT SET ON PARAMETER session_replication_role TO 该用户：\(error)",
                                      "importing into PostgreSQL needs a superuser, or GRANT SET ON PARAMETER session_replication_role TO the role: \(error)")
                }
            }
            let target = Dictionary(try await DatabaseCatalogue.tables(db, dialect: dialect, derived: derived).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let wanted = manifest.tables.filter { !$0.derived && $0.name != "schema_migrations" }
            for table in wanted {
                guard let t = target[table.name], !t.derived else {
                    throw BackupError("目标数据库没有表 \(table.name)", "the target database has no table \(table.name)")
                }
                // What the migrations seeded (default settings, the calendar) is in the export as it was at export time.
                try await db.raw("DELETE FROM \(ident: table.name)").run()
            }
            var counts: [String: Int] = [:]
            for table in wanted {
                let columns = Set(try await DatabaseCatalogue.columns(db, dialect: dialect, table: table.name).map(\.name))
                let n = try await insertAll(db, table: table.name, columns: columns, from: directory.appendingPathComponent(table.file))
                guard n == table.rows else {
                    throw BackupError("\(table.name) 导入了 \(n) 行，应为 \(table.rows) 行", "\(table.name): imported \(n) rows, expected \(table.rows)")
                }
                counts[table.name] = n
            }
            try await continueNumbering(db, dialect: dialect, manifest: manifest)
            if dialect == .sqlite {
                let broken = try await db.raw("PRAGMA foreign_key_check").all()
                if let first = broken.first {
                    let table = (try? first.decode(column: "table", as: String.self)) ?? "?"
                    throw BackupError("导入的数据有 \(broken.count) 处外键不一致（如表 \(table)）；未导入任何数据",
                                      "the imported rows break \(broken.count) foreign keys (e.g. in \(table)); nothing was imported")
                }
            }
            return counts
        }
    }

    /// Inserts the file's rows in multi-row statements (at most 500 rows or 30,000 values each).
    static func insertAll(_ db: any SQLDatabase, table: String, columns: Set<String>, from url: URL) async throws -> Int {
        let reader = try JSONLReader(url)
        let decoder = JSONDecoder()
        var batch: [[JSONLCell]] = []
        var keys: [String] = []
        var total = 0
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let tuples = batch.map { SQLGroupExpression(SQLList($0.map(\.expression))) }
            try await db.raw("INSERT INTO \(ident: table) (\(SQLList(keys.map { SQLIdentifier($0) }))) VALUES \(SQLList(tuples))").run()
            total += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        var lineNumber = 0
        while let line = try reader.nextLine() {
            lineNumber += 1
            if line.isEmpty { continue }
            let row: [String: JSONLCell]
            do { row = try decoder.decode([String: JSONLCell].self, from: Data(line)) } catch {
                throw BackupError("\(url.lastPathComponent) 第 \(lineNumber) 行无法读取：\(error)", "\(url.lastPathComponent) line \(lineNumber) cannot be read: \(error)")
            }
            let rowKeys = row.keys.sorted()
            if let unknown = rowKeys.first(where: { !columns.contains($0) }) {
                throw BackupError("表 \(table) 没有列 \(unknown)", "table \(table) has no column \(unknown)")
            }
            if rowKeys != keys || batch.count >= 500 || (batch.count + 1) * max(rowKeys.count, 1) > 30_000 {
                try await flush()
                keys = rowKeys
            }
            batch.append(rowKeys.map { row[$0]! })
        }
        try await flush()
        return total
    }

    /// Ticket row ids and numbers come from PostgreSQL sequences there and from `counters` rows on SQLite: each engine
    /// continues after the highest value the export gave out.
    static func continueNumbering(_ db: any SQLDatabase, dialect: StoreDialect, manifest: ExportManifest) async throws {
        switch dialect {
        case .sqlite:
            guard !manifest.sequences.isEmpty else { return }
            for row in try await db.raw("SELECT name, value FROM counters").all() {
                let name = try row.decode(column: "name", as: String.self)
                if let reached = manifest.sequences[Sequences.sequenceName(name)], reached > (try row.decode(column: "value", as: Int64.self)) {
                    try await db.raw("UPDATE counters SET value = \(bind: reached) WHERE name = \(bind: name)").run()
                }
            }
        case .postgres:
            for (sequence, reached) in manifest.sequences.sorted(by: { $0.key < $1.key }) where sequence.hasPrefix("kefu_seq_") {
                try await db.raw("CREATE SEQUENCE IF NOT EXISTS \(ident: sequence)").run()
                try await db.raw("SELECT setval(\(bind: sequence)::regclass, \(bind: reached))").run()
            }
            // Identity columns (the ledger's sequence numbers) continue after the highest imported value.
            for row in try await db.raw("""
                SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
                WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
                """).all() {
                let t = try row.decode(column: "t", as: String.self), c = try row.decode(column: "c", as: String.self)
                try await db.raw("""
                    SELECT setval(pg_get_serial_sequence(\(bind: SQLIdentifier(t).quoted), \(bind: c)),
                        COALESCE((SELECT MAX(\(ident: c)) FROM \(ident: t)), 0) + 1, false)
                    """).run()
            }
        }
    }
}
