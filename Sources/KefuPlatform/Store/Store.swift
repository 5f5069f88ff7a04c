import SQLKit

public enum StoreDialect: String, Sendable {
    case sqlite, postgres
}

/// The database behind Kefu. Every state change runs in `write`, one transaction that either commits
/// whole or leaves nothing behind; `read` sees only committed data.
public protocol Store: Sendable {
    var dialect: StoreDialect { get }
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func shutdown() async
}
