import Hummingbird
import KefuDomain
import KefuPlatform

/// Finds who is calling: a bearer token (API) or the session cookie (pages), and the language to answer in.
/// It never refuses a request itself; routes that need a user ask `context.requirePrincipal()`.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = KefuContext
    public static let sessionCookie = "kefu_session"
    let auth: AuthService

    public init(auth: AuthService) { self.auth = auth }

    public func handle(_ request: Request, context: KefuContext, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        var context = context
        context.locale = AppLocale(header: request.headers[.acceptLanguage])
        do {
            if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
                let token = TextRules.trimSpace(String(header.dropFirst(7))) // a header value holds no line break
                context.principal = try await auth.principal(forToken: token)
            } else if let cookie = request.cookies[Self.sessionCookie]?.value, !cookie.isEmpty,
                      !request.uri.path.hasPrefix("/api/") || request.method == .get || request.method == .head {
                // The API takes the session cookie for reads only (the pages' look-ups); a change through the API needs a
                // bearer token, so no other site can make a signed-in browser change anything.
                if let (principal, session) = try await auth.session(cookie: cookie) {
                    context.principal = principal
                    context.session = session
                }
            }
        } catch {
            context.logger.error("sign-in lookup failed", metadata: ["error": "\(error)"])
            throw AppError.internalError("auth lookup failed")
        }
        if let principal = context.principal { context.locale = principal.locale }
        return try await next(request, context)
    }
}

/// Every form post of a signed-in page must carry the session's CSRF token (`_csrf`); the sign-in form carries the
/// token of its server-side pre-session (#10.22), the public survey page the token of its own short-lived cookie.
/// API calls authenticate with a bearer token and are not subject to it.
public struct CSRFMiddleware: RouterMiddleware {
    public typealias Context = KefuContext
    /// The public survey page's double-submit cookie (its link carries a secret token of its own).
    public static let loginCookie = "kefu_login_csrf"
    /// #16.6 the customer portal's double-submit cookie (path /portal): the portal has no staff session.
    public static let portalCookie = "kefu_portal_csrf"

    /// #16.6: the customer portal's pages (`/portal`, `/portal/…`), outside staff sign-in.
    public static func isPortal(_ path: String) -> Bool { path == "/portal" || path.hasPrefix("/portal/") }
    let presessions: LoginPresessions

    public init(presessions: LoginPresessions) { self.presessions = presessions }

    public func handle(_ request: Request, context: KefuContext, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        guard request.method == .post, !request.uri.path.hasPrefix("/api/") else {
            return try await next(request, context)
        }
        // #12.5: a signed-in form without a session is refused before its body is read (an upload may be 31 MB).
        let path = request.uri.path
        if path != "/login", !path.hasPrefix("/s/"), !Self.isPortal(path), context.session == nil { throw AppError.unauthenticated }
        var request = request
        let form: FormData
        if MultipartForm.isMultipart(request) {
            // #12.1: a file upload carries its `_csrf` as a field of the multipart body.
            form = FormData(values: ["_csrf": try await MultipartForm.read(&request)["_csrf"] ?? ""])
        } else {
            form = FormData.parse(String(buffer: try await request.collectBody(upTo: 1 * 1024 * 1024)))
        }
        let expected: String?
        if request.uri.path == "/login" {
            expected = try await presessions.csrfToken(cookie: request.cookies[LoginPresessions.cookieName]?.value)
        } else if request.uri.path.hasPrefix("/s/") {
            expected = request.cookies[Self.loginCookie]?.value
        } else if Self.isPortal(request.uri.path) {
            // #16.6: a portal form echoes its own cookie; a staff session's token is never accepted there.
            expected = request.cookies[Self.portalCookie]?.value
        } else {
            expected = context.session?.csrfToken
        }
        guard let expected, let sent = form["_csrf"], Secrets.constantTimeEquals(expected, sent) else {
            throw AppError(.forbidden, "csrf_failed", Text("表单已过期，请刷新页面后重试", "The form has expired; reload the page and try again"))
        }
        return try await next(request, context)
    }
}
