import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// #11.4: a server-sent-events answer that polls a source and sends an event when what it returns changes.
/// Several nodes may serve one database: the source reads the database, never this process's memory, so a change
/// made through any node reaches every stream. Streams are bounded per node (`EventStreamSlots`): beyond the limit the
/// answer is 503 and the browser's EventSource retries later. Each stream ends after `lifetime` (the browser
/// reconnects at once), so a node sheds its streams on its own, and a comment line every `heartbeat` keeps proxies
/// from closing a quiet stream.
public struct EventStream: Sendable {
    public let slots: EventStreamSlots
    public let interval: Duration
    public let heartbeat: Duration
    public let lifetime: Duration
    /// Paces the polls, the keep-alives and the lifetime (a test's own clock runs them in virtual time).
    let clock: any _Concurrency.Clock<Duration>

    public init(slots: EventStreamSlots, interval: Duration = .seconds(2), heartbeat: Duration = .seconds(15), lifetime: Duration = .seconds(300),
                clock: any _Concurrency.Clock<Duration> = ContinuousClock()) {
        self.slots = slots
        self.interval = interval
        self.heartbeat = heartbeat
        self.lifetime = lifetime
        self.clock = clock
    }

    /// `poll` returns a stamp (compared) and the event's data (sent when the stamp differs from the last one seen).
    /// The first poll's result is sent as event `ready`, later changes as `event`.
    public func response(event: String, poll: @escaping @Sendable () async throws -> (stamp: String, data: String)) async throws -> Response {
        guard await slots.enter() else {
            throw AppError(.serviceUnavailable, "too_many_streams", Text("实时更新连接已满，请稍后再试", "Too many live-update connections; try again shortly"))
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        let slots = self.slots, clock = self.clock, stream = self
        let body = ResponseBody { writer in
            do {
                try await stream.send(event: event, poll: poll, to: &writer, on: clock)
            } catch {
                // The client went away or the database failed: the stream ends; the browser reconnects.
            }
            await slots.leave()
            try? await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

extension EventStream {
    func send<C: _Concurrency.Clock>(event: String, poll: @Sendable () async throws -> (stamp: String, data: String),
                        to writer: inout any ResponseBodyWriter, on clock: C) async throws where C.Duration == Duration {
        let end = clock.now.advanced(by: lifetime)
        let first = try await poll()
        try await writer.write(ByteBuffer(string: "retry: 3000\nevent: ready\ndata: \(first.data)\n\n"))
        var last = first.stamp
        var quietSince = clock.now
        while clock.now < end, !Task.isCancelled {
            try await clock.sleep(for: interval)
            let next = try await poll()
            if next.stamp != last {
                last = next.stamp
                quietSince = clock.now
                try await writer.write(ByteBuffer(string: "event: \(event)\ndata: \(next.data)\n\n"))
            } else if quietSince.duration(to: clock.now) >= heartbeat {
                quietSince = clock.now
                try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
            }
        }
    }
}

/// How many event streams this node holds open at most.
public actor EventStreamSlots {
    public let limit: Int
    public private(set) var open = 0

    public init(limit: Int = 200) { self.limit = limit }

    func enter() -> Bool {
        guard open < limit else { return false }
        open += 1
        return true
    }

    func leave() { open = max(0, open - 1) }
}
