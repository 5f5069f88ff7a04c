import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// SQLite in WAL mode with `synchronous=FULL`: an acknowledged write survives a crash of the process and of the
/// machine. One writer connection commits the concurrent requests that queue behind it together (group commit),
/// each request in its own savepoint, so one failing request never takes the others with it. A few reader
/// connections answer queries in parallel with the writer.
public final class SQLiteStore: Store {
    public let dialect = StoreDialect.sqlite
    private let writer: GroupCommitWriter
    private let readers: ConnectionPool<SQLiteConnection>
    private let threadPool: NIOThreadPool
    private let connections: [SQLiteConnection]

    public static func open(path: String?, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteStore {
        let threadPool = NIOThreadPool(numberOfThreads: readerCount + 1)
        threadPool.start()
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        // An in-memory database is private to its connection, so it gets the writer only.
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        let writerConnection = try await SQLiteConnection.open(storage: storage, threadPool: threadPool, logger: logger, on: loop)
        let writerDB = writerConnection.sql(queryLogLevel: nil)
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                       "PRAGMA busy_timeout=10000", "PRAGMA cache_size=-32000", "PRAGMA temp_store=MEMORY"] {
            try await writerDB.raw(SQLQueryString(pragma)).run()
        }
        var readerConnections: [SQLiteConnection] = []
        if path != nil {
            for _ in 0..<readerCount {
                let c = try await SQLiteConnection.open(storage: storage, threadPool: threadPool, logger: logger, on: loop)
                let db = c.sql(queryLogLevel: nil)
                for pragma in ["PRAGMA busy_timeout=10000", "PRAGMA cache_size=-32000", "PRAGMA query_only=1", "PRAGMA temp_store=MEMORY"] {
                    try await db.raw(SQLQueryString(pragma)).run()
                }
                readerConnections.append(c)
            }
        }
        let writer = GroupCommitWriter(database: writerDB, logger: logger)
        return SQLiteStore(
            writer: writer,
            readers: ConnectionPool(readerConnections),
            threadPool: threadPool,
            connections: [writerConnection] + readerConnections
        )
    }

    private init(writer: GroupCommitWriter, readers: ConnectionPool<SQLiteConnection>, threadPool: NIOThreadPool, connections: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
        self.threadPool = threadPool
        self.connections = connections
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if readers.isEmpty { return try await writer.submit(body) }
        return try await readers.with { try await body($0.sql(queryLogLevel: nil)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.submit(body)
    }

    public func shutdown() async {
        for c in connections { try? await c.close() }
        try? await threadPool.shutdownGracefully()
    }
}
