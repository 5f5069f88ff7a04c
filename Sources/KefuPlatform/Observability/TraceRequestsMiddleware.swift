import HTTPTypes
import Hummingbird
import Tracing

/// #17 item 5: one server span per request when OpenTelemetry traces are configured (`kefu serve` with an OTLP endpoint,
/// README "Traces"). The span is named by the route's pattern (`GET /api/v1/tickets/{id}`) and records the pattern,
/// never the concrete path or query: a path can carry a one-time sign-in token (`/portal/in/{token}`) and a query a
/// customer's name or phone number (`q=`), which must not leave for a trace store. A caller's W3C `traceparent` is
/// continued. The answer's `X-Request-Id` is an attribute, so a trace and the log lines of its request find each other
/// (list this middleware before `RequestIdMiddleware`). The store's transactions are child spans (`OperationalMetrics`).
public struct TraceRequestsMiddleware: RouterMiddleware {
    public typealias Context = KefuContext
    let tracer: any Tracer

    public init(tracer: any Tracer) { self.tracer = tracer }

    public func handle(_ request: Request, context: KefuContext, next: (Request, KefuContext) async throws -> Response) async throws -> Response {
        var parent = InstrumentationContext.current ?? .topLevel
        tracer.extract(request.headers, into: &parent, using: HeaderExtractor())
        let method = request.method.rawValue
        let span = tracer.startSpan("\(method) (no route)", context: parent, ofKind: .server)
        span.attributes["http.request.method"] = method
        func named(_ status: Int) {
            // An unmatched request's endpoint path is not a route ("NotFound").
            if let route = context.endpointPath, route.hasPrefix("/") {
                span.operationName = "\(method) \(route)"
                span.attributes["http.route"] = route
            }
            span.attributes["http.response.status_code"] = status
            if status >= 500 { span.setStatus(.init(code: .error)) }
        }
        // Ended when the handler has answered: a streamed body's writing is not part of the span.
        defer { span.end() }
        do {
            let response = try await InstrumentationContext.$current.withValue(span.context) {
                try await OperationalMetrics.$tracedRequest.withValue(true) { try await next(request, context) }
            }
            named(Int(response.status.code))
            if let id = response.headers[RequestIdMiddleware.header] { span.attributes["kefu.request_id"] = id }
            return response
        } catch {
            named(Int((error as? any HTTPResponseError)?.status.code ?? 500))
            span.recordError(error)
            throw error
        }
    }
}

private struct HeaderExtractor: Extractor {
    func extract(key name: String, from headers: HTTPFields) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}
