import Foundation
import Logging

public enum StoreFactory {
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> any Store {
        switch location {
        case .sqliteMemory:
            return try await SQLiteStore.open(path: nil, logger: logger)
        case .sqliteFile(let path):
            return try await SQLiteStore.open(path: path, logger: logger)
        case .postgres(let pg):
            return PostgresStore(location: pg, logger: logger, maxConnections: pg.pool ?? PostgresStore.defaultPool)
        }
    }
}
