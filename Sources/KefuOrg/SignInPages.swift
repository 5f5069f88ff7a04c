import Foundation
import Hummingbird
import KefuPlatform

/// Sign-in, sign-out and the per-user language switch.
public struct SignInPages: Sendable {
    let auth: AuthService
    let org: OrgService
    let shell: PageShell
    let presessions: LoginPresessions
    let addresses: ClientAddress
    let flashes: FormFlashes
    /// A browser that signed in once keeps this cookie; it marks the browser as known to that account (#10.4).
    public static let deviceCookie = "kefu_device"

    public init(auth: AuthService, org: OrgService, presessions: LoginPresessions, shell: PageShell, addresses: ClientAddress, flashes: FormFlashes) {
        self.flashes = flashes
        self.auth = auth
        self.org = org
        self.presessions = presessions
        self.shell = shell
        self.addresses = addresses
    }

    public func register(on router: Router<KefuContext>) {
        router.get("/login") { request, context in
            if context.principal != nil { return Redirect.to("/") }
            // #11.2: a refused sign-in comes back here through a redirect with the username kept (never the password).
            let kept = context.formFlash?.state(for: "/login")
            return try await loginPage(request, context: context, next: request.uri.queryParameters.get("next") ?? kept?.value("next"), error: nil,
                                       username: kept?.value("username"), status: .ok)
        }
        router.post("/login") { request, context in
            let form = try await FormData.read(request)
            let username = form["username"] ?? ""
            let device = request.cookies[Self.deviceCookie]?.value ?? Secrets.randomToken()
            do {
                let source = AuthService.Source(address: addresses.resolve(request, context: context), device: device)
                let userId = try await auth.verify(username: username, password: form["password"] ?? "", from: source)
                let session = try await auth.startSession(userId: userId)
                try await presessions.end(cookie: request.cookies[LoginPresessions.cookieName]?.value)
                var response = Redirect.to(Self.safeNext(form["next"]))
                // #10.11: `Secure` whenever the request came over HTTPS (or KEFU_COOKIE_SECURE=true).
                response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: session.cookieValue,
                                          maxAge: Int(AuthService.sessionLifetimeMillis / 1000), path: "/", secure: context.overHTTPS,
                                          httpOnly: true, sameSite: .lax))
                response.setCookie(Cookie(name: LoginPresessions.cookieName, value: "", maxAge: 0, path: "/login", secure: context.overHTTPS,
                                          httpOnly: true, sameSite: .lax))
                response.setCookie(Cookie(name: Self.deviceCookie, value: device, maxAge: 365 * 24 * 3600, path: "/login",
                                          secure: context.overHTTPS, httpOnly: true, sameSite: .lax))
                return response
            } catch let error as AppError where error.status == .unauthorized || error.status == .tooManyRequests || error.status == .badRequest {
                // #11.2 POST-redirect-GET: the reason and the username wait for the sign-in page in this browser.
                let next = LocalRedirect.path(form["next"])
                let flash = FormFlash(action: "/login", values: ["username": String(username.prefix(AuthService.maxUsernameLength)), "next": next ?? ""],
                                      code: error.code, message: error.message, field: nil)
                let cookie = try await flashes.stash(flash, pagePath: "/login", cookie: request.cookies[FormFlashes.cookieName]?.value, sessionHash: nil)
                var response = Redirect.to("/login" + (next.map { "?next=" + urlQueryValue($0) } ?? ""))
                response.setCookie(Cookie(name: FormFlashes.cookieName, value: cookie, maxAge: Int(FormFlashes.anonymousLifetimeMillis / 1000), path: "/",
                                          secure: context.overHTTPS, httpOnly: true, sameSite: .lax))
                if let retry = error.details["retryAfter"] { response.headers[.retryAfter] = retry }
                return response
            }
        }
        router.post("/logout") { _, context in
            if let session = context.session { try await auth.endSession(idHash: session.idHash) }
            var response = Redirect.to("/login")
            response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: context.overHTTPS,
                                      httpOnly: true, sameSite: .lax))
            return response
        }
        router.post("/account/locale") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await FormData.read(request)
            _ = try await org.updateUser(id: principal.userId, .init(locale: form["locale"]), by: principal)
            return Redirect.to(Self.safeNext(request.headers[.referer].flatMap { URL(string: $0) }.map { $0.path + ($0.query.map { "?" + $0 } ?? "") }))
        }
    }

    /// Only local paths: never redirect a user to another site after sign-in (#10.7).
    /// #11.5: with no page asked for, sign-in lands on the home page (`/`, KefuApp's; customers go on to their tickets).
    static func safeNext(_ next: String?) -> String {
        LocalRedirect.path(next) ?? "/"
    }

    func loginPage(_ request: Request, context: KefuContext, next: String?, error: AppError?, username: String?,
                   status: HTTPResponse.Status) async throws -> Response {
        let l = context.locale
        let presession = try await presessions.issue(reusing: request.cookies[LoginPresessions.cookieName]?.value)
        let token = presession.csrfToken
        let page = PageContext(principal: nil, locale: l, csrfToken: token, formFlash: context.formFlash)
        let errorHTML = FormControls.errorBox(error, l)
        let body: HTML = """
        <section class="login card">
          <h1>\(PageShell.productName, l)</h1>
          \(errorHTML)
          <form method="post" action="/login" id="login-form">
            <input type="hidden" name="_csrf" value="\(token)">
            <input type="hidden" name="next" value="\(next ?? "")">
            \(FormControls.field(Text("用户名", "Username")(l), for: "username", FormControls.input(id: "username", name: "username", value: username, attributes: "autocomplete=\"username\" autofocus required")))
            \(FormControls.field(Text("密码", "Password")(l), for: "password", FormControls.input(id: "password", name: "password", type: "password", attributes: "autocomplete=\"current-password\" required")))
            <button type="submit" id="login-submit">\(Text("登录", "Sign in"), l)</button>
          </form>
        </section>
        """
        var response = shell.render(page, title: Text("登录", "Sign in"), active: "", body: body).response(status: status)
        response.setCookie(Cookie(name: LoginPresessions.cookieName, value: presession.cookieValue, maxAge: Int(LoginPresessions.lifetimeMillis / 1000),
                                  path: "/login", secure: context.overHTTPS, httpOnly: true, sameSite: .lax))
        return response
    }
}
