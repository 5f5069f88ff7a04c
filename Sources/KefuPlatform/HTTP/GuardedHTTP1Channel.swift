import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// #10.1: Hummingbird's HTTP/1 channel with a connection cap in front (`ConnectionLimiter`) and read and idle
/// timeouts behind the HTTP decoder (`RequestTimeouts`).
public struct GuardedHTTP1Channel: ServerChildChannel {
    public typealias Value = HTTP1Channel.Value
    let inner: HTTP1Channel
    let counter: ConnectionCounter

    public init(responder: @escaping HTTPChannelHandler.Responder, limits: ConnectionLimits, counter: ConnectionCounter, logger: Logger) {
        self.counter = counter
        self.inner = HTTP1Channel(responder: responder, configuration: .init(
            additionalChannelHandlers: [RequestTimeouts(limits: limits, logger: logger)]))
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let counter = self.counter
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionLimiter(counter: counter), position: .first)
        }.flatMap { inner.setup(channel: channel, logger: logger) }
    }

    public func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }

    /// The server builder for `Application(server:)`.
    public static func builder(limits: ConnectionLimits, counter: ConnectionCounter, logger: Logger) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedHTTP1Channel(responder: responder, limits: limits, counter: counter, logger: logger)
        }
    }
}
