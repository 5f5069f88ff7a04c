import Foundation
import KefuPlatform
import SQLKit
import Testing

/// #18.3: a transaction PostgreSQL rolls back for a deadlock (40P01) or a serialisation failure (40001) is run
/// again whole by the outermost write, a bounded number of times; when the attempts run out the caller gets 503
/// `busy_retry`. #18.1: stale rows are pruned without waiting on a row another transaction holds.
@Suite("Transaction retry and lock order")
struct TransactionRetryTests {
    /// Two writes lock two rows in opposite orders, each waiting (first attempt only) until the other holds its first
    /// row: on PostgreSQL they deadlock for real and PostgreSQL rolls one back (40P01). Both writes must succeed, the
    /// victim run a second time — by its outermost write: the nested write runs once per outer attempt, never again on
    /// its own. SQLite's single writer runs them one after the other (no wait, no retry) with the same result.
    @Test func aDeadlockedTransactionIsRunAgainWholeByItsOutermostWrite() async throws {
        try await TestDatabase.withStore { store in
            try await Migrator.migrate(store, [Counters.migration])
            _ = try await store.write { db in try await Counters.next(["dl-a", "dl-b"], in: db) }
            let postgres = store.dialect == .postgres
            let barrier = Barrier(parties: 2)
            let outer = Tally(), inner = Tally()
            func crossing(_ first: String, _ second: String, _ who: Int) async throws -> Int {
                try await store.write { _ in
                    let attempt = outer.add(who)
                    return try await store.write { db in
                        inner.add(who)
                        try await db.raw("UPDATE counters SET value = value + 1 WHERE name = \(bind: first)").run()
                        if postgres && attempt == 1 { await barrier.arrive() }
                        try await db.raw("UPDATE counters SET value = value + 1 WHERE name = \(bind: second)").run()
                        return attempt
                    }
                }
            }
            async let one = crossing("dl-a", "dl-b", 1)
            async let two = crossing("dl-b", "dl-a", 2)
            let attempts = try await [one, two]
            let values = try await store.read { db in
                try await db.raw("SELECT name, value FROM counters WHERE name IN ('dl-a', 'dl-b') ORDER BY name").all()
                    .map { try $0.decode(column: "value", as: Int.self) }
            }
            #expect(values == [3, 3])
            #expect(inner.counts == outer.counts)
            if postgres {
                #expect(attempts.sorted() == [1, 2], "one of the two was rolled back by the deadlock and ran again: \(attempts)")
                #expect(outer.total == 3)
            } else {
                #expect(attempts == [1, 1])
                #expect(outer.total == 2)
            }
        }
    }

    /// The bound: a failure that keeps coming back ends in 503 `busy_retry` after the last attempt; any other error
    /// is not retried at all.
    @Test func retriesAreBoundedAndEndIn503BusyRetry() async throws {
        struct Collision: Error {}
        let retry = TransactionRetry(attempts: 4, pauseMillis: 1)
        let runs = Tally()
        do {
            _ = try await retry.run(retryable: { $0 is Collision }) { _ -> Int in
                runs.add(0)
                throw Collision()
            }
            Issue.record("the retries should have run out")
        } catch let error as AppError {
            #expect(error.status == .serviceUnavailable)
            #expect(error.code == "busy_retry")
            #expect(error.message.zh.contains("繁忙") && error.message.en.contains("busy"))
        }
        #expect(runs.total == 4)

        let once = Tally()
        await #expect(throws: AppError.self) {
            _ = try await retry.run(retryable: { $0 is Collision }) { _ -> Int in
                once.add(0)
                throw AppError.conflict("other", Text("别的", "other"))
            }
        }
        #expect(once.total == 1)
        let third = try await retry.run(retryable: { $0 is Collision }) { n -> Int in
            if n < 3 { throw Collision() }
            return n
        }
        #expect(third == 3)
        // Only PostgreSQL's deadlock and serialisation failures are retried by the store.
        #expect(!TransactionRetry.isRetryable(Collision()))
    }

    /// #18.1: a prune deletes the stale rows it can take and passes over one another transaction holds, instead of
    /// waiting for it (on PostgreSQL the old `DELETE … WHERE expires_at < now` waited, and two such deletes could
    /// wait on each other). SQLite: the prune deletes exactly the stale rows.
    @Test func aPruneDeletesStaleRowsWithoutWaitingOnAHeldOne() async throws {
        try await TestDatabase.withStore { store in
            try await store.write { db in
                try await db.raw("CREATE TABLE prune_probe (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)").run()
                try await db.raw("INSERT INTO prune_probe (id, expires_at) VALUES ('held', 1), ('old', 2), ('live', 100)").run()
            }
            let dialect = store.dialect
            let prune: @Sendable () async throws -> Void = {
                try await store.write { db in
                    // Waiting on the held row ends in an error (55P03) after 3 s of waiting for that lock alone, so a
                    // slow machine (a pool connection, a checkpoint) cannot fail the test and a prune that waits still does.
                    if dialect == .postgres { try await db.raw("SET LOCAL lock_timeout = '3s'").run() }
                    try await Prune.rows(db, dialect: dialect, table: "prune_probe", key: ["id"], where: "expires_at < \(bind: 50)")
                }
            }
            if dialect == .postgres {
                let held = Barrier(parties: 2), pruned = Barrier(parties: 2)
                async let holder: Bool = store.write { db in
                    _ = try await db.raw("SELECT id FROM prune_probe WHERE id = 'held' FOR UPDATE").first()
                    await held.arrive()
                    // Holds the row until the prune is done (the bound only keeps a broken run from hanging).
                    return await pruned.arrive(within: .seconds(120))
                }
                await held.arrive()
                let outcome: Result<Void, Error>
                do { try await prune(); outcome = .success(()) } catch { outcome = .failure(error) }
                _ = await pruned.arrive(within: .seconds(120))
                #expect(try await holder, "the holder gave up waiting for the prune")
                if case .failure(let error) = outcome { Issue.record("the prune waited on the held row: \(String(reflecting: error))") }
            } else {
                try await prune()
            }
            let left = try await store.read { db in
                try await db.raw("SELECT id FROM prune_probe ORDER BY id").all().map { try $0.decode(column: "id", as: String.self) }
            }
            #expect(left == (dialect == .postgres ? ["held", "live"] : ["live"]))
        }
    }
}

/// Releases everyone once `parties` have arrived.
actor Barrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arrive() async {
        arrived += 1
        if arrived >= parties {
            for w in waiting { w.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Arrives and waits at most `limit`; false when the others did not come in time.
    nonisolated func arrive(within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.arrive(); return true }
            group.addTask { try? await Task.sleep(for: limit); return false }
            let first = await group.next() ?? false
            if !first { await self.releaseAll() }
            group.cancelAll()
            return first
        }
    }

    private func releaseAll() {
        arrived = parties
        for w in waiting { w.resume() }
        waiting.removeAll()
    }
}

/// Counts calls per party, from any task.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var byParty: [Int: Int] = [:]

    /// Counts one call of `party`; returns its count so far.
    @discardableResult
    func add(_ party: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        byParty[party, default: 0] += 1
        return byParty[party]!
    }

    var counts: [Int: Int] { lock.lock(); defer { lock.unlock() }; return byParty }
    var total: Int { counts.values.reduce(0, +) }
}
