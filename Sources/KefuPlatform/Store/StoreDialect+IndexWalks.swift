import SQLKit

extension StoreDialect {
    /// Runs `body` with PostgreSQL's bitmap scans and JIT compilation off (SQLite: as is), for statements made of capped
    /// index walks (`… LIMIT n` per arm, #17.7). PostgreSQL misjudges how many tickets a unit-path prefix matches and
    /// answers such an arm with a bitmap of every match (60,000 for a dense unit, 5–30 ms each) where an index scan stops
    /// at the cap (1–2 ms). The same misjudgement rates a statement of several such walks above `jit_above_cost`, and
    /// compiling it took 180 ms of a 190 ms statement. The settings are the connection's: their values are read and set in
    /// one round trip and put back in another before the connection returns to the pool, also when `body` fails (a
    /// connection that breaks mid-way is closed and never reused).
    public func withIndexWalks<T>(_ db: any SQLDatabase, _ body: () async throws -> T) async throws -> T {
        guard self == .postgres else { return try await body() }
        let saved = try await db.raw("""
            SELECT current_setting('enable_bitmapscan') AS bitmaps, current_setting('jit') AS jit,
                   set_config('enable_bitmapscan', 'off', false) AS b, set_config('jit', 'off', false) AS j
            """).first()!
        let bitmaps = try saved.decode(column: "bitmaps", as: String.self), jit = try saved.decode(column: "jit", as: String.self)
        func restore() async throws {
            try await db.raw("SELECT set_config('enable_bitmapscan', \(bind: bitmaps), false), set_config('jit', \(bind: jit), false)").run()
        }
        do {
            let result = try await body()
            try await restore()
            return result
        } catch {
            try? await restore()
            throw error
        }
    }
}
