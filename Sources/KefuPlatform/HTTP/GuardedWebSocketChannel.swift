import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// #16.4: the HTTP/1 channel with the WebSocket upgrade (live chat's `/chat/ws`), guarded like `GuardedHTTP1Channel`:
/// the connection cap in front (`ConnectionLimiter`); until the first request head has decided between HTTP and a
/// WebSocket, the header timeout closes a silent connection; after that an HTTP connection has `RequestTimeouts`
/// (added behind the HTTP decoder) and a WebSocket its pings (`ConnectionLimits.webSocketPingInterval`).
public struct GuardedWebSocketChannel: ServerChildChannel {
    public typealias Value = HTTP1WebSocketUpgradeChannel.Value
    let inner: HTTP1WebSocketUpgradeChannel
    let counter: ConnectionCounter
    let headerTimeout: TimeAmount

    public init(responder: @escaping HTTPChannelHandler.Responder, limits: ConnectionLimits, counter: ConnectionCounter, logger: Logger,
                shouldUpgrade: @escaping @Sendable (HTTPRequest, any Channel, Logger) async throws -> ShouldUpgradeResult<
                    WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>) {
        self.counter = counter
        self.headerTimeout = limits.headerTimeout
        self.inner = HTTP1WebSocketUpgradeChannel(
            responder: responder,
            configuration: .init(http1: .init(additionalChannelHandlers: [RequestTimeouts(limits: limits, logger: logger)]),
                                 ws: .init(maxFrameSize: 1 << 16, autoPing: .enabled(timePeriod: .nanoseconds(limits.webSocketPingInterval.nanoseconds)))),
            shouldUpgrade: shouldUpgrade)
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let counter = self.counter, headerTimeout = self.headerTimeout
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionLimiter(counter: counter), position: .first)
        }.flatMap { inner.setup(channel: channel, logger: logger) }.flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(FirstHeadTimeout(timeout: headerTimeout), position: .after(
                try channel.pipeline.syncOperations.handler(type: ConnectionLimiter.self)))
            return value
        }
    }

    public func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }

    /// The server builder for `Application(server:)`.
    public static func builder(limits: ConnectionLimits, counter: ConnectionCounter, logger: Logger,
                               shouldUpgrade: @escaping @Sendable (HTTPRequest, any Channel, Logger) async throws -> ShouldUpgradeResult<
                                   WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedWebSocketChannel(responder: responder, limits: limits, counter: counter, logger: logger, shouldUpgrade: shouldUpgrade)
        }
    }
}

/// #16.4: closes a connection whose first request head (HTTP, or the WebSocket upgrade request) is not complete within
/// `timeout`; once the head's blank line has arrived it steps aside (the HTTP path then has `RequestTimeouts`).
final class FirstHeadTimeout: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    /// The last bytes seen, so that a head's end split across reads is found.
    private var tail: [UInt8] = []

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) { timer?.cancel(); timer = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let bytes = tail + Array(buffer.readableBytesView)
        let end: [UInt8] = [13, 10, 13, 10]
        var found = false
        if bytes.count >= 4 {
            for i in 0...(bytes.count - 4) where bytes[i] == 13 && Array(bytes[i..<(i + 4)]) == end { found = true; break }
        }
        tail = Array(bytes.suffix(3))
        context.fireChannelRead(data)
        if found {
            timer?.cancel()
            timer = nil
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }
}
