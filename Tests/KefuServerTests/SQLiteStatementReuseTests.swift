import Foundation
import KefuPlatform
import Testing

/// #17.4: a cached SQLite statement runs again without being parsed and planned again. Since SQLite 3.5x the plan of
/// almost every `column = ?` and of `LIMIT ?` looks at the bound value, and clearing a statement's binds after each run
/// marked it expired, so every run of such a statement re-planned it (6 % of a ticket create's CPU). Counted by
/// SQLite's own counter (`SQLITE_STMTSTATUS_REPREPARE`), not by timing.
@Suite struct SQLiteStatementReuseTests {
    @Test func statementsWithBoundValuesAreNotPlannedAgainOnEachRun() async throws {
        try await TestDatabase.withSQLiteFile(readers: 2) { sqlite in
            let store: any Store = sqlite
            try await store.write { db in
                try await db.raw("CREATE TABLE items (id TEXT PRIMARY KEY, kind TEXT NOT NULL, n INTEGER NOT NULL)").run()
                try await db.raw("CREATE INDEX items_kind ON items (kind, n)").run()
                for i in 0..<40 {
                    try await db.raw("INSERT INTO items (id, kind, n) VALUES (\(bind: "i\(i)"), \(bind: i % 2 == 0 ? "even" : "odd"), \(bind: i))").run()
                }
            }
            @Sendable func round() async throws {
                for i in 0..<30 {
                    let n = try await store.read { db in
                        try await db.raw("SELECT n FROM items WHERE id = \(bind: "i\(i)")").first()?.decode(column: "n", as: Int.self)
                    }
                    #expect(n == i)
                    let page = try await store.read { db in
                        try await db.raw("SELECT id FROM items WHERE kind = \(bind: i % 2 == 0 ? "even" : "odd") ORDER BY n LIMIT \(bind: 5) OFFSET \(bind: i % 4)").all()
                    }
                    #expect(page.count == 5)
                    try await store.write { db in
                        try await db.raw("UPDATE items SET n = n + \(bind: 0) WHERE id = \(bind: "i\(i)")").run()
                    }
                }
            }
            // A first round prepares each statement on the connections it meets (a reader that read the schema before the
            // table was made plans once more on its first run: a schema change, counted as it should be).
            try await round()
            let before = sqlite.statementReplans
            try await round()
            #expect(sqlite.statementReplans - before == 0, "statements planned again: \(sqlite.statementReplans - before)")

            // The counter does count: a schema change makes each cached statement plan again once.
            try await store.write { db in try await db.raw("CREATE INDEX items_n ON items (n)").run() }
            try await store.write { db in
                try await db.raw("UPDATE items SET n = n + \(bind: 0) WHERE id = \(bind: "i1")").run()
            }
            #expect(sqlite.statementReplans - before >= 1)
        }
    }
}
