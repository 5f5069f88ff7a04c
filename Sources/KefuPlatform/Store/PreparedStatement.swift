import SQLKit

/// A statement a hot path runs many times with the same text. On PostgreSQL it is parsed and planned once per
/// connection and afterwards only bound and executed (`PostgresPreparedRunner`); on SQLite it runs as any other.
/// Keep the text fixed: values go in binds, never into the text, or every call prepares a new statement.
public struct ReusedStatement: SQLExpression {
    public let inner: SQLQueryString

    public func serialize(to serializer: inout SQLSerializer) {
        inner.serialize(to: &serializer)
    }
}

/// `db.prepared("…").all()`, `.first()`, `.run()`, as `db.raw` but for a `ReusedStatement`.
public final class PreparedStatementBuilder: SQLQueryFetcher {
    public var query: any SQLExpression
    public var database: any SQLDatabase

    init(_ statement: ReusedStatement, on database: any SQLDatabase) {
        self.query = statement
        self.database = database
    }
}

extension SQLDatabase {
    public func prepared(_ sql: SQLQueryString) -> PreparedStatementBuilder {
        PreparedStatementBuilder(ReusedStatement(inner: sql), on: self)
    }
}

extension SQLDatabase {
    /// Runs data-changing statements that need nothing from one another's results, in the caller's transaction.
    /// PostgreSQL: as one prepared statement, the first ones as data-modifying CTEs of the last (`WITH s0 AS (…)
    /// …`), so one round trip instead of one each (#18: a ticket create's inserts). They run on one snapshot, so no
    /// statement may read what another one writes; foreign keys between their rows hold (checked at the end of the
    /// statement). SQLite: one after the other (no network, no planning to save). Keep each text fixed, as for
    /// `prepared`.
    public func runTogether(_ statements: [SQLQueryString], dialect: StoreDialect) async throws {
        guard dialect == .postgres, let last = statements.last, statements.count > 1 else {
            for statement in statements { try await raw(statement).run() }
            return
        }
        let ctes = statements.dropLast().enumerated().map { i, s in SQLQueryString("s\(unsafeRaw: String(i)) AS (\(s))") }
        try await prepared("WITH \(SQLList(ctes)) \(last)").run()
    }
}
