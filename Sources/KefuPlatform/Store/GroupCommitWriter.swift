import Logging
import SQLKit

/// Runs write jobs on the single SQLite writer connection. Jobs that arrive while a transaction is committing
/// wait and are then committed together in the next transaction, each inside its own savepoint. A job's caller
/// is answered only after the COMMIT that made its changes durable.
actor GroupCommitWriter {
    private struct Job: Sendable {
        let run: @Sendable (any SQLDatabase) async throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private let database: any SQLDatabase
    private let logger: Logger
    private var pending: [Job] = []
    private var draining = false
    /// Upper bound of one group, so that one transaction never holds a huge amount of work.
    private let maxGroup = 256

    init(database: any SQLDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    func submit<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let box = ResultBox<T>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { db in box.set(try await body(db)) },
                finish: { error in
                    if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: box.take()) }
                }
            )
            pending.append(job)
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let group = Array(pending.prefix(maxGroup))
            pending.removeFirst(group.count)
            await commit(group)
        }
        draining = false
    }

    private func exec(_ sql: String) async throws {
        try await database.raw(SQLQueryString(sql)).run()
    }

    private func commit(_ group: [Job]) async {
        var outcomes: [(any Error)?] = []
        outcomes.reserveCapacity(group.count)
        do {
            try await exec("BEGIN IMMEDIATE")
            for job in group {
                try await exec("SAVEPOINT job")
                do {
                    try await job.run(database)
                    try await exec("RELEASE job")
                    outcomes.append(nil)
                } catch {
                    try await exec("ROLLBACK TO job")
                    try await exec("RELEASE job")
                    outcomes.append(error)
                }
            }
            try await exec("COMMIT")
        } catch {
            logger.error("group commit failed", metadata: ["error": "\(String(reflecting: error))"])
            try? await exec("ROLLBACK")
            for job in group { job.finish(error) }
            return
        }
        for (job, outcome) in zip(group, outcomes) { job.finish(outcome) }
    }
}

/// Carries a job's result from inside the transaction to its caller after the commit.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var value: T?
    func set(_ v: T) { value = v }
    func take() -> T { value! }
}
