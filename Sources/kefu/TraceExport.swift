import ArgumentParser
import KefuPlatform
import OTel
import ServiceLifecycle
import Tracing

/// #17 item 5: OpenTelemetry traces, on when an OTLP endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT` or
/// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) and `OTEL_SDK_DISABLED` is not `true`. The other standard `OTEL_*` variables
/// then tune the export (protocol `http/protobuf`, the default, or `http/json`; headers; sampler; batch delay). Only
/// traces: logs and metrics stay Kefu's own (`KEFU_LOG_FORMAT`, `/metrics`). Off, nothing is traced and nothing exported.
enum TraceExport {
    static func endpoint(in environment: [String: String]) -> String? {
        guard environment["OTEL_SDK_DISABLED"]?.lowercased() != "true", environment["OTEL_TRACES_EXPORTER"] != "none" else { return nil }
        return ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"]
            .compactMap { environment[$0]?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    /// The request middleware and the exporter's background service (run it beside the server, stopped after it so the
    /// last spans are sent), with the process's tracer bootstrapped for the store's transaction spans; nil when off.
    static func start(_ environment: [String: String]) throws -> (requests: TraceRequestsMiddleware, service: any Service)? {
        guard endpoint(in: environment) != nil else { return nil }
        // This build carries the OTLP/HTTP exporter only (no gRPC stack): the library would stop the process on `grpc`.
        for name in ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"] {
            if let value = environment[name], !["http/protobuf", "http/json"].contains(value) {
                throw ValidationError("\(name)=\(value): Kefu sends traces over OTLP/HTTP; use http/protobuf (the default) or http/json")
            }
        }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "kefu"
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        // The library's own messages go to Kefu's log (JSON with KEFU_LOG_FORMAT=json), from warnings up (OTEL_LOG_LEVEL).
        configuration.diagnosticLogger = .custom(makeLogger("otel"))
        configuration.diagnosticLogLevel = .warning
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        return (TraceRequestsMiddleware(tracer: backend.factory), backend.service)
    }
}
