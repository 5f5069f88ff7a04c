import Foundation
import Logging

public enum StoreFactory {
    /// `serving`: the store of `kefu serve`, whose PostgreSQL connections are all opened at start and kept
    /// (`PostgresPoolOptions`); one-off commands open theirs as they need them.
    public static func open(_ location: DatabaseLocation, logger: Logger, serving: Bool = false) async throws -> any Store {
        switch location {
        case .sqliteMemory:
            return try await SQLiteStore.open(path: nil, logger: logger)
        case .sqliteFile(let path):
            return try await SQLiteStore.open(path: path, logger: logger)
        case .postgres(let pg):
            return PostgresStore(location: pg, logger: logger, maxConnections: pg.pool ?? PostgresStore.defaultPool, keepOpen: serving)
        }
    }
}
