import Logging
import NIOConcurrencyHelpers
import SQLKit

/// Runs write jobs on the single SQLite writer connection. Jobs that arrive while a transaction is committing
/// wait and are then committed together in the next transaction, each inside its own savepoint. A job's caller
/// is answered only after the COMMIT that made its changes durable.
///
/// No thread or actor hop per job: the caller that finds the writer idle becomes the leader and runs the queued
/// jobs of the others in its own task; once its own job is committed it hands the lead to the next waiter. All of it
/// runs on the writer's own thread (`executor`): the leader's statements, and the waiters, so that the lead passes
/// to the next waiter on that thread without waiting for a turn on Swift's cooperative pool behind the reads.
final class GroupCommitWriter: Sendable {
    private struct Job: Sendable {
        let run: @Sendable (any SQLDatabase) async throws -> Void
        let signal: JobSignal
    }

    private struct State {
        var pending: [Job] = []
        var leading = false
    }

    private let database: any SQLDatabase
    private let logger: Logger
    private let gate: WriterGate?
    private let executor: ThreadExecutor?
    private let state = NIOLockedValueBox(State())
    /// Upper bound of one group, so that one transaction never holds a huge amount of work.
    private let maxGroup = 256

    init(database: any SQLDatabase, executor: ThreadExecutor? = nil, gate: WriterGate? = nil, logger: Logger) {
        self.database = database
        self.executor = executor
        self.gate = gate
        self.logger = logger
    }

    func submit<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let db = WriteScope.database { return try await body(db) }
        return try await withTaskExecutorPreference(executor) { try await self.queue(body) }
    }

    private func queue<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let box = ResultBox<T>()
        let signal = JobSignal()
        let job = Job(run: { db in box.set(try await body(db)) }, signal: signal)
        let lead = state.withLockedValue { s -> Bool in
            s.pending.append(job)
            if s.leading { return false }
            s.leading = true
            return true
        }
        if lead { await self.lead(until: signal) }
        while true {
            switch await signal.next() {
            case .done(nil): return box.take()
            case .done(let error?): throw error
            case .lead: await self.lead(until: signal)
            }
        }
    }

    /// Commits groups until `own` is done, then passes the lead to the oldest waiting job (or goes idle).
    private func lead(until own: JobSignal) async {
        while !own.isDone {
            await gate?.pass()
            let group = state.withLockedValue { s -> [Job] in
                let g = Array(s.pending.prefix(maxGroup))
                s.pending.removeFirst(g.count)
                return g
            }
            if group.isEmpty { break }
            await commit(group)
        }
        let next = state.withLockedValue { s -> JobSignal? in
            if let first = s.pending.first { return first.signal }
            s.leading = false
            return nil
        }
        next?.send(.lead)
    }

    /// Waits until no job is queued or running (for shutdown).
    func drained() async {
        while state.withLockedValue({ $0.leading || !$0.pending.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    private func exec(_ sql: String) async throws {
        try await database.raw(SQLQueryString(sql)).run()
    }

    private func commit(_ group: [Job]) async {
        var outcomes: [(any Error)?] = []
        outcomes.reserveCapacity(group.count)
        OperationalMetrics.groupCommit(jobs: group.count)
        do {
            try await exec("BEGIN IMMEDIATE")
            for job in group {
                try await exec("SAVEPOINT job")
                do {
                    try await WriteScope.$database.withValue(database) { try await job.run(database) }
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
            for job in group { job.signal.send(.done(error)) }
            return
        }
        for (job, outcome) in zip(group, outcomes) { job.signal.send(.done(outcome)) }
    }
}

/// What a waiting job is told: it is done (with its error, if any), or it now leads the writer.
final class JobSignal: @unchecked Sendable {
    enum Message { case done((any Error)?), lead }

    private let lock = NIOLock()
    private var queued: [Message] = []
    private var waiter: CheckedContinuation<Message, Never>?
    private var finished = false

    var isDone: Bool { lock.withLock { finished } }

    func send(_ message: Message) {
        lock.lock()
        if case .done = message { finished = true }
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume(returning: message)
        } else {
            queued.append(message)
            lock.unlock()
        }
    }

    func next() async -> Message {
        await withCheckedContinuation { (continuation: CheckedContinuation<Message, Never>) in
            lock.lock()
            if !queued.isEmpty {
                let m = queued.removeFirst()
                lock.unlock()
                continuation.resume(returning: m)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}

/// Carries a job's result from inside the transaction to its caller after the commit.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var value: T?
    func set(_ v: T) { value = v }
    func take() -> T { value! }
}
