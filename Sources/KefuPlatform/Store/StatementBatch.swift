import SQLKit

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
