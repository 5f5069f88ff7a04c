import SQLKit

/// A register's list (the property and scenic registers): how many rows the conditions keep, and the page of them in
/// the given order, read with the same conditions.
public enum RegisterQuery {
    /// `from`: the table with its alias and any joins the conditions need; `select`: the page's SELECT … FROM … up to
    /// where the conditions go.
    public static func page(_ db: any SQLDatabase, from: String, select: String, where conditions: [SQLQueryString], order: String,
                            paging: Paging) async throws -> (rows: [any SQLRow], total: Int) {
        let filter: SQLQueryString = "WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: from) \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: select) \(filter) ORDER BY \(unsafeRaw: order) LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all()
        return (rows, total)
    }
}
