import Hummingbird
import NIOCore

/// Per-request state: who is signed in, how (cookie session or API token), and the language to answer in.
public struct KefuContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    public var session: WebSession?
    public var locale: AppLocale = .zhCN
    /// The connection's peer address (a proxy's, behind one).
    public let peerAddress: String?
    /// #10.11: the request came over HTTPS (set by `SecurityHeadersMiddleware`); cookies are then `Secure`.
    public var overHTTPS = false
    /// #11.2: the refused form waiting for this page view (`FormFlashMiddleware`), shown once.
    public var formFlash: FormFlash?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { 4 * 1024 * 1024 }

    /// The signed-in user, or 401.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw AppError.unauthenticated }
        return principal
    }
}

/// A browser session: its id (hashed in the database) and the CSRF token every form must echo.
public struct WebSession: Sendable {
    public let idHash: String
    public let csrfToken: String

    public init(idHash: String, csrfToken: String) {
        self.idHash = idHash
        self.csrfToken = csrfToken
    }
}
