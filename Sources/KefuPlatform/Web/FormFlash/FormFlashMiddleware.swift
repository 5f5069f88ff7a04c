import Foundation
import Hummingbird

/// #11.2 POST-redirect-GET for every page form, refusals included. Sits inside `CSRFMiddleware` (a forged post is
/// refused there and never kept). A page form refused by its route (an `AppError` 4xx) is answered 303 to the page
/// the form was on, with the typed values and the reason kept in a `FormFlash`; that page's next view carries the flash
/// (`KefuContext.formFlash`) and the shell shows it, the page script refilling the form and placing the message under
/// its field. The API is untouched: it answers errors as JSON.
public struct FormFlashMiddleware: RouterMiddleware {
    public typealias Context = KefuContext
    let flashes: FormFlashes

    public init(flashes: FormFlashes) { self.flashes = flashes }

    public func handle(_ request: Request, context: KefuContext, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        if request.method == .get, Self.isPage(request.uri.path), let cookie = request.cookies[FormFlashes.cookieName]?.value {
            return try await show(request, context: context, cookie: cookie, next: next)
        }
        guard request.method == .post, Self.isPageForm(request.uri.path) else { return try await next(request, context) }
        var request = request
        // A file upload's body is the file (up to its own limit), not typed text: nothing of it is kept, the reason is.
        let form = Self.isUpload(request) ? FormData.parse("") : FormData.parse(String(buffer: try await request.collectBody(upTo: 1 * 1024 * 1024)))
        do {
            return try await next(request, context)
        } catch let error as AppError where Self.isKept(error) {
            return try await keep(request, context: context, form: form, error: error)
        } catch let refused as RefusedUpload {
            // #12.5: a form with files: its route read the text fields, which are kept (the files never are).
            guard Self.isKept(refused.error) else { throw refused.error }
            return try await keep(request, context: context, form: FormData(values: refused.values), error: refused.error)
        }
    }

    func keep(_ request: Request, context: KefuContext, form: FormData, error: AppError) async throws -> Response {
        let back = Self.back(request, form: form)
        let flash = FormFlash(action: request.uri.path, form: form, error: error)
        let value = try await flashes.stash(flash, pagePath: Self.pathPart(back), cookie: request.cookies[FormFlashes.cookieName]?.value,
                                            sessionHash: context.session?.idHash)
        var response = Redirect.to(back)
        response.setCookie(Self.cookie(value, context: context))
        return response
    }

    func show(_ request: Request, context: KefuContext, cookie: String, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        let taken = try await flashes.take(cookie: cookie, pagePath: request.uri.path, sessionHash: context.session?.idHash)
        var context = context
        context.formFlash = taken.flash
        var response = try await next(request, context)
        if taken.remaining == 0 {
            response.setCookie(Cookie(name: FormFlashes.cookieName, value: "", maxAge: 0, path: "/", secure: context.overHTTPS, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// Refusals of what was typed, which the user can correct: a bad request, a validation failure, a conflict with the
    /// record's state. A denial (403), a missing record (404) or an expired session (401, `ExpiredSessionMiddleware`)
    /// is not a refused form: it shows the error page, as before.
    static func isKept(_ error: AppError) -> Bool {
        [400, 409, 422].contains(error.status.code)
    }

    /// Pages, not the API, the assets or the machine endpoints.
    static func isPage(_ path: String) -> Bool {
        !path.hasPrefix("/api/") && !path.hasPrefix("/assets/") && path != "/healthz" && path != "/metrics"
    }

    /// Signed-in page forms. Sign-in keeps its own refusals (it has no session yet); the public survey page has its own.
    static func isPageForm(_ path: String) -> Bool {
        isPage(path) && path != "/login" && path != "/logout" && !path.hasPrefix("/s/")
            && path != "/portal" && !path.hasPrefix("/portal/") // #16.6 the customer portal keeps its own refusals
    }

    /// #12.1: a file upload: a refusal goes back to the page it came from (the Referer) with its reason, and its body
    /// (the file, which the upload route reads up to its own limit) is neither read here nor kept (#12.5: its route
    /// hands back the text fields it read, `RefusedUpload`).
    /// #11 house rule: an upload is known by the mark every upload carries — its `multipart/form-data` body, which an
    /// upload route requires and which page forms never use otherwise — not by a list of paths, so a new upload route
    /// (attachments, the stocktake import, item-code requests, …) cannot be forgotten here or in `ExpiredSessionMiddleware`.
    public static func isUpload(_ request: Request) -> Bool {
        MultipartForm.isMultipart(request)
    }

    static func cookie(_ value: String, context: KefuContext) -> Cookie {
        Cookie(name: FormFlashes.cookieName, value: value, maxAge: Int(FormFlashes.anonymousLifetimeMillis / 1000), path: "/",
               secure: context.overHTTPS, httpOnly: true, sameSite: .lax)
    }

    /// The page the form was on: the `_back` field every page form carries (`PageContext.csrfField`), else the Referer
    /// when it is this site's (the pages send it same-origin), else the form's own address.
    static func back(_ request: Request, form: FormData) -> String {
        LocalRedirect.path(form["_back"]) ?? referer(request) ?? request.uri.path
    }

    /// The same-origin Referer's path and query, or nil.
    static func referer(_ request: Request) -> String? {
        guard let raw = request.headers[.referer], let url = URLComponents(string: raw), let host = url.host,
              let authority = request.head.authority, sameHost(host, port: url.port, authority: authority) else { return nil }
        let path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        return LocalRedirect.path(path + (url.percentEncodedQuery.map { "?" + $0 } ?? ""))
    }

    /// True when the browser says the request comes from a page of this site (Origin, or else Referer).
    static func isSameOrigin(_ request: Request) -> Bool {
        guard let authority = request.head.authority else { return false }
        if let origin = request.headers[.origin] {
            guard let url = URLComponents(string: origin), let host = url.host else { return false }
            return sameHost(host, port: url.port, authority: authority)
        }
        return referer(request) != nil
    }

    static func sameHost(_ host: String, port: Int?, authority: String) -> Bool {
        let mine = host.lowercased() + (port.map { ":\($0)" } ?? "")
        let theirs = authority.lowercased()
        return mine == theirs || (port == nil && (theirs == host.lowercased() + ":80" || theirs == host.lowercased() + ":443"))
    }

    static func pathPart(_ target: String) -> String {
        String(target.prefix { $0 != "?" && $0 != "#" })
    }
}
