import KefuDomain
import KefuPlatform
import SQLKit

/// The database side of sign-in throttling (#10.4, #10.5): one small counter row per source address and per account
/// name (keyed by a SHA-256, never the raw text), pruned when quiet; and the sources (address, device cookie) that
/// signed in to an account before. Shared by every node through the database.
struct SignInThrottle: Sendable {
    let store: any Store

    static func accountKey(_ username: String) -> String { "a:" + Secrets.hash(username.lowercased()) }
    static func sourceKey(_ address: String) -> String { "s:" + Secrets.hash(address) }
    static func addressMark(_ address: String) -> String { Secrets.hash("ip:" + address) }
    static func deviceMark(_ token: String) -> String { Secrets.hash("device:" + token) }
    /// Known sources are forgotten after 180 days without a sign-in.
    static let knownForMillis: Int64 = 180 * 24 * 3600 * 1000

    static func tooMany(waitMillis: Int64) -> AppError {
        let seconds = LoginThrottle.retryAfterSeconds(waitMillis)
        return AppError(.tooManyRequests, "too_many_attempts",
                        Text("登录失败次数过多，请 {0} 秒后再试", "Too many failed sign-ins; try again in {0} seconds").with(String(seconds)),
                        details: ["retryAfter": String(seconds)])
    }

    /// Which of the marks the user has signed in from before.
    func knownMarks(userId: String, marks: [String]) async throws -> Set<String> {
        guard !marks.isEmpty else { return [] }
        return try await store.read { db in
            Set(try await db.raw("""
                SELECT source_hash FROM known_sign_in_sources WHERE user_id = \(bind: userId) AND source_hash IN (\(SQLList(marks.map { SQLBind($0) })))
                """).all().map { try $0.decode(column: "source_hash", as: String.self) })
        }
    }

    /// Milliseconds until the counter `key` lets another attempt through, or nil.
    func wait(keys: [String], now: Int64) async throws -> [String: Int64] {
        try await store.read { db in
            var out: [String: Int64] = [:]
            for row in try await db.raw("""
                SELECT throttle_key, failures, last_at FROM login_throttle WHERE throttle_key IN (\(SQLList(keys.map { SQLBind($0) })))
                """).all() {
                let wait = LoginThrottle.wait(failures: try row.decode(column: "failures", as: Int.self),
                                              lastFailureAt: try row.decode(column: "last_at", as: Int64.self), now: now)
                if let wait { out[try row.decode(column: "throttle_key", as: String.self)] = wait }
            }
            return out
        }
    }

    /// Counts one failure on each key (one transaction) and prunes quiet counters. #18.1: the counter rows are
    /// taken in key order, as `recordSuccess` takes them, and the prune waits on no row.
    func recordFailure(keys: [String], now: Int64) async throws {
        let forgottenBefore = now - LoginThrottle.forgetAfterMillis
        let dialect = store.dialect
        try await store.write { db in
            for key in Set(keys).sorted() {
                try await db.raw("""
                    INSERT INTO login_throttle (throttle_key, failures, last_at) VALUES (\(bind: key), 1, \(bind: now))
                    ON CONFLICT (throttle_key) DO UPDATE SET
                        failures = CASE WHEN login_throttle.last_at < \(bind: forgottenBefore) THEN 1 ELSE login_throttle.failures + 1 END,
                        last_at = \(bind: now)
                    """).run()
            }
            try await Prune.rows(db, dialect: dialect, table: "login_throttle", key: ["throttle_key"], where: "last_at < \(bind: forgottenBefore)")
        }
    }

    /// A successful sign-in clears the counters and remembers where it came from.
    /// #18.1: one counter row at a time in key order (a `DELETE … IN (…)` locks them in plan order).
    func recordSuccess(userId: String, keys: [String], marks: [String], now: Int64) async throws {
        let dialect = store.dialect
        try await store.write { db in
            for key in Set(keys).sorted() {
                try await db.raw("DELETE FROM login_throttle WHERE throttle_key = \(bind: key)").run()
            }
            for mark in Set(marks).sorted() {
                try await db.raw("""
                    INSERT INTO known_sign_in_sources (user_id, source_hash, last_at) VALUES (\(bind: userId), \(bind: mark), \(bind: now))
                    ON CONFLICT (user_id, source_hash) DO UPDATE SET last_at = \(bind: now)
                    """).run()
            }
            try await Prune.rows(db, dialect: dialect, table: "known_sign_in_sources", key: ["user_id", "source_hash"],
                                 where: "last_at < \(bind: now - Self.knownForMillis)")
        }
    }
}
