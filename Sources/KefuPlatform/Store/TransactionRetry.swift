import Foundation
import PostgresKit

/// #18.3: a transaction that PostgreSQL aborted because it deadlocked (SQLSTATE 40P01) or could not be serialised
/// (40001) did nothing, and running it again usually succeeds. The whole transaction is run again — never a
/// statement of it — a bounded number of times with a short, jittered pause, so that two transactions that collided
/// do not collide again in step. When the attempts run out the caller gets 503 `busy_retry`, never a 500.
public struct TransactionRetry: Sendable {
    /// Attempts in all, the first included.
    public let attempts: Int
    /// The pause before attempt n + 1 is a random time up to `pauseMillis × n`.
    public let pauseMillis: Int

    public init(attempts: Int = 5, pauseMillis: Int = 20) {
        self.attempts = max(1, attempts)
        self.pauseMillis = max(0, pauseMillis)
    }

    public static let exhausted = AppError(
        .serviceUnavailable, "busy_retry",
        Text("系统繁忙（数据库并发冲突），请稍后重试", "The server is busy (conflicting database work); please try again shortly"))

    /// The SQLSTATE of a PostgreSQL error, if it is one the server reported.
    public static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// A unique index refused the row (23505), e.g. another request inserted the same key first.
    public static func isUniqueViolation(_ error: any Error) -> Bool { sqlState(of: error) == "23505" }

    /// Deadlock detected (40P01) or serialisation failure (40001): the transaction was rolled back whole.
    public static func isRetryable(_ error: any Error) -> Bool {
        guard let state = sqlState(of: error) else { return false }
        return state == "40P01" || state == "40001"
    }

    /// Runs `attempt` (given its number, from 1) until it returns, throws an error `retryable` refuses, or the
    /// attempts run out (then `exhausted`). `onRetry` hears of each failure that is tried again.
    public func run<T: Sendable>(retryable: (any Error) -> Bool = TransactionRetry.isRetryable,
                                 onRetry: (Int, any Error) -> Void = { _, _ in },
                                 _ attempt: (Int) async throws -> T) async throws -> T {
        var n = 1
        while true {
            do {
                return try await attempt(n)
            } catch where retryable(error) {
                guard n < attempts else { throw Self.exhausted }
                onRetry(n, error)
                if pauseMillis > 0 {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 1...(pauseMillis * n))))
                }
                n += 1
            }
        }
    }
}
