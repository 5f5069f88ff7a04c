import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTPS endpoint on 127.0.0.1 whose certificate names only `hooks.internal.test` (#10.10: the sender connects to
/// the checked address and checks the certificate against the URL's host). The authority and the key below are test
/// fixtures made for this test alone (valid 2020–2120); they protect nothing.
final class TLSWebhookReceiver: Sendable {
    /// The test authority the sender is told to trust.
    static let authorityPEM = """
-----BEGIN CERTIFICATE-----
MIIBYDCCAQegAwIBAgIBATAKBggqhkjOPQQDAjAXMRUwEwYDVQQDDAxLZWZ1IHRl
c3QgQ0EwIBcNMjAwMTAxMDAwMDAwWhgPMjEyMDAxMDEwMDAwMDBaMBcxFTATBgNV
BAMMDEtlZnUgdGVzdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABPPlg8lE
C0nhMeX0lcHJe+8k/sF+KFoxGnHZawUyb9lVRRNHvNNQ19jQ6SRyyK9CxFTGLq2g
l6r4UHDSCinYbi+jQjBAMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEG
MB0GA1UdDgQWBBQqnhiGU3+7cHiLYfQVvuukhjXvRDAKBggqhkjOPQQDAgNHADBE
AiBGU2J30EUIhNxHkLlxMevU7fztVDg7YMnsLNF6UrRy1gIgUz3pesULfGVhmOb/
13JmbDeiGWCvHkBBz56LpeJOJvQ=
-----END CERTIFICATE-----
"""
    static let certificatePEM = """
-----BEGIN CERTIFICATE-----
MIIBvjCCAWOgAwIBAgIBAjAKBggqhkjOPQQDAjAXMRUwEwYDVQQDDAxLZWZ1IHRl
c3QgQ0EwIBcNMjAwMTAxMDAwMDAwWhgPMjEyMDAxMDEwMDAwMDBaMB4xHDAaBgNV
BAMME2hvb2tzLmludGVybmFsLnRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
AAQbIS8NKjAxg+pg7tZIC5fectHiCd+TpBdrHUS8SN/Ai3OREVseFDHrgVKP3Ajn
i4Q/f7Hh1AF08GQkRLQwID+0o4GWMIGTMB8GA1UdIwQYMBaAFCqeGIZTf7tweIth
9BW+66SGNe9EMB0GA1UdDgQWBBTFHU2IxRn840pBaMrO22eaqjU0GjAeBgNVHREE
FzAVghNob29rcy5pbnRlcm5hbC50ZXN0MAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/
BAQDAgeAMBMGA1UdJQQMMAoGCCsGAQUFBwMBMAoGCCqGSM49BAMCA0kAMEYCIQC5
eNL0wNEQuIG0iBWR2rVaEqprsN2BS2r/N5siKZXzFgIhAI1hZxTtUGgeRgMpyr+m
Nd2kpPzQRwX6WD9ZJ/UG/mDZ
-----END CERTIFICATE-----
"""
    static let keyPEM = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1Jf2VvtgQt0wGFPE
B1OOlAHEtiHrsMXfg9WGo5k0SEuhRANCAAQbIS8NKjAxg+pg7tZIC5fectHiCd+T
pBdrHUS8SN/Ai3OREVseFDHrgVKP3Ajni4Q/f7Hh1AF08GQkRLQwID+0
-----END PRIVATE KEY-----
"""

    /// The Host header of each request received.
    let hosts = NIOLockedValueBox<[String]>([])

    func run(_ body: @escaping @Sendable (_ port: Int, _ authority: NIOSSLCertificate) async throws -> Void) async throws {
        let authority = try NIOSSLCertificate(bytes: Array(Self.authorityPEM.utf8), format: .pem)
        let certificate = try NIOSSLCertificate(bytes: Array(Self.certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(Self.keyPEM.utf8), format: .pem)
        let tls = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
        let hosts = self.hosts
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture(withResultOf: {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(OKAnswer(hosts: hosts))
                })
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            try await body(server.localAddress!.port!, authority)
        } catch {
            try? await server.close()
            throw error
        }
        try await server.close()
    }
}

/// Records the Host header and answers 200.
private final class OKAnswer: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let hosts: NIOLockedValueBox<[String]>

    init(hosts: NIOLockedValueBox<[String]>) { self.hosts = hosts }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            hosts.withLockedValue { $0.append(head.headers["Host"].first ?? "") }
        case .body:
            break
        case .end:
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "0")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
