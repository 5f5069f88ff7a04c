import SQLKit

/// Gapless named counters (ticket numbers per year, document numbers per kind and year). The increment runs in
/// the caller's transaction, so a number is used only if that transaction commits, and concurrent callers
/// serialise on the counter row.
public enum Counters {
    public static let migration = Migration(id: "platform-001-counters", common: [
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    ])

    /// Several counters in one statement (each once); returns the new value of each.
    public static func next(_ names: [String], in db: any SQLDatabase) async throws -> [String: Int] {
        func bump() async throws -> [String: Int] {
            let list = SQLList(names.map { SQLBind($0) })
            return Dictionary(uniqueKeysWithValues: try await db.raw("UPDATE counters SET value = value + 1 WHERE name IN (\(list)) RETURNING name, value").all().map {
                (try $0.decode(column: "name", as: String.self), try $0.decode(column: "value", as: Int.self))
            })
        }
        let values = try await bump()
        if values.count == names.count { return values }
        // First use of a name: create the missing rows, then undo the bump of the ones that existed and bump all.
        for name in names where values[name] == nil {
            try await db.raw("INSERT INTO counters (name, value) VALUES (\(bind: name), 0) ON CONFLICT (name) DO NOTHING").run()
        }
        for name in values.keys {
            try await db.raw("UPDATE counters SET value = value - 1 WHERE name = \(bind: name)").run()
        }
        let all = try await bump()
        guard all.count == names.count else { throw AppError.internalError("counters \(names) missing") }
        return all
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
