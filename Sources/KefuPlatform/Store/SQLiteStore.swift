import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// SQLite in WAL mode with `synchronous=FULL`: an acknowledged write survives a crash of the process and of the
/// machine. One writer connection commits the concurrent requests that queue behind it together (group commit),
/// each request in its own savepoint, so one failing request never takes the others with it. A few reader
/// connections answer queries in parallel with the writer.
public final class SQLiteStore: Store {
    public let dialect = StoreDialect.sqlite
    private let writer: GroupCommitWriter
    private let readers: ConnectionPool<Reader>
    private let logger: Logger
    private let eventLoop: any EventLoop
    private let connections: [DirectSQLiteConnection]
    private let checkpointer: WalCheckpointer?
    private let executors: [ThreadExecutor]

    /// A reader connection and the thread its statements run on.
    private struct Reader: Sendable {
        let connection: DirectSQLiteConnection
        let executor: ThreadExecutor
    }

    /// #17.4: the writer's temporary storage is a file, which SQLite keeps in memory until it outgrows its cache, and
    /// its statement journals go to a file past 126 KiB (`DirectSQLiteConnection.statementJournalSpillBytes`). Every
    /// write job runs in a savepoint (`GroupCommitWriter`), so the statement journal holds all the pages the job has
    /// changed so far; kept in memory (`temp_store=MEMORY`) it is a list of 1 KB pieces that SQLite walks from its start
    /// to cut it back after every statement: quadratic in a large job. A journal that may spill is kept as one piece,
    /// and once in a file it is never cut back.
    static let writerPragmas = ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                                "PRAGMA cache_size=-16000", "PRAGMA temp_store=FILE"]
    static let readerPragmas = ["PRAGMA cache_size=-8000", "PRAGMA query_only=1", "PRAGMA temp_store=MEMORY"]
    /// The WAL size past which the checkpointer also restarts the WAL (`WalCheckpointer`), and the file's size after.
    public static let defaultWalRestartAboveBytes = 256 * 1_048_576

    public static func open(path: String?, readers readerCount: Int = 4, walRestartAboveBytes: Int = defaultWalRestartAboveBytes,
                            logger: Logger) async throws -> SQLiteStore {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        // An in-memory database is private to its connection, so it gets the writer only.
        let writerConnection = try DirectSQLiteConnection(path: path ?? ":memory:")
        let writerDB = DirectSQLiteDatabase(connection: writerConnection, logger: logger, eventLoop: loop)
        for pragma in writerPragmas { try await writerDB.raw(SQLQueryString(pragma)).run() }
        var readerConnections: [DirectSQLiteConnection] = []
        var checkpointer: WalCheckpointer?
        if let path {
            // #16 item 8: checkpoints on a thread of their own, not inside the writer's commits.
            checkpointer = try WalCheckpointer(path: path, restartAboveBytes: walRestartAboveBytes, logger: logger)
            try await writerDB.raw("PRAGMA wal_autocheckpoint=0").run()
            // #17.7: once the WAL starts again from its beginning, the file is cut back to the checkpointer's bound.
            try await writerDB.raw(SQLQueryString("PRAGMA journal_size_limit=" + String(walRestartAboveBytes))).run()
            for _ in 0..<readerCount {
                let c = try DirectSQLiteConnection(path: path)
                let db = DirectSQLiteDatabase(connection: c, logger: logger, eventLoop: loop)
                for pragma in readerPragmas { try await db.raw(SQLQueryString(pragma)).run() }
                readerConnections.append(c)
            }
        }
        checkpointer?.start()
        let writerExecutor = ThreadExecutor(name: "kefu-sql-w")
        let readers = readerConnections.enumerated().map { Reader(connection: $1, executor: ThreadExecutor(name: "kefu-sql-r\($0)")) }
        let writer = GroupCommitWriter(database: writerDB, executor: writerExecutor, gate: checkpointer?.gate, logger: logger)
        return SQLiteStore(writer: writer, readers: readers, logger: logger, eventLoop: loop, connections: [writerConnection] + readerConnections,
                           checkpointer: checkpointer, executors: [writerExecutor] + readers.map(\.executor))
    }

    private init(writer: GroupCommitWriter, readers: [Reader], logger: Logger, eventLoop: any EventLoop,
                 connections: [DirectSQLiteConnection], checkpointer: WalCheckpointer?, executors: [ThreadExecutor]) {
        self.writer = writer
        self.readers = ConnectionPool(readers)
        self.executors = executors
        self.logger = logger
        self.eventLoop = eventLoop
        self.connections = connections
        self.checkpointer = checkpointer
    }

    /// #17.4: how many times the store's connections planned a cached statement again (`DirectSQLiteConnection.replans`).
    public var statementReplans: Int { connections.reduce(0) { $0 + $1.replans } }

    deinit {
        checkpointer?.stop()
        for e in executors { e.stop() }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // Inside a write, read what that write has done so far.
        if let db = WriteScope.database { return try await body(db) }
        if readers.isEmpty { return try await OperationalMetrics.transaction(dialect, write: false) { try await writer.submit(body) } }
        let logger = self.logger, loop = self.eventLoop
        return try await OperationalMetrics.transaction(dialect, write: false) {
            try await readers.with { reader in
                try await withTaskExecutorPreference(reader.executor) {
                    try await body(DirectSQLiteDatabase(connection: reader.connection, logger: logger, eventLoop: loop))
                }
            }
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let db = WriteScope.database { return try await body(db) }
        return try await OperationalMetrics.transaction(dialect, write: true) { try await writer.submit(body) }
    }

    public func shutdown() async {
        await writer.drained()
        checkpointer?.stop()
        for c in connections { c.close() }
        for e in executors { e.stop() }
    }
}
