import Foundation
import KefuPlatform
import SQLKit
import Testing

/// #11.7: the migrator refuses a database whose applied migration differs from the shipped one, and one migrated by a
/// newer version; rows from before checksums were kept take the shipped checksum.
@Suite("Migrator checks what the database applied (#11.7)")
struct MigratorRefusalTests {
    static let first = Migration(id: "probe-001-a", common: ["CREATE TABLE probe_a (id TEXT PRIMARY KEY)"])
    static let firstEdited = Migration(id: "probe-001-a", common: ["CREATE TABLE probe_a (id TEXT PRIMARY KEY, note TEXT)"])
    static let second = Migration(id: "probe-002-b", common: ["CREATE TABLE probe_b (id TEXT PRIMARY KEY)"])

    static func tableExists(_ store: any Store, _ name: String) async throws -> Bool {
        try await store.read { db in
            let sql: SQLQueryString = store.dialect == .sqlite
                ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)"
                : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = \(bind: name)"
            return try await db.raw(sql).first()!.decode(column: "n", as: Int.self) == 1
        }
    }

    @Test func anEditedShippedMigrationStopsTheStartAndAppliesNothing() async throws {
        try await TestDatabase.withStore { store in
            try await Migrator.migrate(store, [Self.first])
            await #expect(throws: MigrationRefusal.changed(ids: ["probe-001-a"])) {
                try await Migrator.migrate(store, [Self.firstEdited, Self.second])
            }
            #expect(try await Self.tableExists(store, "probe_b") == false)
            #expect(try await Migrator.migrate(store, [Self.first, Self.second]) == ["probe-002-b"])
        }
    }

    @Test func aDatabaseOfANewerVersionIsRefused() async throws {
        try await TestDatabase.withStore { store in
            try await Migrator.migrate(store, [Self.first, Self.second])
            await #expect(throws: MigrationRefusal.unknown(ids: ["probe-002-b"])) { try await Migrator.migrate(store, [Self.first]) }
        }
    }

    @Test func rowsFromBeforeChecksumsTakeTheShippedChecksumThenAreChecked() async throws {
        try await TestDatabase.withStore { store in
            try await store.write { db in
                try await db.raw("CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)").run()
                try await db.raw("CREATE TABLE probe_a (id TEXT PRIMARY KEY)").run()
                try await db.raw("INSERT INTO schema_migrations (id, applied_at) VALUES ('probe-001-a', 1)").run()
            }
            #expect(try await Migrator.migrate(store, [Self.first, Self.second]) == ["probe-002-b"])
            let stored = try await store.read { db in
                try await db.raw("SELECT checksum FROM schema_migrations WHERE id = 'probe-001-a'").first()!.decode(column: "checksum", as: String.self)
            }
            #expect(stored == Self.first.checksum(for: store.dialect))
            await #expect(throws: MigrationRefusal.changed(ids: ["probe-001-a"])) { try await Migrator.migrate(store, [Self.firstEdited, Self.second]) }
        }
    }

    /// #17.2: nodes starting together on a fresh database: each migration is applied once, and no start fails.
    @Test func nodesStartingTogetherOnAFreshDatabaseMigrateItOnce() async throws {
        try await TestDatabase.withStore { store in
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<6 { group.addTask { try await Migrator.migrate(store, [Self.first, Self.second]) } }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(applied.sorted() == ["probe-001-a", "probe-002-b"], "\(applied)")
            #expect(try await Self.tableExists(store, "probe_b"))
        }
    }

    @Test func theRefusalNamesTheMigrationInBothLanguages() {
        let text = MigrationRefusal.changed(ids: ["desk-001-customers-tickets"]).description
        #expect(text.contains("迁移一经发布不可修改") && text.contains("desk-001-customers-tickets") && text.contains("shipped migrations"))
    }
}
