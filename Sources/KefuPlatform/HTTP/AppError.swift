import HTTPTypes

/// An error the user can act on: an HTTP status, a stable snake_case code and a sentence in both languages.
/// API answers `{"error":{"code","message"}}`; pages show the sentence.
public struct AppError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: Text
    /// Extra machine-readable facts (e.g. the field that failed).
    public let details: [String: String]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: Text, details: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    public static func validation(_ field: String, _ message: Text) -> AppError {
        AppError(.unprocessableContent, "validation_failed", message, details: ["field": field])
    }

    public static func badRequest(_ code: String, _ message: Text) -> AppError {
        AppError(.badRequest, code, message)
    }

    public static func notFound(_ what: Text) -> AppError {
        AppError(.notFound, "not_found", Text("未找到\(what.zh)", "\(what.en) not found"))
    }

    public static func forbidden(_ message: Text = Text("您没有执行此操作的权限", "You do not have permission to do this")) -> AppError {
        AppError(.forbidden, "forbidden", message)
    }

    public static let unauthenticated = AppError(.unauthorized, "unauthenticated", Text("请先登录", "Please sign in first"))

    public static func conflict(_ code: String, _ message: Text) -> AppError {
        AppError(.conflict, code, message)
    }

    /// #18.6: the server is stopping and the shutdown grace is over; the request's work was rolled back.
    public static let shuttingDown = AppError(.serviceUnavailable, "shutting_down",
                                              Text("服务器正在停止，本次操作未完成，请稍后重试", "The server is stopping; the request was not carried out, please try again shortly"))

    public static func internalError(_ detail: String) -> AppError {
        AppError(.internalServerError, "internal_error", Text("服务器内部错误，请稍后再试", "Internal server error, please try again later"), details: ["detail": detail])
    }
}
