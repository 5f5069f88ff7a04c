import KefuDomain
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP/1.1 POST to an address checked beforehand (#10.10): the connection goes to `address` itself, never to a
/// second resolution of the host, with the URL's host in `Host` and, over TLS, in SNI and the certificate check.
public struct PinnedRequest: Sendable {
    public var address: IPAddress
    public var port: Int
    public var useTLS: Bool
    /// The URL's host without brackets: SNI and the certificate's name (an IP literal is checked against the address).
    public var host: String
    /// The `Host` header: host, and the port when it is not the scheme's default.
    public var hostHeader: String
    /// Path and query, percent-encoded as in the URL.
    public var target: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var timeout: TimeAmount
    /// nil: the system's trust roots.
    public var trustRoots: NIOSSLTrustRoots?

    public init(address: IPAddress, port: Int, useTLS: Bool, host: String, hostHeader: String, target: String,
                headers: HTTPHeaders, body: [UInt8], timeout: TimeAmount = .seconds(10)) {
        self.address = address
        self.port = port
        self.useTLS = useTLS
        self.host = host
        self.hostHeader = hostHeader
        self.target = target
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// A minimal client for webhooks: answers the status code of the first response head; the body is not read and a
/// redirect is never followed (a 3xx is just the status the caller sees).
public enum PinnedHTTPClient {
    public enum Failure: Error, CustomStringConvertible {
        /// Nothing was sent: the caller may try the host's next address.
        case cannotConnect(String)
        case timeout, closedBeforeAnswer
        public var description: String {
            switch self {
            case .cannotConnect(let why): "cannot connect: \(why)"
            case .timeout: "timed out"
            case .closedBeforeAnswer: "connection closed before an answer"
            }
        }
    }

    static let tlsContext: Result<NIOSSLContext, any Error> = Result { try NIOSSLContext(configuration: .makeClientConfiguration()) }

    static func tlsContext(for request: PinnedRequest) throws -> NIOSSLContext? {
        guard request.useTLS else { return nil }
        guard let roots = request.trustRoots else { return try tlsContext.get() }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = roots
        return try NIOSSLContext(configuration: configuration)
    }

    public static func post(_ request: PinnedRequest) async throws -> Int {
        let address = try SocketAddress(ipAddress: request.address.description, port: request.port)
        let tls = try tlsContext(for: request)
        let serverName = IPAddress(request.host) == nil ? request.host : nil
        var headers = request.headers
        headers.replaceOrAdd(name: "Host", value: request.hostHeader)
        headers.replaceOrAdd(name: "Content-Length", value: String(request.body.count))
        headers.replaceOrAdd(name: "Connection", value: "close")
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: request.target, headers: headers)
        let body = ByteBuffer(bytes: request.body)

        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = loop.makePromise(of: Int.self)
        let timeout = loop.scheduleTask(in: request.timeout) { promise.fail(Failure.timeout) }
        promise.futureResult.whenComplete { _ in timeout.cancel() }
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(request.timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture(withResultOf: {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(StatusHandler(head: head, body: body, promise: promise))
                })
            }
        do {
            let channel = try await bootstrap.connect(to: address).get()
            promise.futureResult.whenComplete { _ in channel.close(promise: nil) }
        } catch {
            promise.fail(Failure.cannotConnect(String(describing: error)))
        }
        return try await promise.futureResult.get()
    }
}

/// Sends the request once connected and completes with the first response head's status.
private final class StatusHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let head: HTTPRequestHead
    let body: ByteBuffer
    let promise: EventLoopPromise<Int>

    init(head: HTTPRequestHead, body: ByteBuffer, promise: EventLoopPromise<Int>) {
        self.head = head
        self.body = body
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let response) = unwrapInboundIn(data) {
            promise.succeed(Int(response.status.code))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(PinnedHTTPClient.Failure.closedBeforeAnswer)
        context.fireChannelInactive()
    }
}
