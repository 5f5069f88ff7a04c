import Foundation
import KefuApp
import KefuPlatform
import SQLKit
import Testing

/// #11.7: a database made by the last landed version, as that version's migrator left it (no checksums), is migrated
/// by the current code to the same schema as a fresh database. The landed version's migrations are the current ones
/// with those ids: shipped migrations are frozen (MigrationChecksumTests). Move `lastLanded` on when a version lands.
@Suite("Upgrade from the last landed version (#11.7)")
struct MigrationUpgradeTests {
    /// Stop 19, commit f4b8373 (2026-12-01).
    static let lastLanded: [String] = [
        "platform-001-counters", "platform-002-audit",
        "org-001-units-users", "org-002-login-throttle", "org-003-login-presessions",
        "desk-001-customers-tickets", "desk-002-sla", "desk-003-search-scope-tokens",
        "aftersales-001-complaints", "aftersales-002-repairs-returns", "aftersales-003-surveys",
        "mat-001-master-documents-ledger", "mat-002-ledger-indexes", "mat-003-master-data-fields-active",
    ]

    /// What the landed version's migrator did: ids only, every migration in one transaction.
    static func migrateAsLandedVersion(_ store: any Store) async throws {
        let byId = Dictionary(uniqueKeysWithValues: KefuServer.migrations.map { ($0.id, $0) })
        try await store.write { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)").run()
            for id in lastLanded {
                let migration = try #require(byId[id], "\(id) of the landed version is no longer shipped")
                for statement in migration.appliedStatements(for: store.dialect) { try await db.raw(SQLQueryString(statement)).run() }
                try await db.raw("INSERT INTO schema_migrations (id, applied_at) VALUES (\(bind: id), \(bind: Clock.millis()))").run()
            }
        }
    }

    @Test func theLandedVersionsDatabaseMigratesToTheFreshSchema() async throws {
        let fresh = try await TestDatabase.withStore { store in
            _ = try await KefuServer.prepare(store, adminPassword: "admin-secret-1")
            return try await SchemaSnapshot.lines(store)
        }
        try await TestDatabase.withStore { store in
            try await Self.migrateAsLandedVersion(store)
            _ = try await KefuServer.prepare(store, adminPassword: "admin-secret-1")
            let upgraded = try await SchemaSnapshot.lines(store)
            #expect(upgraded.count > 100)
            #expect(Set(fresh).subtracting(upgraded).sorted() == [], "missing after the upgrade")
            #expect(Set(upgraded).subtracting(fresh).sorted() == [], "only in the upgraded database")
            let unchecked = try await store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM schema_migrations WHERE checksum IS NULL").first()!.decode(column: "n", as: Int.self)
            }
            #expect(unchecked == 0)
            // The server starts on it a second time (the checks pass on the stored checksums).
            #expect(try await Migrator.migrate(store, KefuServer.migrations) == [])
        }
    }

    @Test func theLandedVersionIsAPrefixOfTheShippedOrder() {
        #expect(Array(KefuServer.migrations.map(\.id).filter(Set(Self.lastLanded).contains)) == Self.lastLanded)
    }
}
