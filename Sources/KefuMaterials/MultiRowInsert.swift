import SQLKit

/// Multi-row `INSERT … VALUES` in chunks (one statement per `chunk` rows, never one per row): the bulk form the posting
/// paths use on both engines (#12, PostgreSQL speed). `values(i, row)` draws the parenthesised values of the i-th row.
enum MultiRowInsert {
    static func run<Row>(_ db: any SQLDatabase, into target: SQLQueryString, _ rows: [Row], chunk: Int = 500,
                         values: (Int, Row) -> SQLQueryString) async throws {
        var start = 0
        while start < rows.count {
            let end = min(start + chunk, rows.count)
            let list = SQLList((start..<end).map { values($0, rows[$0]) })
            try await db.raw("INSERT INTO \(target) VALUES \(list)").run()
            start = end
        }
    }
}
