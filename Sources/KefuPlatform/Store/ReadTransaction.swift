import SQLKit

/// #18.5: several reads that belong together (a search's page and its count) on one snapshot. On PostgreSQL they run
/// in one read-only transaction, in which a statement may also steer the planner for the rest of the transaction
/// (`preferIndexScans`); inside a write they simply join it, and on SQLite (one snapshot per read already) they run
/// as they are.
public struct ReadTransaction: Sendable {
    public let db: any SQLDatabase
    /// True when this is a transaction of its own, whose settings end with it.
    let owned: Bool

    /// PostgreSQL: from here to the end of this transaction the planner takes an index wherever one answers the
    /// statement. For `tokens @> …` on the search documents it rates a sequential scan far too cheap: it prices the
    /// array test like an integer comparison, where it costs about 6 µs a row on a 165-token document (bench/README.md,
    /// #18), so a count of a common word scanned 3,000 rows (30 ms) instead of reading the GIN index (7 ms).
    /// Does nothing inside a write (whose plans it must not change) or on SQLite.
    public func preferIndexScans() async throws {
        guard owned else { return }
        try await db.raw("SET LOCAL enable_seqscan = off").run()
    }
}

extension SQLDatabase {
    /// Runs `body` in one read-only transaction on PostgreSQL (committed at the end, rolled back on error); inside a
    /// write, or on SQLite, `body` runs on this database as it is.
    public func readTransaction<T: Sendable>(dialect: StoreDialect, _ body: (ReadTransaction) async throws -> T) async throws -> T {
        guard dialect == .postgres, WriteScope.database == nil else {
            return try await body(ReadTransaction(db: self, owned: false))
        }
        try await raw("BEGIN READ ONLY").run()
        do {
            let result = try await body(ReadTransaction(db: self, owned: true))
            try await raw("COMMIT").run()
            return result
        } catch {
            try? await raw("ROLLBACK").run()
            throw error
        }
    }
}
