import Foundation
import SQLKit

/// Numbers that must be unique and ascending but need not be gapless (#18): a ticket's internal row id and its
/// number per year. On PostgreSQL they come from the database's own sequences, which take no row lock, so ticket
/// creates run in parallel (a rolled-back create leaves a gap in the numbers). On SQLite the single writer
/// serialises every write anyway, and the counter rows stay gapless. Document numbers stay on `Counters` (DOC).
public enum Sequences {
    /// The PostgreSQL sequence behind a counter name, e.g. `ticket_number:2026` → `kefu_seq_ticket_number_2026`.
    public static func sequenceName(_ counter: String) -> String {
        "kefu_seq_" + String(counter.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// Makes sure each sequence exists (outside any transaction, in its own statements), starting after the value
    /// its counter row reached before sequences were used.
    public static func prepare(_ counters: [String], on store: any Store, known: SequenceRegistry) async throws {
        guard store.dialect == .postgres else { return }
        for counter in counters where !known.contains(counter) {
            let sequence = sequenceName(counter)
            try await store.read { db in
                let reached = try await db.raw("SELECT value FROM counters WHERE name = \(bind: counter)").first()?
                    .decode(column: "value", as: Int.self) ?? 0
                do {
                    try await db.raw("CREATE SEQUENCE IF NOT EXISTS \(unsafeRaw: sequence) START WITH \(unsafeRaw: String(reached + 1))").run()
                } catch {
                    // Another node created it at the same moment: fine if it is there now.
                    let exists = try await db.raw("SELECT to_regclass(\(bind: sequence)) IS NOT NULL AS e").first()?
                        .decode(column: "e", as: Bool.self) ?? false
                    if !exists { throw error }
                }
            }
            known.insert(counter)
        }
    }

    /// The next value of each counter, inside the caller's transaction.
    public static func next(_ counters: [String], in db: any SQLDatabase, dialect: StoreDialect) async throws -> [String: Int] {
        guard dialect == .postgres else { return try await Counters.next(counters, in: db) }
        // One prepared statement for all of them (one round trip); the names are binds, so the text stays the same.
        guard let row = try await db.prepared("SELECT \(SQLList(nextValueColumns(counters)))").first() else {
            throw AppError.internalError("no row from nextval")
        }
        return try values(counters, from: row)
    }

    /// PostgreSQL: `nextval(…) AS v0, …`, one column per counter, for a statement that reads more at the same time.
    public static func nextValueColumns(_ counters: [String]) -> [SQLQueryString] {
        counters.indices.map { i in SQLQueryString("nextval(\(bind: sequenceName(counters[i]))::regclass) AS v\(unsafeRaw: String(i))") }
    }

    /// The values of `nextValueColumns` from the row they were read in.
    public static func values(_ counters: [String], from row: any SQLRow) throws -> [String: Int] {
        var values: [String: Int] = [:]
        for (i, counter) in counters.enumerated() { values[counter] = try row.decode(column: "v\(i)", as: Int.self) }
        return values
    }
}

/// The sequences one store has already made sure of (one registry per store: each test schema has its own).
public final class SequenceRegistry: @unchecked Sendable {
    private var names: Set<String> = []
    private let lock = NSLock()
    public init() {}
    func contains(_ name: String) -> Bool { lock.lock(); defer { lock.unlock() }; return names.contains(name) }
    func insert(_ name: String) { lock.lock(); names.insert(name); lock.unlock() }
}
