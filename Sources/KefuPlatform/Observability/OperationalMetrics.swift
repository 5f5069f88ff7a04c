import Foundation
import Metrics
import Tracing

/// #17.5: what `/metrics` tells an operator beyond the per-route request counts and latencies (Hummingbird's
/// `MetricsMiddleware`): database transaction times and how many are in flight, the SQLite group commit's batch sizes,
/// the background round's duration and when it last finished (the scanner's lag is `time() - that`), and the depth of
/// the mail and webhook queues. Metrics go to the process's metrics system (`kefu serve` bootstraps Prometheus before
/// opening the store); each call looks the metric up, so nothing binds to the no-op system before that.
public enum OperationalMetrics {
    static let transactionsInFlight = InFlightCount()

    /// Runs one transaction and records its time, from asking for a connection (or the SQLite writer) to the end.
    static func transaction<T>(_ dialect: StoreDialect, write: Bool, _ body: () async throws -> T) async rethrows -> T {
        let dimensions = [("engine", dialect == .sqlite ? "sqlite" : "postgres"), ("kind", write ? "write" : "read")]
        let inFlight = Gauge(label: "kefu_db_transactions_in_flight", dimensions: dimensions)
        inFlight.record(transactionsInFlight.change(dimensions, by: 1))
        let started = ContinuousClock.now
        defer {
            Timer(label: "kefu_db_transaction_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
                .recordNanoseconds(nanoseconds(ContinuousClock.now - started))
            inFlight.record(transactionsInFlight.change(dimensions, by: -1))
        }
        // #17.5: a child span of the request's span, inside a traced request only (background rounds make no traces).
        guard tracedRequest else { return try await body() }
        return try await withSpan(write ? "db write" : "db read", ofKind: .client) { span in
            span.attributes["db.system.name"] = dialect == .sqlite ? "sqlite" : "postgresql"
            return try await body()
        }
    }

    /// Set by `TraceRequestsMiddleware` around a request it traces.
    @TaskLocal static var tracedRequest = false

    static func nanoseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }

    /// How many writes one SQLite commit carried.
    static func groupCommit(jobs: Int) {
        Recorder(label: "kefu_db_group_commit_jobs", aggregate: true).record(jobs)
    }

    /// A cached SQLite statement was parsed and planned again (#17.4: should stay near zero).
    static func statementReplanned() {
        Counter(label: "kefu_sqlite_statement_replans_total").increment()
    }

    /// One background round (breach scan, feature passes, webhook deliveries) finished after `duration`.
    public static func backgroundRound(finishedAt: Date, duration: Duration) {
        Timer(label: "kefu_background_round_duration_seconds", preferredDisplayUnit: .seconds).recordNanoseconds(nanoseconds(duration))
        Gauge(label: "kefu_background_round_finished_timestamp_seconds").record(finishedAt.timeIntervalSince1970)
    }

    /// Messages waiting in a queue (`queue`: mail, webhooks), counted after a pass.
    public static func queueDepth(_ queue: String, pending: Int) {
        Gauge(label: "kefu_queue_pending", dimensions: [("queue", queue)]).record(pending)
    }
}

/// Transactions in flight per engine and kind (a gauge records values, it does not count).
final class InFlightCount: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func change(_ dimensions: [(String, String)], by delta: Int) -> Int {
        let key = dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
        lock.lock()
        defer { lock.unlock() }
        let value = (counts[key] ?? 0) + delta
        counts[key] = value
        return value
    }
}
