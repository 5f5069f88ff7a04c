import NIOConcurrencyHelpers

/// A fixed set of connections lent out one caller at a time; callers wait in order when all are busy.
final class ConnectionPool<Connection: Sendable>: Sendable {
    private struct State {
        var idle: [Connection]
        var waiters: [CheckedContinuation<Connection, Never>] = []
    }
    private let state: NIOLockedValueBox<State>
    let isEmpty: Bool

    init(_ connections: [Connection]) {
        state = NIOLockedValueBox(State(idle: connections))
        isEmpty = connections.isEmpty
    }

    private func acquire() async -> Connection {
        if let c = state.withLockedValue({ $0.idle.popLast() }) { return c }
        return await withCheckedContinuation { continuation in
            let ready = state.withLockedValue { s -> Connection? in
                if let c = s.idle.popLast() { return c }
                s.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func release(_ connection: Connection) {
        let waiter = state.withLockedValue { s -> CheckedContinuation<Connection, Never>? in
            if s.waiters.isEmpty {
                s.idle.append(connection)
                return nil
            }
            return s.waiters.removeFirst()
        }
        waiter?.resume(returning: connection)
    }

    func with<T: Sendable>(_ body: @Sendable (Connection) async throws -> T) async throws -> T {
        let c = await acquire()
        defer { release(c) }
        return try await body(c)
    }
}
