import ArgumentParser
import Foundation
import KefuApp
import KefuPlatform

/// #17.1: a refusal or failure is printed (Chinese and English) on standard error and ends with exit status 1.
func failing<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as BackupError {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode.failure
    } catch let error as MigrationRefusal {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode.failure
    }
}

/// The database of `--database-url` opened for one command, shut down afterwards whatever happens.
func withStore<T>(_ database: DatabaseOptions, readingOut: Bool = false, _ body: (any Store) async throws -> T) async throws -> T {
    try await KefuServer.openStore(databaseURL: database.resolved, logger: makeLogger("kefu"), requireCodePointOrder: !readingOut).closing(body)
}

/// `--format`: JSON Lines is the only one.
func requireJSONL(_ format: String) throws {
    guard format == "jsonl" else { throw BackupError("不支持的格式 \(format)（只有 jsonl）", "unsupported format \(format) (only jsonl)") }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Take a consistent copy of the database while the server keeps running (#17.1).",
        discussion: """
            SQLite: VACUUM INTO on a connection of its own (the server keeps writing), checked with PRAGMA integrity_check, \
            renamed into place when whole; the attachment files the copy names go into FILE.attachments/ beside it. \
            Restore with `kefu restore --from FILE`.
            PostgreSQL: runs `pg_dump --format=custom` (install postgresql-client); restore with `kefu restore` (pg_restore). \
            The attachment files (KEFU_DATA_DIR) are copied into FILE.attachments/ as well.
            SQLite：用独立连接执行 VACUUM INTO 在线备份，服务不停；附件复制到 FILE.attachments/。PostgreSQL：调用 pg_dump。
            """)

    @Option(name: .customLong("to"), help: "The backup file to write (refused if it exists, unless --force).") var file: String
    @Flag(help: "Replace an existing backup file.") var force = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await failing {
            let target = URL(fileURLWithPath: file)
            let disk = AttachmentDisk.fromEnvironment(databaseURL: database.resolved)
            switch try DatabaseLocation.parse(database.resolved) {
            case .sqliteFile(let path):
                let report = try SQLiteBackup.backup(source: path, to: target, disk: disk, force: force)
                print("Backup written to \(target.path): \(report.bytes) bytes, \(report.appliedMigrations) migrations, "
                      + "\(report.attachments.files) attachment files (\(report.attachments.bytes) bytes) in \(report.milliseconds) ms.")
                if !report.attachments.missing.isEmpty {
                    throw BackupError("备份已写好，但数据库引用的 \(report.attachments.missing.count) 个附件文件在数据目录中缺失或已损坏：\(report.attachments.missing.prefix(5).joined(separator: ", "))",
                                      "the backup is written, but \(report.attachments.missing.count) attachment files the database names are missing or damaged in the data directory: \(report.attachments.missing.prefix(5).joined(separator: ", "))")
                }
            case .postgres(let location):
                let started = ContinuousClock.now
                let bytes = try PostgresTools.dump(location, to: target, force: force)
                let copied = try await withStore(database, readingOut: true) { store in try await AttachmentBackup.copyReferenced(store, disk: disk, besides: target) }
                print("pg_dump written to \(target.path): \(bytes) bytes, \(copied.files) attachment files in \(ContinuousClock.now - started).")
            case .sqliteMemory:
                throw BackupError("内存数据库无法备份", "an in-memory database cannot be backed up")
            }
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into an empty database, then bring it up to date with the migrations (#17.1).",
        discussion: """
            The target (--database-url or DATABASE_URL) must hold no rows and no applied migrations; stop the server first. \
            SQLite: the backup is copied beside the target and renamed into place, its FILE.attachments/ go into the data directory. \
            PostgreSQL: pg_restore of a `kefu backup` (pg_dump custom format) into an empty database.
            目标数据库必须为空（没有数据、没有迁移）；恢复后自动执行迁移。
            """)

    @Option(name: .customLong("from"), help: "The backup file (from `kefu backup`).") var file: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await failing {
            let source = URL(fileURLWithPath: file)
            let disk = AttachmentDisk.fromEnvironment(databaseURL: database.resolved)
            switch try DatabaseLocation.parse(database.resolved) {
            case .sqliteFile(let path):
                let report = try SQLiteBackup.restore(from: source, to: path, disk: disk)
                print("Restored \(source.path) into \(path) (\(report.attachmentsAdded) attachment files added).")
            case .postgres(let location):
                try await withStore(database) { store in try await JSONLImport.requireEmpty(store) }
                try PostgresTools.restore(location, from: source)
                let added = try AttachmentBackup.restore(besides: source, into: disk)
                print("Restored \(source.path) with pg_restore (\(added) attachment files added).")
            case .sqliteMemory:
                throw BackupError("无法恢复到内存数据库", "cannot restore into an in-memory database")
            }
            let applied = try await withStore(database) { store in try await Migrator.migrate(store, KefuServer.migrations) }
            print(applied.isEmpty ? "The restored database is up to date." : "Migrations applied after the restore: " + applied.joined(separator: ", "))
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every table as JSON Lines into DIR, with manifest.json (#17.1).",
        discussion: """
            One TABLE.jsonl per table of the database's catalogue (schema_migrations and the search index included), one JSON \
            object per row, column names as keys: integers as integers, text as strings, NULL as null, blobs as {"$base64": …}. \
            manifest.json holds the applied migrations, each file's row count and SHA-256. Read in one transaction while the \
            server runs. Load it with `kefu import --format jsonl DIR` into an empty database of either engine.
            导出全部数据表为 JSON Lines，可在 SQLite 与 PostgreSQL 之间迁移。
            """)

    @Option(help: "Output format (jsonl).") var format = "jsonl"
    @Argument(help: "Directory to create (must not exist, or be empty).") var directory: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await failing {
            try requireJSONL(format)
            let started = ContinuousClock.now
            let manifest = try await withStore(database, readingOut: true) { store in try await DataTransfer.export(store, to: URL(fileURLWithPath: directory)) }
            let rows = manifest.tables.reduce(0) { $0 + $1.rows }
            print("Exported \(manifest.tables.count) tables, \(rows) rows, into \(directory) in \(ContinuousClock.now - started).")
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a `kefu export` directory into an empty database of either engine (#17.1).",
        discussion: """
            Checks manifest.json's checksums first; creates the schema at the export's version, loads every row in one \
            transaction, then applies newer migrations and rebuilds the search index. PostgreSQL needs a superuser (or \
            GRANT SET ON PARAMETER session_replication_role) for the load.
            导入前先核对校验和；只能导入到空数据库。
            """)

    @Option(help: "Input format (jsonl).") var format = "jsonl"
    @Argument(help: "Directory written by `kefu export`.") var directory: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await failing {
            try requireJSONL(format)
            let started = ContinuousClock.now
            let report = try await withStore(database) { store in try await DataTransfer.importJSONL(store, from: URL(fileURLWithPath: directory)) }
            print("Imported \(report.rows.values.reduce(0, +)) rows into \(report.rows.count) tables in \(ContinuousClock.now - started)."
                  + (report.migratedAfter.isEmpty ? "" : " Then applied: " + report.migratedAfter.joined(separator: ", ")))
        }
    }
}
