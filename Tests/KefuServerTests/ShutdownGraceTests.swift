import Foundation
import KefuApp
import KefuPlatform
import Testing

/// #18.6: the shutdown grace `kefu serve` reads, and what the store answers once the grace is over (the behaviour of
/// the process under SIGTERM with a request blocked on a row lock is e2e/test_pg_shutdown.py).
@Suite("Bounded shutdown")
struct ShutdownGraceTests {
    @Test func theGraceComesFromTheEnvironment() throws {
        #expect(try ShutdownGrace.seconds(from: [:]) == 10)
        #expect(try ShutdownGrace.seconds(from: ["KEFU_SHUTDOWN_GRACE_SECONDS": " 0 "]) == 0)
        #expect(try ShutdownGrace.seconds(from: ["KEFU_SHUTDOWN_GRACE_SECONDS": "30"]) == 30)
        for bad in ["-1", "3601", "ten", "1.5"] {
            #expect(throws: AppError.self) { try ShutdownGrace.seconds(from: ["KEFU_SHUTDOWN_GRACE_SECONDS": bad]) }
        }
    }

    /// PostgreSQL: after `interrupt()` every call is answered 503 `shutting_down` (its connections are closed).
    /// SQLite: there is nothing to cut off (no transaction waits on another process), and the store goes on working.
    @Test func anInterruptedStoreAnswersShuttingDown() async throws {
        try await TestDatabase.withStore { store in
            try await Migrator.migrate(store, [Counters.migration])
            await store.interrupt()
            if store.dialect == .postgres {
                for call in 0..<2 {
                    do {
                        _ = try await store.write { db in try await Counters.next("after-interrupt", in: db) }
                        Issue.record("call \(call) ran after the interrupt")
                    } catch let error as AppError {
                        #expect(error.status == .serviceUnavailable && error.code == "shutting_down")
                    }
                }
                await #expect(throws: AppError.self) { _ = try await store.read { db in try await db.raw("SELECT 1 AS one").first() } }
            } else {
                let n = try await store.write { db in try await Counters.next("after-interrupt", in: db) }
                #expect(n == 1)
            }
        }
    }
}
