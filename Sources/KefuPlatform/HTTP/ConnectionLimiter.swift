import NIOConcurrencyHelpers
import NIOCore

/// #10.1: how many connections are open, shared by every event loop of one server.
public final class ConnectionCounter: Sendable {
    public let limit: Int
    private let count = NIOLockedValueBox(0)

    public init(limit: Int) { self.limit = limit }

    public var current: Int { count.withLockedValue { $0 } }

    /// Takes a place when one is free.
    func open() -> Bool {
        count.withLockedValue { value in
            guard value < limit else { return false }
            value += 1
            return true
        }
    }

    func close() { count.withLockedValue { $0 -= 1 } }
}

/// #10.1: the first handler of every connection. Under the cap it takes a place for as long as the connection lives;
/// over the cap it answers `503 Service Unavailable` (JSON, `Retry-After`), closes its side, and drops the connection a
/// moment later (reading and discarding what the client sends meanwhile, so the client reads the answer instead of a reset).
final class ConnectionLimiter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let lingerAfterRefusal: TimeAmount = .seconds(1)
    static let refusal: String = {
        let body = #"{"error":{"code":"too_many_connections","message":"服务器繁忙，请稍后再试 / The server is busy; try again shortly"}}"#
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Retry-After: 1\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n" + body
    }()

    private enum State { case fresh, admitted, refused }
    private let counter: ConnectionCounter
    private var state = State.fresh

    init(counter: ConnectionCounter) { self.counter = counter }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        if state == .admitted { context.fireChannelActive() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state == .refused else { return context.fireChannelRead(data) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if state == .refused, let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard state == .refused else { return context.fireErrorCaught(error) }
        context.close(promise: nil)
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard state == .fresh else { return }
        if counter.open() {
            state = .admitted
            let counter = self.counter
            context.channel.closeFuture.whenComplete { _ in counter.close() }
            return
        }
        state = .refused
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: Self.refusal))).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
        }
        context.eventLoop.scheduleTask(in: Self.lingerAfterRefusal) { channel.close(promise: nil) }
    }
}
