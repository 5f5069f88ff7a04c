import Logging
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

    /// `searchPath` puts every connection in one schema (tests use a fresh schema each).
    public init(location: PostgresLocation, logger: Logger, maxConnections: Int = 20, searchPath: String? = nil) {
        var config = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.username,
            password: location.password,
            database: location.database,
            tls: location.requireTLS ? .require(.makeClientConfiguration()) : .disable
        )
        config.options.maximumConnections = maxConnections
        if let searchPath { config.options.additionalStartupParameters = [("search_path", searchPath)] }
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.runner = Task { await client.run() }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // Inside a write, read what that write has done so far.
        if let db = WriteScope.database { return try await body(db) }
        return try await client.withConnection { connection in
            try await body(self.database(connection))
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let db = WriteScope.database { return try await body(db) }
        return try await client.withConnection { connection in
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

    private func database(_ connection: PostgresConnection) -> NulFreeDatabase {
        NulFreeDatabase(base: connection.sql(queryLogLevel: nil), prepared: PostgresPreparedRunner(connection: connection, names: statements, logger: logger))
    }

    public func shutdown() async {
        runner.cancel()
        _ = await runner.value
    }
}
