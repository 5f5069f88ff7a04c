import SQLKit

public enum StoreDialect: String, Sendable {
    case sqlite, postgres

    /// The clause that keeps the rows a SELECT reads locked until the transaction ends: PostgreSQL's `FOR UPDATE`
    /// (`of` one table's rows of a join; `skipLocked` passes over rows another transaction holds). Nothing on SQLite,
    /// whose single writer already serialises every write.
    public func rowLock(of table: String? = nil, skipLocked: Bool = false) -> String {
        guard self == .postgres else { return "" }
        return " FOR UPDATE" + (table.map { " OF " + $0 } ?? "") + (skipLocked ? " SKIP LOCKED" : "")
    }
}

/// The database behind Kefu. Every state change runs in `write`, one transaction that either commits
/// whole or leaves nothing behind; `read` sees only committed data.
public protocol Store: Sendable {
    var dialect: StoreDialect { get }
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// A write whose `body` runs exactly one statement, which the database makes atomic on its own: on PostgreSQL it
    /// is sent without BEGIN and COMMIT, two round trips fewer (#18.5). Inside another write it joins that one.
    func writeStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func shutdown() async
    /// #18.6: ends the database work still in progress (its transactions roll back, its callers get 503
    /// `shutting_down`); called when the shutdown grace is over. The store is not used afterwards except `shutdown`.
    func interrupt() async
}

extension Store {
    public func writeStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await write(body)
    }

    /// SQLite: no transaction waits on another process's lock (one writer in one process), so there is nothing to cut.
    public func interrupt() async {}
}

/// The transaction a task is writing in. A write started inside another write joins it: waiting for a second
/// transaction would block forever on SQLite's single writer, or on PostgreSQL's row locks the outer one holds.
/// A read inside a write reads through it, so it sees the write's own changes.
enum WriteScope {
    @TaskLocal static var database: (any SQLDatabase)?
}

extension Store {
    /// Runs `body` on a store opened for it alone (a command, a test) and shuts the store down afterwards, also when
    /// `body` throws.
    public func closing<T>(_ body: (any Store) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await shutdown()
            return result
        } catch {
            await shutdown()
            throw error
        }
    }
}
