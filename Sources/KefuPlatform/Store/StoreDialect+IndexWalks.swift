import SQLKit

extension StoreDialect {
    /// Runs `body` with PostgreSQL's bitmap scans and JIT compilation off (SQLite: as is), for statements made of capped
    /// index walks (`… LIMIT n` per arm, #17.7). PostgreSQL misjudges how many tickets a unit-path prefix matches and
    /// answers such an arm with a bitmap of every match (60,000 for a dense unit, 5–30 ms each) where an index scan stops
    /// at the cap (1–2 ms). The same misjudgement rates a statement of several such walks above `jit_above_cost`, and
    /// compiling it took 180 ms of a 190 ms statement.
    public func withIndexWalks<T>(_ db: any SQLDatabase, _ body: () async throws -> T) async throws -> T {
        try await withPlanner(db, ["enable_bitmapscan": "off", "jit": "off"], body)
    }

    /// Runs `body` with PostgreSQL's sequential scans and JIT compilation off (SQLite: as is), for a count limited to a
    /// unit's tickets (#17.7), which its indexes always answer. Expecting the unit's tickets spread evenly over the table,
    /// PostgreSQL may plan a sequential scan that stops at the count's cap; that scan starts where the table's previous
    /// one stopped (`synchronize_seqscans`), so a dense unit's count read 90,000 rows one time and 500,000 the next
    /// (30–150 ms, where the unit's indexes take 34 ms every time).
    public func withoutTableScans<T>(_ db: any SQLDatabase, _ body: () async throws -> T) async throws -> T {
        try await withPlanner(db, ["enable_seqscan": "off", "jit": "off"], body)
    }

    /// The settings are the connection's: their values are read and set in one round trip and put back in another
    /// before the connection returns to the pool, also when `body` fails (a connection that breaks mid-way is closed
    /// and never reused).
    private func withPlanner<T>(_ db: any SQLDatabase, _ settings: [String: String], _ body: () async throws -> T) async throws -> T {
        guard self == .postgres else { return try await body() }
        let names = settings.keys.sorted()
        let read = names.enumerated().map { i, name -> SQLQueryString in
            "current_setting(\(bind: name)) AS s\(unsafeRaw: String(i)), set_config(\(bind: name), \(bind: settings[name]!), false) AS n\(unsafeRaw: String(i))"
        }
        let row = try await db.raw("SELECT \(SQLList(read))").first()!
        let saved = try names.indices.map { try row.decode(column: "s\($0)", as: String.self) }
        func restore() async throws {
            let put = zip(names, saved).map { name, value -> SQLQueryString in "set_config(\(bind: name), \(bind: value), false)" }
            try await db.raw("SELECT \(SQLList(put))").run()
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
