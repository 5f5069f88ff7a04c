import Logging
import NIOCore
import NIOHTTPTypes

/// #10.1: closes a connection that is too slow to send its request or that sits idle.
/// - a new connection must deliver a whole request head within `headerTimeout`;
/// - a body must arrive whole within `bodyTimeout` of its head (a drip-fed body cannot hold the connection);
/// - after the last answer, the next request head must come within `idleTimeout` (keep-alive).
/// While a request is being answered no clock runs: the handler's own work is not the client's delay.
final class RequestTimeouts: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ConnectionLimits
    private let logger: Logger
    /// Request heads read and answers finished; more heads than answers means work is in progress.
    private var heads = 0, answers = 0
    private var readingBody = false
    private var timer: Scheduled<Void>?

    init(limits: ConnectionLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, limits.headerTimeout, "header") }
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelActive(context: ChannelHandlerContext) {
        if timer == nil, heads == 0 { arm(context, limits.headerTimeout, "header") }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            heads += 1
            readingBody = true
            arm(context, limits.bodyTimeout, "body")
        case .body:
            break
        case .end:
            readingBody = false
            settle(context)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            answers += 1
            settle(context)
        }
        context.write(data, promise: promise)
    }

    /// After a body ends or an answer is sent: a clock for the next head only when nothing is pending.
    private func settle(_ context: ChannelHandlerContext) {
        guard !readingBody else { return }
        if answers >= heads {
            arm(context, limits.idleTimeout, "idle")
        } else {
            disarm()
        }
    }

    private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount, _ phase: String) {
        disarm()
        let logger = self.logger
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) {
            logger.debug("closing a slow or idle connection", metadata: ["phase": "\(phase)", "peer": "\(channel.remoteAddress?.description ?? "")"])
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}
