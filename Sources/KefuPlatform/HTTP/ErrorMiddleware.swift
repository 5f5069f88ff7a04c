import Hummingbird
import Logging

/// Turns every error into the answer the caller can read: JSON `{"error":{code,message}}` under /api/,
/// a page in the user's language elsewhere. Anything unexpected is logged and answered 500 without detail.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = KefuContext
    let shell: PageShell

    public init(shell: PageShell) { self.shell = shell }

    public func handle(_ request: Request, context: KefuContext, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let appError = Self.map(error, logger: context.logger, request: request)
            if request.uri.path.hasPrefix("/api/") {
                guard var response = try? JSONIO.response(ErrorBody(appError, locale: context.locale), status: appError.status) else {
                    return Response(status: .internalServerError)
                }
                // A throttled caller is told when to come back (RFC 9110 §10.2.3).
                if appError.status == .tooManyRequests, let retry = appError.details["retryAfter"] { response.headers[.retryAfter] = retry }
                return response
            }
            if appError.status == .unauthorized {
                // #11.2: after sign-in the browser GETs `next`: a form's POST address has no page, so it goes home.
                let next = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/"
                return Redirect.to("/login?next=" + urlQueryValue(next))
            }
            let page = PageContext(principal: context.principal, locale: context.locale, csrfToken: context.session?.csrfToken ?? "")
            return shell.errorPage(page, appError).response(status: appError.status)
        }
    }

    static func map(_ error: any Error, logger: Logger, request: Request) -> AppError {
        if let e = error as? AppError {
            if e.status == .internalServerError {
                logger.error("internal error", metadata: ["path": "\(request.uri.path)", "detail": "\(e.details["detail"] ?? "")"])
            }
            return e
        }
        if let e = error as? HTTPError {
            switch e.status {
            case .notFound:
                return AppError(.notFound, "not_found", Text("请求的地址不存在", "No such address"))
            case .methodNotAllowed:
                return AppError(.methodNotAllowed, "method_not_allowed", Text("不支持该请求方法", "Method not allowed"))
            case .contentTooLarge:
                return AppError(.contentTooLarge, "body_too_large", Text("请求内容过大", "Request body too large"))
            default:
                if e.status.code < 500 {
                    return AppError(e.status, "bad_request", Text("请求无效", "Bad request"))
                }
            }
        }
        // Two requests registered the same record at once and a unique index refused the second (PostgreSQL 23505):
        // the check before the insert passed for both; the second is told so, as the check would have told it.
        if TransactionRetry.isUniqueViolation(error) {
            return AppError(.conflict, "duplicate", Text("同样的记录刚刚已由他人登记，请刷新后查看", "The same record has just been registered by someone else; reload to see it"))
        }
        // #10.17: a body over its limit (NIO's `NIOTooManyBytesError` from `collectBody(upTo:)`) is the client's 413, not a 500.
        if let e = error as? any HTTPResponseError, e.status == .contentTooLarge {
            return AppError(.contentTooLarge, "body_too_large", Text("请求内容过大（上限 1 MB）", "Request body too large (limit 1 MB)"))
        }
        logger.error("unhandled error", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
        return AppError.internalError(String(describing: error))
    }
}
