import Foundation
import KefuApp
import KefuPlatform
import Logging
import Testing

/// Each test gets its own empty database: a SQLite file in a temp folder, or, when KEFU_TEST_POSTGRES_URL is set,
/// a fresh schema in that PostgreSQL database (the connections' search_path points at it).
enum TestDatabase {
    static let postgresURL = ProcessInfo.processInfo.environment["KEFU_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let announce: Void = {
        setenv("KEFU_BCRYPT_COST", "4", 1)
        // The test client stands in for a proxy: tests choose the client address with X-Forwarded-For (#10.4).
        setenv("KEFU_TRUSTED_PROXIES", "127.0.0.1,::1", 1)
        print(postgresURL != nil ? "KEFU_TEST_DATABASE=postgres" : "KEFU_TEST_DATABASE=sqlite")
    }()

    static var logger: Logger {
        var l = Logger(label: "kefu-test")
        l.logLevel = .warning
        return l
    }

    /// Where the PostgreSQL tests connect; nil when they run on SQLite.
    static func postgresLocation() throws -> PostgresLocation? {
        guard let url = postgresURL else { return nil }
        guard case .postgres(let location) = try DatabaseLocation.parse(url) else { throw DatabaseURLError.invalid(url) }
        return location
    }

    static func withStore<T: Sendable>(_ body: (any Store) async throws -> T) async throws -> T {
        _ = announce
        if let location = try postgresLocation() {
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = PostgresStore(location: location, logger: logger, maxConnections: 2)
            try await admin.write { db in try await db.raw("CREATE SCHEMA \(unsafeRaw: schema)").run() }
            let store = PostgresStore(location: location, logger: logger, maxConnections: 8, searchPath: schema)
            do {
                let result = try await body(store)
                await store.shutdown()
                try? await admin.write { db in try await db.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
                await admin.shutdown()
                return result
            } catch {
                await store.shutdown()
                try? await admin.write { db in try await db.raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run() }
                await admin.shutdown()
                throw error
            }
        }
        return try await withSQLiteFile { try await body($0) }
    }

    /// A SQLite database of its own in a new temporary folder, removed afterwards. Tests of SQLite's own settings use
    /// it directly, whichever engine the suite runs on.
    static func withSQLiteFile<T>(readers: Int = 4, _ body: (SQLiteStore) async throws -> T) async throws -> T {
        let dir = try BackupFixture.tempDir("test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try await SQLiteStore.open(path: dir.appendingPathComponent("kefu.sqlite").path, readers: readers, logger: logger)
        return try await store.closing { _ in try await body(store) }
    }
}
