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
