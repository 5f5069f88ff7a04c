import Foundation
import KefuPlatform
import Testing

/// #17.7 (`ThreadExecutor`): each SQLite connection does its work on a thread of its own, so a slow read blocks only
/// its connection's thread and never the cooperative pool that the writer and every request need. Checked by the name
/// of the thread the store's caller runs on, not by timing: on the cooperative pool the names are not these.
@Suite struct SQLiteConnectionThreadTests {
    @Test func readsRunOnTheirReaderConnectionsThreadAndWritesOnTheWritersThread() async throws {
        try await TestDatabase.withSQLiteFile(readers: 2) { store in
            let written = try await store.write { db in
                try await db.raw("CREATE TABLE t (n INTEGER)").run()
                try await db.raw("INSERT INTO t (n) VALUES (1)").run()
                return currentThreadName()
            }
            #expect(written == "kefu-sql-w")

            let readers = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        try await store.read { db in
                            _ = try await db.raw("SELECT n FROM t").all()
                            return currentThreadName()
                        }
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(readers.count == 16)
            #expect(Set(readers).isSubset(of: ["kefu-sql-r0", "kefu-sql-r1"]), "read on \(Set(readers))")
        }
    }
}

/// The kernel's name of the thread this runs on (Foundation's `Thread.current.name` does not show it on Linux).
private func currentThreadName() -> String? {
    (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
}
