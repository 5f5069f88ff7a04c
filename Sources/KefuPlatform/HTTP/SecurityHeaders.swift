import HTTPTypes
import Hummingbird

/// #10.11: the headers every answer carries, and whether the request came over HTTPS.
/// - Content-Security-Policy: scripts only from /assets (no inline script, no `javascript:` links), no framing,
///   forms post only here; inline styles stay allowed (a few pages style one element in place).
/// - X-Content-Type-Options, X-Frame-Options, Referrer-Policy (same-origin: the language switch returns by Referer).
/// - Strict-Transport-Security only over HTTPS: `KEFU_COOKIE_SECURE=true`, or `X-Forwarded-Proto: https` from a
///   trusted proxy (`KEFU_TRUSTED_PROXIES`, default loopback). `context.overHTTPS` tells the cookie writers.
public struct SecurityHeadersMiddleware: RouterMiddleware {
    public typealias Context = KefuContext

    public static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    public static let hsts = "max-age=31536000"

    let origin: RequestOrigin

    public init(origin: RequestOrigin) { self.origin = origin }

    public func handle(_ request: Request, context: KefuContext, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        var context = context
        context.overHTTPS = origin.isHTTPS(request, peer: context.peerAddress)
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        if context.overHTTPS { response.headers[.strictTransportSecurity] = Self.hsts }
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
