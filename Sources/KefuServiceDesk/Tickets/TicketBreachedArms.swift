import KefuPlatform
import SQLKit

extension TicketQueries {
    /// #17.7 on PostgreSQL: the whole organisation's "breached" list, newest first, read from its two sources apart —
    /// the tickets past due and the tickets with a breach on record — each as far as the page (or the count) reaches,
    /// and merged. As one condition (`id IN (breaches) OR due_at < now`) the planner cannot tell how many tickets
    /// match: it rates the OR at one half and walks the rid index from the newest, expecting to stop after the page.
    /// With few tickets breached that walk read every ticket: 1.3 s a page at a million (bench/README). Each source
    /// alone is a condition PostgreSQL estimates, so it picks the walk where matches are many and the due index or
    /// the breach records where they are few. The newest `offset + per` of the union are among the newest
    /// `offset + per` of each source; the two parts of the count are each counted to `countLimit + 1`, and their sum is
    /// past the limit exactly when the whole is. nil where the list has any other condition, scope or order, and on SQLite,
    /// which already reads each side of the OR off its own index.
    static func breachedNewestArms(_ db: any SQLDatabase, _ filter: TicketFilter, onlyCondition: Bool, paging: Paging,
                                   now: Int64, countLimit: Int, dialect: StoreDialect) async throws -> (rows: [TicketRow], counted: Int)? {
        guard dialect == .postgres, onlyCondition, filter.breached == true, filter.sort == .created else { return nil }
        func late(_ t: String) -> SQLQueryString { "\(unsafeRaw: t).due_at IS NOT NULL AND \(unsafeRaw: t).due_at < \(bind: now)" }
        func recorded(_ t: String) -> SQLQueryString {
            "EXISTS (SELECT 1 FROM ticket_breaches b WHERE b.ticket_id = \(unsafeRaw: t).id)"
        }
        func newest(_ condition: SQLQueryString, limit: Int) -> SQLQueryString {
            "(SELECT s.rid FROM tickets s WHERE \(condition) ORDER BY s.rid DESC LIMIT \(bind: limit))"
        }
        // Counted as two parts that do not overlap (past due; on record and not past due), so nothing is hashed.
        let reach: SQLQueryString = countLimit == Int.max ? "" : " LIMIT \(bind: countLimit + 1)"
        let counted = try await db.raw("""
            SELECT (SELECT COUNT(*) FROM (SELECT 1 AS one FROM tickets s WHERE \(late("s"))\(reach)) a)
                 + (SELECT COUNT(*) FROM (SELECT 1 AS one FROM tickets s WHERE \(recorded("s")) AND NOT (\(late("s")))\(reach)) b) AS n
            """).first()!.decode(column: "n", as: Int.self)
        let reached = paging.offset + paging.per
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: TicketRow.columns) FROM \(unsafeRaw: TicketRow.from)
            WHERE t.rid IN (\(newest(late("s"), limit: reached)) UNION \(newest(recorded("s"), limit: reached)))
            ORDER BY t.rid DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { try TicketRow(row: $0) }
        return (rows, counted)
    }
}
