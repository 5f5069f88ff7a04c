import Logging
import NIOConcurrencyHelpers
import NIOSSL
import PostgresKit
import SQLKit

/// PostgreSQL through `DATABASE_URL`: several stateless Kefu nodes can share one database.
public final class PostgresStore: Store {
    public let dialect = StoreDialect.postgres
    public let client: PostgresClient
    private let runner: Task<Void, Never>
    private let statements = PostgresStatementNames()
    private let logger: Logger
    /// #18.3: how often a deadlocked or unserialisable transaction is run again.
    public let retry: TransactionRetry
    /// #18.6: interrupted once the shutdown grace is over; from then on every database call answers 503 `shutting_down`.
    private let work = InterruptibleWork()

    /// Connections one node opens unless `DATABASE_URL` says `?pool=N`.
    public static let defaultPool = 20

    /// `searchPath` puts every connection in one schema (tests use a fresh schema each). `keepOpen` (the server's
    /// store): all `maxConnections` are opened at start and kept, see `PostgresPoolOptions`.
    public init(location: PostgresLocation, logger: Logger, maxConnections: Int = PostgresStore.defaultPool, searchPath: String? = nil,
                keepOpen: Bool = false, applicationName: String = "kefu", retry: TransactionRetry = TransactionRetry()) {
        var config = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.username,
            password: location.password,
            database: location.database,
            tls: location.requireTLS ? .require(.makeClientConfiguration()) : .disable
        )
        config.options = PostgresPoolOptions.options(maxConnections: maxConnections, searchPath: searchPath, keepOpen: keepOpen,
                                                     applicationName: applicationName)
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.retry = retry
        self.runner = Task { await client.run() }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // Inside a write, read what that write has done so far.
        if let db = WriteScope.database { return try await body(db) }
        return try await OperationalMetrics.transaction(dialect, write: false) {
            try await interruptible {
                try await self.client.withConnection { connection in
                    try await body(self.database(connection))
                }
            }
        }
    }

    /// One transaction. A write started inside another joins it and is never retried on its own: after a deadlock
    /// the whole transaction is rolled back, so only the outermost write can run it again (#18.3).
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let db = WriteScope.database { return try await body(db) }
        let logger = self.logger
        return try await OperationalMetrics.transaction(dialect, write: true) {
            try await interruptible {
                try await self.retry.run(onRetry: { attempt, error in
                    logger.warning("transaction rolled back by PostgreSQL; running it again", metadata: [
                        "sqlstate": "\(TransactionRetry.sqlState(of: error) ?? "")", "attempt": "\(attempt)"])
                }) { _ in try await self.transaction(body) }
            }
        }
    }

    public func writeStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let db = WriteScope.database { return try await body(db) }
        return try await OperationalMetrics.transaction(dialect, write: true) {
            try await interruptible {
                try await self.retry.run { _ in
                    try await self.client.withConnection { connection in try await body(self.database(connection)) }
                }
            }
        }
    }

    private func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let db = self.database(connection)
            try await db.raw("BEGIN").run()
            do {
                let result = try await WriteScope.$database.withValue(db) { try await body(db) }
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// After `interrupt()`, the caller hears 503 `shutting_down` at once, whatever the database call does (fails
    /// on its closed connection, or never ends).
    private func interruptible<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await work.run(body)
    }

    private func database(_ connection: PostgresConnection) -> NulFreeDatabase {
        NulFreeDatabase(base: connection.sql(queryLogLevel: nil), prepared: PostgresPreparedRunner(connection: connection, names: statements, logger: logger),
                        isOpen: { [work] in !connection.isClosed && !work.isInterrupted })
    }

    /// #18.6: closes every connection, those in the middle of a transaction too (PostgreSQL rolls them back), so
    /// that requests waiting on a lock end now with 503 instead of holding the shutdown.
    public func interrupt() async {
        work.interrupt()
        runner.cancel()
    }

    public func shutdown() async {
        runner.cancel()
        _ = await runner.value
    }
}
