import Hummingbird

/// #11.2: a page form sent after the session expired keeps what was typed. Sits outside `CSRFMiddleware` (which
/// answers 401 to a form without a live session): the form's values are kept in a `FormFlash` for this browser, and the
/// browser goes to sign-in with `next` set to the page the form was on (never to the form's POST address, which has no
/// page). After sign-in that page shows the text again with a word on what happened. Only a form sent from a page of
/// this site (Origin / Referer) is kept, so no other site can plant values in a form.
public struct ExpiredSessionMiddleware: RouterMiddleware {
    public typealias Context = KefuContext
    let flashes: FormFlashes

    public init(flashes: FormFlashes) { self.flashes = flashes }

    public static let message = Text("登录已过期：请核对下面保留的内容后再次提交", "Your session had expired: check what you typed, kept below, and submit it again")

    public func handle(_ request: Request, context: KefuContext, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        guard request.method == .post, FormFlashMiddleware.isPageForm(request.uri.path) else { return try await next(request, context) }
        var request = request
        // #12.5: a file upload's body is files (read by its route up to `MultipartForm.bodyLimit`), not typed text: reading it
        // here up to 1 MB refused every photo larger than that; it is not kept, the way back to the page is.
        let body = FormFlashMiddleware.isUpload(request) ? "" : String(buffer: try await request.collectBody(upTo: 1 * 1024 * 1024))
        do {
            return try await next(request, context)
        } catch let error as AppError where error.status == .unauthorized {
            let form = FormData.parse(body)
            let back = LocalRedirect.path(form["_back"]) ?? FormFlashMiddleware.referer(request)
            var response = Redirect.to("/login?next=" + urlQueryValue(back ?? "/"))
            if let back, FormFlashMiddleware.isSameOrigin(request) {
                let flash = FormFlash(action: request.uri.path, values: form.values, code: "session_expired",
                                      message: Self.message, field: nil)
                let value = try await flashes.stash(flash, pagePath: FormFlashMiddleware.pathPart(back),
                                                    cookie: request.cookies[FormFlashes.cookieName]?.value, sessionHash: nil)
                response.setCookie(FormFlashMiddleware.cookie(value, context: context))
            }
            return response
        }
    }
}
