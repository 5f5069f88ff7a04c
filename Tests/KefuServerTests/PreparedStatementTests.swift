import Foundation
import KefuPlatform
import Logging
import SQLKit
import Testing

/// `db.prepared(…)`: PostgreSQL runs it as a named prepared statement (once per connection), SQLite as any other.
@Suite("Prepared statements")
struct PreparedStatementTests {
    @Test func preparedAndUnpreparedReadAndWriteTheSame() async throws {
        try await TestDatabase.withStore { store in
            try await store.write { db in
                try await db.raw("CREATE TABLE probe (id TEXT PRIMARY KEY, n BIGINT NOT NULL, small INTEGER NOT NULL, note TEXT)").run()
            }
            let rows: [(String, Int64, Int, String?)] = [("a", 1, 1, "甲"), ("b", -5_000_000_000, 7, nil), ("c", 0, -2, "x\0y"), ("d", 42, 3, "")]
            for (id, n, small, note) in rows {
                try await store.write { db in
                    try await db.prepared("INSERT INTO probe (id, n, small, note) VALUES (\(bind: id), \(bind: n), \(bind: small), \(bind: note))").run()
                }
            }
            for (id, n, small, note) in rows {
                let (prepared, raw) = try await store.read { db in
                    let q: SQLQueryString = "SELECT n, small, note FROM probe WHERE id = \(bind: id)"
                    return (try await db.prepared(q).first(), try await db.raw(q).first())
                }
                for row in [prepared, raw] {
                    #expect(try row?.decode(column: "n", as: Int64.self) == n)
                    #expect(try row?.decode(column: "small", as: Int.self) == small)
                    // NUL characters are dropped from bound text, prepared or not.
                    #expect(try row?.decode(column: "note", as: String?.self) == note.map { $0.replacingOccurrences(of: "\0", with: "") })
                }
            }
            let missing = try await store.read { db in try await db.prepared("SELECT n FROM probe WHERE id = \(bind: "zz")").first() }
            #expect(missing == nil)
            // A NULL bind and a text bind in the same place are two statements with their own parameter types.
            let nullNotes = try await store.read { db in
                try await db.prepared("SELECT COUNT(*) AS c FROM probe WHERE note IS NOT DISTINCT FROM \(bind: String?.none)").first()!.decode(column: "c", as: Int.self)
            }
            #expect(nullNotes == 1)
        }
    }

    /// #13.9: on PostgreSQL a prepared statement's rows decode text, integers and booleans straight from the cell
    /// (`PostgresFastRow`); each type, NULLs, a type left to PostgresKit, and the errors must come out as from a raw row.
    @Test func preparedRowsDecodeEveryTypeAsRawRowsDo() async throws {
        try await TestDatabase.withStore { store in
            let q: SQLQueryString = """
                SELECT \(bind: "文本") AS t, CAST(NULL AS TEXT) AS tn, CAST(7 AS INTEGER) AS i4, CAST(-5000000000 AS BIGINT) AS i8,
                CAST(NULL AS BIGINT) AS inull, \(bind: true) AS b, CAST(2.5 AS REAL) AS r
                """
            let (prepared, raw) = try await store.read { db in (try await db.prepared(q).first()!, try await db.raw(q).first()!) }
            for row in [prepared, raw] {
                #expect(try row.decode(column: "t", as: String.self) == "文本")
                #expect(try row.decode(column: "t", as: String?.self) == "文本")
                #expect(try row.decode(column: "tn", as: String?.self) == nil)
                #expect(try row.decodeNil(column: "tn"))
                #expect(try !row.decodeNil(column: "t"))
                #expect(try row.decode(column: "i4", as: Int.self) == 7)
                #expect(try row.decode(column: "i4", as: Int?.self) == 7)
                #expect(try row.decode(column: "i8", as: Int64.self) == -5_000_000_000)
                #expect(try row.decode(column: "i8", as: Int64?.self) == -5_000_000_000)
                #expect(try row.decode(column: "inull", as: Int64?.self) == nil)
                #expect(try row.decode(column: "inull", as: Int?.self) == nil)
                #expect(try row.decode(column: "b", as: Bool.self) == true)
                #expect(try row.decode(column: "b", as: Bool?.self) == true)
                // A type the fast path does not list goes to the driver's own decoding.
                #expect(try row.decode(column: "r", as: Float.self) == 2.5)
                #expect(row.contains(column: "t"))
                #expect(!row.contains(column: "nope"))
                #expect(Set(row.allColumns) == ["t", "tn", "i4", "i8", "inull", "b", "r"])
                #expect(throws: (any Error).self) { try row.decode(column: "nope", as: String.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "tn", as: String.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "inull", as: Int64.self) }
            }
        }
    }

