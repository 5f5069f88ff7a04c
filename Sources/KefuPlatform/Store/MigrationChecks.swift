import Crypto
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

extension Migration {
    /// The statements this engine runs, in order (`common`, then the engine's own).
    public func appliedStatements(for dialect: StoreDialect) -> [String] { statements(for: dialect) }

    /// SHA-256 over the id and the statements this engine runs: any edit of a shipped statement changes it.
    public func checksum(for dialect: StoreDialect) -> String {
        let text = ([id] + statements(for: dialect)).joined(separator: "\n;\n")
        return Secrets.hex(SHA256.hash(data: Data(text.utf8)))
    }
}

/// #11.7: `Migrator` records the checksum of every migration it applies, and before applying anything checks what the
/// database applied against what this program ships. Rows from before checksums were kept (`checksum` NULL) take the
/// shipped checksum: no landed version ever shipped a migration that a later one changed.
enum MigrationChecks {
    static func verifyApplied(_ db: any SQLDatabase, _ migrations: [Migration], _ dialect: StoreDialect) async throws {
        try await addChecksumColumnIfMissing(db, dialect)
        let shipped = Dictionary(migrations.map { ($0.id, $0.checksum(for: dialect)) }, uniquingKeysWith: { first, _ in first })
        var applied: [String: String?] = [:]
        for row in try await db.raw("SELECT id, checksum FROM schema_migrations").all() {
            applied[try row.decode(column: "id", as: String.self)] = try row.decode(column: "checksum", as: String?.self)
        }
        let unknown = applied.keys.filter { shipped[$0] == nil }.sorted()
        if !unknown.isEmpty { throw MigrationRefusal.unknown(ids: unknown) }
        let changed = applied.compactMap { id, sum in sum.flatMap { $0 == shipped[id] ? nil : id } }.sorted()
        if !changed.isEmpty { throw MigrationRefusal.changed(ids: changed) }
        for (id, sum) in applied where sum == nil {
            try await db.raw("UPDATE schema_migrations SET checksum = \(bind: shipped[id]!) WHERE id = \(bind: id)").run()
        }
    }

    static func record(_ db: any SQLDatabase, _ migration: Migration, _ dialect: StoreDialect) async throws {
        try await db.raw("UPDATE schema_migrations SET checksum = \(bind: migration.checksum(for: dialect)) WHERE id = \(bind: migration.id)").run()
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
}
