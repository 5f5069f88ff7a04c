import Foundation
import SQLKit

/// A versioned schema step. Shipped migrations are never edited; a change is a new migration.
/// `sqlite` and `postgres` hold the statements where the engines differ; `common` runs on both first.
public struct Migration: Sendable {
    public let id: String
    public let common: [String]
    public let sqlite: [String]
    public let postgres: [String]

    public init(id: String, common: [String] = [], sqlite: [String] = [], postgres: [String] = []) {
        self.id = id
        self.common = common
        self.sqlite = sqlite
        self.postgres = postgres
    }

    func statements(for dialect: StoreDialect) -> [String] {
        common + (dialect == .sqlite ? sqlite : postgres)
    }
}

public enum Migrator {
    /// Applies the migrations not yet applied, each in its own transaction, in the order given.
    /// Returns the ids applied now.
    @discardableResult
    public static func migrate(_ store: any Store, _ migrations: [Migration]) async throws -> [String] {
        let dialect = store.dialect
        if dialect == .postgres {
            // #17.2: several nodes may start at once, on a fresh database too: the first to take this lock (one per
            // schema) migrates, the others wait for it and then find nothing left to do. Taken before the table exists:
            // two concurrent `CREATE TABLE IF NOT EXISTS` of one new table can both try to create it (23505).
            return try await store.write { db in
                try await db.raw("SELECT pg_advisory_xact_lock(hashtext('kefu-migrate:' || current_schema()))").run()
                try await db.raw(SQLQueryString(createTable)).run()
                return try await applyPending(db, migrations, dialect)
            }
        }
        try await store.write { db in try await db.raw(SQLQueryString(createTable)).run() }
        return try await store.write { db in try await applyPending(db, migrations, dialect) }
    }

    static let createTable = "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)"

    private static func applyPending(_ db: any SQLDatabase, _ migrations: [Migration], _ dialect: StoreDialect) async throws -> [String] {
        try await MigrationChecks.verifyApplied(db, migrations, dialect)
        let done = Set(try await db.raw("SELECT id FROM schema_migrations").all().map { try $0.decode(column: "id", as: String.self) })
        var applied: [String] = []
        for migration in migrations where !done.contains(migration.id) {
            for statement in migration.statements(for: dialect) {
                try await db.raw(SQLQueryString(statement)).run()
            }
            try await db.raw("INSERT INTO schema_migrations (id, applied_at) VALUES (\(bind: migration.id), \(bind: Clock.millis()))").run()
            try await MigrationChecks.record(db, migration, dialect)
            applied.append(migration.id)
        }
        return applied
    }
}
