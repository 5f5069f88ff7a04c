import SQLKit

/// Gapless named counters (ticket numbers per year, document numbers per kind and year). The increment runs in
/// the caller's transaction, so a number is used only if that transaction commits, and concurrent callers
/// serialise on the counter row.
public enum Counters {
    public static let migration = Migration(id: "platform-001-counters", common: [
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    ])

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