    /// Text arrays (the search documents' tokens) bound prepared and unprepared arrive element for element, the odd
    /// ones included; so do the other binds encoded by their own type (`PostgresPreparedRunner.append`).
    @Test func textArraysAndScalarsBindTheSamePreparedOrNot() async throws {
        try await withSingleConnectionPostgres { store in
            let texts = ["风机", "", "a,b", "{x}", "say \"hi\"", "back\\slash", "NULL", "\u{E000}zu1", " spaced "]
            for array in [texts, [], ["一"]] {
                let q: SQLQueryString = """
                    SELECT COALESCE(array_length(\(bind: array)::text[], 1), 0) AS n, \(bind: array)::text[] AS a,
                        \(bind: "文本") AS t, \(bind: Int(-7)) AS i, \(bind: Int64(5_000_000_000)) AS l
                    """
                let (prepared, raw) = try await store.read { db in (try await db.prepared(q).first()!, try await db.raw(q).first()!) }
                for row in [prepared, raw] {
                    #expect(try row.decode(column: "n", as: Int.self) == array.count)
                    #expect(try row.decode(column: "a", as: [String].self) == array)
                    #expect(try row.decode(column: "t", as: String.self) == "文本")
                    #expect(try row.decode(column: "i", as: Int.self) == -7)
                    #expect(try row.decode(column: "l", as: Int64.self) == 5_000_000_000)
                }
            }
        }
    }

    @Test func postgresPreparesAStatementOncePerConnection() async throws {
        try await withSingleConnectionPostgres { store in
            let sql: SQLQueryString = "SELECT \(bind: Int64(41)) + 1 AS n"
            let (results, prepared) = try await store.write { db in
                var results: [Int] = []
                for _ in 0..<3 { results.append(try await db.prepared(sql).first()!.decode(column: "n", as: Int.self)) }
                let prepared = try await db.raw("SELECT COUNT(*) AS c FROM pg_prepared_statements WHERE statement = 'SELECT $1 + 1 AS n'")
                    .first()!.decode(column: "c", as: Int.self)
                return (results, prepared)
            }
            #expect(results == [42, 42, 42])
            #expect(prepared == 1)
        }
    }

    @Test func aPreparationThatFailedInAnAbortedTransactionIsTriedAgainLater() async throws {
        try await withSingleConnectionPostgres { store in
            let sql: SQLQueryString = "SELECT \(bind: "甲") || 'x' AS s"
            await #expect(throws: (any Error).self) {
                try await store.write { db in
                    do { try await db.raw("SELECT 1 / 0").run() } catch {}
                    // The transaction is aborted: its first preparation on this connection fails.
                    _ = try await db.prepared(sql).first()
                }
            }
            let value = try await store.read { db in try await db.prepared(sql).first()!.decode(column: "s", as: String.self) }
            #expect(value == "甲x")
        }
    }

    /// One connection, so that what a statement left on the connection is seen by the next use.
    private func withSingleConnectionPostgres(_ body: (PostgresStore) async throws -> Void) async throws {
        guard let location = try TestDatabase.postgresLocation() else { return }
        let store = PostgresStore(location: location, logger: TestDatabase.logger, maxConnections: 1)
        do {
            try await body(store)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}
