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

    /// The interrupt answers a call whose work never ends (a statement PostgresNIO leaves waiting on a closed
    /// connection): the caller hears `shutting_down` at once instead of holding the shutdown.
    @Test func theInterruptAnswersWorkThatNeverEnds() async throws {
        let work = InterruptibleWork()
        #expect(try await work.run { 42 } == 42)
        let hanging = Task { try await work.run { () async throws -> Int in
            try await Task.sleep(for: .seconds(600))
            return 1
        } }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        work.interrupt()
        do {
            _ = try await hanging.value
            Issue.record("the hanging call returned a value")
        } catch let error as AppError {
            #expect(error.code == "shutting_down")
        }
        #expect(ContinuousClock.now - started < .seconds(300), "the caller waited for the work instead of the interrupt")
        await #expect(throws: AppError.self) { _ = try await work.run { 1 } }
    }

    /// Before the interrupt a failure is the work's own; the caller's cancellation reaches the work.
    @Test func failuresAndCancellationPassThrough() async throws {
        struct Own: Error {}
        let work = InterruptibleWork()
        await #expect(throws: Own.self) { _ = try await work.run { () async throws -> Int in throw Own() } }
        let waiting = Task { try await work.run { () async throws -> Int in
            try await Task.sleep(for: .seconds(600))
            return 1
        } }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
    }

    /// PostgreSQL: a transaction in the middle of a statement when the grace ends is answered `shutting_down`
    /// without waiting for the statement.
    @Test func aStatementInProgressIsCutOffByTheInterrupt() async throws {
        try await TestDatabase.withStore { store in
            guard store.dialect == .postgres else { return }
            // The statement_timeout only ends the backend's sleep should the test fail; the answer must come first.
            let sleeping = Task { try await store.write { db in
                try await db.raw("SET LOCAL statement_timeout = '45s'").run()
                try await db.raw("SELECT pg_sleep(600)").run()
            } }
            let clock = ContinuousClock(), deadline = clock.now + .seconds(60)
            while try await store.read({ db in
                try await db.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'").first()?.decode(column: "n", as: Int.self) ?? 0
            }) == 0 {
                #expect(clock.now < deadline, "the statement never started")
                if clock.now >= deadline { return }
                try await Task.sleep(for: .milliseconds(20))
            }
            let interrupted = clock.now
            await store.interrupt()
            do {
                try await sleeping.value
                Issue.record("the statement ran to its end")
            } catch let error as AppError {
                #expect(error.code == "shutting_down")
            }
            #expect(clock.now - interrupted < .seconds(30), "the caller waited for the statement")
        }
    }
}
