import Foundation
import KefuPlatform
import NIOConcurrencyHelpers
import SQLKit

/// #16 item 8: tells the open chat connections of this node that the chat they follow changed (a message, taken,
/// ended), so that a connection reads the database only when there is something to read. A change made on this node
/// wakes its followers at once; a change made by another node sharing the database is found by one query every
/// `interval` over all the chats followed here (`chat_sessions.updated_at`), not by a query per connection.
public final class ChatFeed: Sendable {
    static let interval: Duration = .milliseconds(250)
    static let chunk = 500

    struct Follower {
        let continuation: AsyncStream<Void>.Continuation
        var sessionId: String?
    }

    struct State {
        var followers: [UInt64: Follower] = [:]
        var nextId: UInt64 = 0
        var seen: [String: Int64] = [:]
        var polling = false
    }

    let store: any Store
    private let state = NIOLockedValueBox(State())

    public init(store: any Store) { self.store = store }

    /// A connection's wake-ups: an id to follow a chat with, and a stream that yields when it should read again
    /// (coalesced: one pending wake-up at most).
    func register() -> (id: UInt64, wakes: AsyncStream<Void>) {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (id, start) = state.withLockedValue { s -> (UInt64, Bool) in
            s.nextId += 1
            s.followers[s.nextId] = Follower(continuation: continuation, sessionId: nil)
            defer { s.polling = true }
            return (s.nextId, !s.polling)
        }
        if start { Task { await self.pollWhileFollowed() } }
        return (id, stream)
    }

    /// The connection now follows `sessionId` (nil: none); it is woken to read it from the start.
    func follow(_ id: UInt64, sessionId: String?) {
        let continuation = state.withLockedValue { s -> AsyncStream<Void>.Continuation? in
            s.followers[id]?.sessionId = sessionId
            return s.followers[id]?.continuation
        }
        continuation?.yield()
    }

    func unregister(_ id: UInt64) {
        let follower = state.withLockedValue { s in s.followers.removeValue(forKey: id) }
        follower?.continuation.finish()
    }

    /// One connection reads again (it had more to send than one read gives).
    func wake(_ id: UInt64) {
        state.withLockedValue { $0.followers[id]?.continuation }?.yield()
    }

    /// A change on this node, after its transaction committed.
    func changed(_ sessionId: String) {
        let wake = state.withLockedValue { s in s.followers.values.filter { $0.sessionId == sessionId }.map(\.continuation) }
        for continuation in wake { continuation.yield() }
    }

    /// While any connection is open: every `interval`, the `updated_at` of the chats followed, and a wake-up for the
    /// followers of each one that moved since the last look.
    func pollWhileFollowed() async {
        while true {
            try? await Task.sleep(for: Self.interval)
            let sessions: [String]? = state.withLockedValue { s in
                if s.followers.isEmpty {
                    s.polling = false
                    s.seen = [:]
                    return nil
                }
                return Array(Set(s.followers.values.compactMap(\.sessionId)))
            }
            guard let sessions else { return }
            guard !sessions.isEmpty else { continue }
            var stamps: [String: Int64] = [:]
            do {
                for start in stride(from: 0, to: sessions.count, by: Self.chunk) {
                    let ids = sessions[start..<min(sessions.count, start + Self.chunk)]
                    let rows = try await store.read { db in
                        try await db.raw("SELECT id, updated_at FROM chat_sessions WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))").all()
                    }
                    for row in rows { stamps[try row.decode(column: "id", as: String.self)] = try row.decode(column: "updated_at", as: Int64.self) }
                }
            } catch {
                continue
            }
            let wake = state.withLockedValue { s -> [AsyncStream<Void>.Continuation] in
                // A chat seen for the first time wakes its followers too: it may have moved between their first read and now.
                let moved = Set(stamps.filter { s.seen[$0.key] != $0.value }.keys)
                s.seen = stamps
                return s.followers.values.filter { $0.sessionId.map(moved.contains) == true }.map(\.continuation)
            }
            for continuation in wake { continuation.yield() }
        }
    }
}
