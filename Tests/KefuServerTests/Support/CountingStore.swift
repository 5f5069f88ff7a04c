import Foundation
import KefuPlatform
import SQLKit

/// #11.6: a store that counts its read transactions, to prove a page reads once per render.
final class ReadCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var reads = 0

    func add() { lock.withLock { reads += 1 } }
    var count: Int { lock.withLock { reads } }
}

struct CountingStore: Store {
    let base: any Store
    let counter: ReadCounter

    var dialect: StoreDialect { base.dialect }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        counter.add()
        return try await base.read(body)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.write(body)
    }

    func writeStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.writeStatement(body)
    }

    func shutdown() async { await base.shutdown() }
    func interrupt() async { await base.interrupt() }
}
