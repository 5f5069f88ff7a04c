import Foundation
import KefuPlatform
import SQLKit
import Testing

/// #17.4: the writer keeps its temporary storage in files (`temp_store=FILE`), so a write job whose statement journal
/// outgrows 1 MiB spills it to a file instead of having SQLite cut an in-memory journal back after every statement
/// (quadratic: the SLA scanner's batch held the writer for its length). A spilled journal must still undo a failing job.
@Suite struct SQLiteWriterJournalTests {
    private func scalar(_ store: any Store, write: Bool, _ sql: String) async throws -> Int {
        let read: @Sendable (any SQLDatabase) async throws -> Int = { db in
            try await db.raw(SQLQueryString(sql)).first()!.decode(column: "n", as: Int.self)
        }
        return write ? try await store.write(read) : try await store.read(read)
    }

    @Test func theWriterKeepsTemporaryStorageInFilesAndTheReadersInMemory() async throws {
        try await TestDatabase.withSQLiteFile(readers: 1) { store in
            let writer = try await scalar(store, write: true, "SELECT temp_store AS n FROM pragma_temp_store")
            let reader = try await scalar(store, write: false, "SELECT temp_store AS n FROM pragma_temp_store")
            #expect(writer == 1 && reader == 2)
        }
    }

    /// A job that changes some 3 MB of pages one statement at a time fails at its end: its savepoint is undone from the
    /// spilled journal while jobs written beside it stay, and the file is whole.
    @Test func aLargeJobThatFailsIsUndoneWhileTheOthersStay() async throws {
        try await TestDatabase.withSQLiteFile(readers: 1) { store in
            try await store.write { db in
                try await db.raw("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").run()
                try await db.raw("CREATE INDEX notes_body ON notes (body)").run()
                for i in 0..<2_000 {
                    try await db.raw("INSERT INTO notes (id, body) VALUES (\(bind: i), \(bind: "原文 \(i) " + String(repeating: "字", count: 300)))").run()
                }
            }
            struct Abandoned: Error {}
            let large = Task { try await store.write { db in
                for i in 0..<2_000 {
                    try await db.raw("UPDATE notes SET body = \(bind: "改过 \(i) " + String(repeating: "改", count: 300)) WHERE id = \(bind: i)").run()
                }
                throw Abandoned()
            } }
            try await store.write { db in
                for i in 2_000..<2_010 { try await db.raw("INSERT INTO notes (id, body) VALUES (\(bind: i), \(bind: "新 \(i)"))").run() }
            }
            let outcome = await large.result
            #expect(throws: Abandoned.self) { try outcome.get() }
            #expect(try await scalar(store, write: false, "SELECT COUNT(*) AS n FROM notes WHERE body LIKE '改过%'") == 0)
            #expect(try await scalar(store, write: false, "SELECT COUNT(*) AS n FROM notes WHERE body LIKE '原文%'") == 2_000)
            #expect(try await scalar(store, write: false, "SELECT COUNT(*) AS n FROM notes WHERE body LIKE '新%'") == 10)
            let check = try await store.write { db in try await db.raw("PRAGMA integrity_check").first()!.decode(column: "integrity_check", as: String.self) }
            #expect(check == "ok")
        }
    }
}
