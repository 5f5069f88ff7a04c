import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// #17 item 5: every answer carries `X-Request-Id`, and every log line of the request carries it as `request_id`, so a
/// user's "it failed at 10:32" and a support ticket's id find the server's lines. A proxy's or client's id is kept when
/// it is a plain token (letters, digits, `-`, `_`, `.`, at most 64), otherwise a new one is made. With `accessLog` on
/// (`KEFU_ACCESS_LOG=1`, or JSON logs) one line per request says method, path, status, duration and who.
public struct RequestIdMiddleware: RouterMiddleware {
    public typealias Context = KefuContext

    public static let header = HTTPField.Name("X-Request-Id")!
    let accessLog: Bool

    public init(accessLog: Bool) { self.accessLog = accessLog }

    public static func accepted(_ given: String?) -> String? {
        guard let given, (1...64).contains(given.utf8.count),
              given.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E })
        else { return nil }
        return given
    }

    public static func make() -> String {
        var g = SystemRandomNumberGenerator()
        return hex16(g.next())
    }

    /// `value` as 16 lower-case hex digits (`%016llx`) by `Secrets.hex`: every request makes one, and Foundation's
    /// `String(format:)` took 0.7 % of a 50-row list (#17.4).
    static func hex16(_ value: UInt64) -> String {
        withUnsafeBytes(of: value.bigEndian) { Secrets.hex($0) }
    }

    public func handle(_ request: Request, context: KefuContext, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        let id = Self.accepted(request.headers[Self.header]) ?? Self.make()
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            if accessLog { log(request, context, status: 500, since: started) }
            throw error
        }
        response.headers[Self.header] = id
        if accessLog { log(request, context, status: Int(response.status.code), since: started) }
        return response
    }

    func log(_ request: Request, _ context: KefuContext, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path), "status": .stringConvertible(status),
            "duration_ms": .string(String(format: "%.2f", millis)), "user": .string(context.principal?.userId ?? "-"),
        ])
    }
}
