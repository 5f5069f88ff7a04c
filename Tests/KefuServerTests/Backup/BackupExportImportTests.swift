import Foundation
import KefuApp
import KefuPlatform
import SQLKit
import Testing

/// #17.1 `kefu export --format jsonl` and `kefu import`: every row back exactly, in either engine.
@Suite("Backup: JSON Lines export and import (#17.1)")
struct BackupExportImportTests {
    /// The lines of each exported table, sorted; schema_migrations (applied_at and the engine's checksums differ by
    /// design) and the search index (rebuilt in the engine's own form) left out.
    static func comparable(_ dir: URL, _ manifest: ExportManifest) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for t in manifest.tables where !t.derived && t.name != "schema_migrations" {
            let text = try String(contentsOf: dir.appendingPathComponent(t.file), encoding: .utf8)
            out[t.name] = text.split(separator: "\n").map(String.init).sorted()
        }
        return out
    }

    /// A database with the demo organisation (every feature's records) and a few tickets of our own.
    static func demoDatabase(_ path: String) async throws {
        try await BackupFixture.withSQLite(path) { store in
            _ = try await KefuServer.prepare(store, adminPassword: TestApp.adminPassword)
            _ = try await DemoData.load(store: store, password: "kefu-demo-2026")
        }
    }

    @Test func sqliteExportImportRoundTripGivesEveryRowBack() async throws {
        let dir = try BackupFixture.tempDir("export-rt")
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("source.sqlite").path
        try await Self.demoDatabase(source)
        let exported = dir.appendingPathComponent("export")
        let started = ContinuousClock.now
        let manifest = try await BackupFixture.withSQLite(source) { try await DataTransfer.export($0, to: exported) }
        print("export of the demo database: \(manifest.tables.count) tables, \(manifest.tables.reduce(0) { $0 + $1.rows }) rows in \(ContinuousClock.now - started)")
        #expect(manifest.migrations.count == KefuServer.migrations.count)
        #expect(manifest.tables.contains { $0.name == "schema_migrations" && $0.rows == KefuServer.migrations.count })
        #expect(manifest.tables.contains { $0.name == "ticket_search" && $0.derived })
        #expect(manifest.tables.first { $0.name == "tickets" }!.rows > 0)
        // Every table of the catalogue is there.
        let catalogue = try await BackupFixture.withSQLite(source) { store in
            try await store.read { db in try await DatabaseCatalogue.tables(db, dialect: .sqlite).map(\.name) }
        }
        #expect(manifest.tables.map(\.name).sorted() == catalogue.sorted())

        let target = dir.appendingPathComponent("target.sqlite").path
        let importStarted = ContinuousClock.now
        let report = try await BackupFixture.withSQLite(target) { try await DataTransfer.importJSONL($0, from: exported) }
        print("import of the demo database into SQLite: \(report.rows.values.reduce(0, +)) rows in \(ContinuousClock.now - importStarted)")
        let again = dir.appendingPathComponent("again")
        let manifest2 = try await BackupFixture.withSQLite(target) { try await DataTransfer.export($0, to: again) }
        let a = try Self.comparable(exported, manifest), b = try Self.comparable(again, manifest2)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (table, rows) in a where b[table] != rows {
            Issue.record("\(table) differs after the round trip: \(rows.count) rows exported, \(b[table]?.count ?? 0) back")
        }
        for table in ["tickets", "ticket_events", "users", "stock_movements", "counters"] {
            #expect(a[table] == b[table], "\(table)")
        }
        // The search index was rebuilt: the imported tickets are found.
        try await BackupFixture.withSQLite(target) { store in
            let tickets = try await BackupFixture.scalar(store, "SELECT COUNT(*) AS n FROM tickets")
            #expect(try await BackupFixture.scalar(store, "SELECT COUNT(*) AS n FROM ticket_search") == tickets)
            #expect(try await BackupFixture.scalar(store, "SELECT COUNT(*) AS n FROM search_rebuilds") == 0)
        }
        // A second import into the now full database is refused.
        await #expect(throws: BackupError.self) {
            try await BackupFixture.withSQLite(target) { try await DataTransfer.importJSONL($0, from: exported) }
        }
    }

    @Test func aChangedFileIsRefusedBeforeAnythingIsWritten() async throws {
        let dir = try BackupFixture.tempDir("export-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("source.sqlite").path
        try await BackupFixture.withSQLite(source) { store in _ = try await KefuServer.prepare(store, adminPassword: TestApp.adminPassword) }
        let exported = dir.appendingPathComponent("export")
        _ = try await BackupFixture.withSQLite(source) { try await DataTransfer.export($0, to: exported) }
        // Exporting into a directory that holds files is refused.
        await #expect(throws: BackupError.self) {
            _ = try await BackupFixture.withSQLite(source) { try await DataTransfer.export($0, to: exported) }
        }
        let users = exported.appendingPathComponent("users.jsonl")
        var text = try String(contentsOf: users, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"admin\"", with: "\"root\"")
        try text.write(to: users, atomically: true, encoding: .utf8)
        let target = dir.appendingPathComponent("target.sqlite").path
        let error = try await #require(throws: BackupError.self) {
            try await BackupFixture.withSQLite(target) { try await DataTransfer.importJSONL($0, from: exported) }
        }
        #expect(error.en.contains("checksum"))
        try await BackupFixture.withSQLite(target) { store in
            let tables = try await store.read { db in try await DatabaseCatalogue.tables(db, dialect: .sqlite) }
            #expect(tables.isEmpty)
        }
    }

    /// SQLite → PostgreSQL → SQLite, when a PostgreSQL server is configured for the tests.
    @Test(.enabled(if: TestDatabase.postgresURL != nil)) func sqliteToPostgresAndBack() async throws {
        let dir = try BackupFixture.tempDir("export-pg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("source.sqlite").path
        try await Self.demoDatabase(source)
        let fromSQLite = dir.appendingPathComponent("from-sqlite")
        let manifest = try await BackupFixture.withSQLite(source) { try await DataTransfer.export($0, to: fromSQLite) }
        let fromPostgres = dir.appendingPathComponent("from-postgres")
        let pgManifest = try await TestDatabase.withStore { store in
            let started = ContinuousClock.now
            let report = try await DataTransfer.importJSONL(store, from: fromSQLite)
            print("import of the demo database into PostgreSQL: \(report.rows.values.reduce(0, +)) rows in \(ContinuousClock.now - started)")
            for t in manifest.tables where !t.derived && t.name != "schema_migrations" {
                #expect(report.rows[t.name] == t.rows, "\(t.name)")
            }
            // The imported database takes new tickets: ids and numbers continue after the imported ones.
            let maxRid = try await store.read { db in try await db.raw("SELECT MAX(rid) AS n FROM tickets").first()!.decode(column: "n", as: Int.self) }
            try await Sequences.prepare(["ticket_rid"], on: store, known: SequenceRegistry())
            let next = try await store.write { db in
                try await Sequences.next(["ticket_rid"], in: db, dialect: store.dialect)["ticket_rid"]!
            }
            #expect(maxRid > 0)
            #expect(next == maxRid + 1)
            return try await DataTransfer.export(store, to: fromPostgres)
        }
        #expect(pgManifest.dialect == "postgres")
        let a = try Self.comparable(fromSQLite, manifest), b = try Self.comparable(fromPostgres, pgManifest)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (table, rows) in a where b[table]?.count != rows.count {
            Issue.record("\(table): \(rows.count) rows from SQLite, \(b[table]?.count ?? 0) from PostgreSQL")
        }
        // And back into SQLite: every row as it left.
        let back = dir.appendingPathComponent("back.sqlite").path
        _ = try await BackupFixture.withSQLite(back) { try await DataTransfer.importJSONL($0, from: fromPostgres) }
        let again = dir.appendingPathComponent("again")
        let manifest3 = try await BackupFixture.withSQLite(back) { try await DataTransfer.export($0, to: again) }
        let c = try Self.comparable(again, manifest3)
        for (table, rows) in a where c[table] != rows && table != "counters" {
            Issue.record("\(table) differs after SQLite → PostgreSQL → SQLite")
        }
    }
}
