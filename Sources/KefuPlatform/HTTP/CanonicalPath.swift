import Foundation
import Hummingbird

/// #10.18: the router matches `//api/v1/tickets/x` as `/api/v1/tickets/x` (it skips empty segments), while the
/// middlewares decide by the path as sent ("is this the API?"). So every request is put in canonical form before any
/// middleware looks at it: repeated slashes collapse to one; a `.` or `..` segment (also percent-encoded) is refused
/// with 400, since the router would not resolve it as a browser would.
public struct CanonicalPathMiddleware: RouterMiddleware {
    public typealias Context = KefuContext

    public init() {}

    public enum Outcome: Equatable, Sendable {
        case canonical
        case rewritten(String)
        case refused
    }

    public static func canonical(_ path: String) -> Outcome {
        // A `.` segment, an encoded slash or any backslash needs a `.`, a `%` or a backslash: a path with none of them is
        // only checked for repeated slashes (#17.4: decoding each segment with Foundation was 1 % of a create's CPU).
        var mayBeRefused = false, repeatedSlash = false, previous: UInt8 = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\\") { mayBeRefused = true }
            if byte == UInt8(ascii: "/") && previous == byte { repeatedSlash = true }
            previous = byte
        }
        let segments = mayBeRefused ? path.split(separator: "/", omittingEmptySubsequences: false) : []
        if segments.contains(where: { segment in
            let decoded = (segment.removingPercentEncoding ?? String(segment))
            return decoded == "." || decoded == ".." || decoded.contains("/") || decoded.contains("\\")
        }) {
            return .refused
        }
        guard repeatedSlash else { return .canonical }
        var collapsed = ""
        for c in path where !(c == "/" && collapsed.hasSuffix("/")) { collapsed.append(c) }
        return .rewritten(collapsed)
    }

    public func handle(_ request: Request, context: KefuContext, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        switch Self.canonical(request.uri.path) {
        case .canonical:
            return try await next(request, context)
        case .rewritten(let path):
            var head = request.head
            head.path = path + (request.uri.query.map { "?" + $0 } ?? "")
            return try await next(Request(head: head, body: request.body), context)
        case .refused:
            let error = AppError.badRequest("invalid_path", Text("请求地址无效", "Invalid request path"))
            return try JSONIO.response(ErrorBody(error, locale: AppLocale(header: request.headers[.acceptLanguage])), status: error.status)
        }
    }
}
