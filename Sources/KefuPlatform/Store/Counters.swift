import SQLKit

/// Gapless named counters (ticket numbers per year, document numbers per kind and year). The increment runs in
/// the caller's transaction, so a number is used only if that transaction commits, and concurrent callers
/// serialise on the counter row.
public enum Counters {
    public static let migration = Migration(id: "platform-001-counters", common: [
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    ])

    /// Several counters (each once); returns the new value of each. #18: the rows are locked one at a time in the
    /// order of their names, never by one `UPDATE … WHERE name IN (…)`, whose lock order follows the plan: two
    /// transactions taking the same rows in opposite orders deadlock on PostgreSQL.
    public static func next(_ names: [String], in db: any SQLDatabase) async throws -> [String: Int] {
        var values: [String: Int] = [:]
        for name in Set(names).sorted() { values[name] = try await next(name, in: db) }
        return values
    }

    public static func next(_ name: String, in db: any SQLDatabase) async throws -> Int {
        if let row = try await db.raw("UPDATE counters SET value = value + 1 WHERE name = \(bind: name) RETURNING value").first() {
            return try row.decode(column: "value", as: Int.self)
        }
        try await db.raw("INSERT INTO counters (name, value) VALUES (\(bind: name), 0) ON CONFLICT (name) DO NOTHING").run()
        guard let row = try await db.raw("UPDATE counters SET value = value + 1 WHERE name = \(bind: name) RETURNING value").first() else {
            throw AppError.internalError("counter \(name) missing")
        }
        return try row.decode(column: "value", as: Int.self)
    }
}
