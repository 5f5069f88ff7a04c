import SQLKit

/// #18.1: removes stale rows (expired sessions, quiet counters) without waiting on any. One `DELETE … WHERE <age>`
/// locks the rows it deletes in the order its plan meets them, so two such deletes (or one and a transaction that
/// holds a row it wants) can wait on each other in a circle. On PostgreSQL the rows are picked `FOR UPDATE SKIP
/// LOCKED`: a row another transaction holds is left for the next prune. SQLite's single writer needs no clause.
public enum Prune {
    /// Deletes the rows of `table` that match `condition` and that no other transaction holds; `key` names the
    /// primary key's columns.
    public static func rows(_ db: any SQLDatabase, dialect: StoreDialect, table: String, key: [String], where condition: SQLQueryString) async throws {
        let columns = key.joined(separator: ", ")
        try await db.raw("""
            DELETE FROM \(unsafeRaw: table) WHERE \(unsafeRaw: key.count == 1 ? columns : "(" + columns + ")") IN \
            (SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) WHERE \(condition)\(unsafeRaw: dialect.rowLock(skipLocked: true)))
            """).run()
    }
}
