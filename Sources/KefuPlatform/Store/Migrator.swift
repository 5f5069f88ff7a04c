import Foundation
import SQLKit

/// Why the migrator refuses to start (#11.7): the database applied a migration this program does not ship as it was.
public enum MigrationRefusal: Error, Equatable, CustomStringConvertible {
    /// A shipped migration's statements differ from those the database applied (someone edited a shipped migration).
    case changed(ids: [String])
    /// The database applied migrations this program does not know (it was migrated by a newer version).
    case unknown(ids: [String])

    public var description: String {
        switch self {
        case .changed(let ids):
            return "数据库已应用的迁移与本程序所带的不同（迁移一经发布不可修改）：\(ids.joined(separator: ", ")) / "
                + "the database applied a different version of these shipped migrations: \(ids.joined(separator: ", "))"
        case .unknown(let ids):
            return "数据库由更新的版本迁移过，本程序不认识这些迁移：\(ids.joined(separator: ", ")) / "
                + "the database was migrated by a newer version; unknown migrations: \(ids.joined(separator: ", "))"
        }
    }
}

public enum Migrator {
    /// Checks what the database applied against `migrations`, then applies the missing ones in the order given, all in
    /// one transaction. Returns the ids applied now. Rows from before checksums were kept (`checksum` NULL) take the
    /// shipped checksum: no landed version ever shipped a migration that a later one changed.
    @discardableResult
    public static func migrate(_ store: any Store, _ migrations: [Migration]) async throws -> [String] {
        let dialect = store.dialect
        try await store.write { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL, checksum TEXT)").run()
        }
        return try await store.write { db in
            if dialect == .postgres {
                // Several nodes may start at once: one migrates, the others wait on this lock.
                try await db.raw("LOCK TABLE schema_migrations IN EXCLUSIVE MODE").run()
            }
            try await addChecksumColumnIfMissing(db, dialect)
            return try await applyPending(db, migrations, dialect)
        }
    }

    private static func addChecksumColumnIfMissing(_ db: any SQLDatabase, _ dialect: StoreDialect) async throws {
        switch dialect {
        case .postgres:
            try await db.raw("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum TEXT").run()
        case .sqlite:
            let columns = try await db.raw("SELECT name FROM pragma_table_info('schema_migrations')").all()
                .map { try $0.decode(column: "name", as: String.self) }
            if !columns.contains("checksum") { try await db.raw("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT").run() }
        }
    }

    private static func applyPending(_ db: any SQLDatabase, _ migrations: [Migration], _ dialect: StoreDialect) async throws -> [String] {
        let shipped = Dictionary(migrations.map { ($0.id, $0.checksum(for: dialect)) }, uniquingKeysWith: { first, _ in first })
        let rows = try await db.raw("SELECT id, checksum FROM schema_migrations ORDER BY id").all()
        var applied: [String: String?] = [:]
        for row in rows { applied[try row.decode(column: "id", as: String.self)] = try row.decode(column: "checksum", as: String?.self) }

        let unknown = applied.keys.filter { shipped[$0] == nil }.sorted()
        if !unknown.isEmpty { throw MigrationRefusal.unknown(ids: unknown) }
        let changed = applied.compactMap { id, sum in sum.flatMap { $0 == shipped[id] ? nil : id } }.sorted()
        if !changed.isEmpty { throw MigrationRefusal.changed(ids: changed) }
        for (id, sum) in applied where sum == nil {
            try await db.raw("UPDATE schema_migrations SET checksum = \(bind: shipped[id]!) WHERE id = \(bind: id)").run()
        }

        var appliedNow: [String] = []
        for migration in migrations where applied[migration.id] == nil {
            for statement in migration.statements(for: dialect) {
                try await db.raw(SQLQueryString(statement)).run()
            }
            try await db.raw("""
                INSERT INTO schema_migrations (id, applied_at, checksum)
                VALUES (\(bind: migration.id), \(bind: Clock.millis()), \(bind: migration.checksum(for: dialect)))
                """).run()
            appliedNow.append(migration.id)
        }
        return appliedNow
    }
}
