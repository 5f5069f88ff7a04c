import Foundation
import Hummingbird
import KefuPlatform
import Prometheus

/// `GET /metrics` (Prometheus text). #10.16: not public: the scraper sends `Authorization: Bearer <KEFU_METRICS_TOKEN>`;
/// without a configured token the endpoint is closed (403), a missing or wrong token is 401.
struct MetricsEndpoint: Sendable {
    let registry: PrometheusCollectorRegistry
    let token: String?

    func register(on router: Router<KefuContext>) {
        // Answered here as JSON (not through the page error handler, which would send a scraper to the sign-in page).
        router.get("/metrics") { request, context in
            guard let token, !token.isEmpty else {
                return try Self.refuse(AppError(.forbidden, "metrics_disabled", Text("未设置 KEFU_METRICS_TOKEN，/metrics 已关闭", "/metrics is closed until KEFU_METRICS_TOKEN is set")), context)
            }
            guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
                  Secrets.constantTimeEquals(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), token) else {
                return try Self.refuse(AppError(.unauthorized, "unauthenticated", Text("需要 /metrics 的访问令牌", "/metrics needs its bearer token")), context)
            }
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    static func refuse(_ error: AppError, _ context: KefuContext) throws -> Response {
        try JSONIO.response(ErrorBody(error, locale: context.locale), status: error.status)
    }
}
