import Foundation
import Hummingbird
import HummingbirdTesting
import KefuApp
import KefuDomain
import KefuPlatform
import Metrics
import Prometheus
import Testing

/// The process's metrics system, bootstrapped once for the whole test run as `kefu serve` does before it opens the store.
enum TestMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// #17.5: `/metrics` tells the database's transaction times and how many are in flight, the SQLite group commit's batch
/// sizes, the background round's duration and last finish (the scanner's lag), and the mail and webhook queues' depth.
@Suite("Operational metrics (#17.5)")
struct OperationalMetricsTests {
    /// The value of the first sample line that starts with `prefix` (name and labels).
    static func sample(_ text: String, _ prefix: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test func metricsTellTheDatabaseTheBackgroundRoundAndTheQueues() async throws {
        let registry = TestMetrics.registry
        try await TestDatabase.withStore { store in
            _ = try await KefuServer.prepare(store, adminPassword: TestApp.adminPassword)
            let engine = store.dialect == .sqlite ? "sqlite" : "postgres"
            let smtp = SmtpSettings(host: "127.0.0.1", port: 9, security: .none, from: MailAddress(name: nil, address: "service@metrics.example"))
            let app = KefuServer.application(store: store, hostname: "127.0.0.1", port: 0, logger: TestDatabase.logger, metrics: registry,
                                             metricsToken: "scrape-secret", smtp: smtp)
            try await app.test(.live) { client in
                var text = ""
                // The background round and the mail loop run once at start; wait for both to be told (up to 60 s: the
                // first round on a loaded CI machine can take a while).
                for _ in 0..<600 {
                    let r = try await client.executeRequest(uri: "/metrics", method: .get, headers: [.authorization: "Bearer scrape-secret"], body: nil)
                    #expect(r.status == .ok)
                    text = String(buffer: r.body)
                    if text.contains("kefu_background_round_finished_timestamp_seconds "), text.contains("queue=\"mail\""),
                       text.contains("queue=\"webhooks\"") { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                let writes = try #require(Self.sample(text, "kefu_db_transaction_duration_seconds_count{engine=\"\(engine)\",kind=\"write\"}"), "\(text)")
                #expect(writes >= 1)
                #expect(Self.sample(text, "kefu_db_transaction_duration_seconds_count{engine=\"\(engine)\",kind=\"read\"}") ?? 0 >= 1)
                #expect(text.contains("kefu_db_transactions_in_flight{engine=\"\(engine)\""))
                if engine == "sqlite" { #expect(Self.sample(text, "kefu_db_group_commit_jobs_count") ?? 0 >= 1, "\(text)") }
                let finished = try #require(Self.sample(text, "kefu_background_round_finished_timestamp_seconds "), "\(text)")
                #expect(abs(finished - Date().timeIntervalSince1970) < 60)
                #expect(Self.sample(text, "kefu_background_round_duration_seconds_count") ?? 0 >= 1)
                #expect(Self.sample(text, "kefu_queue_pending{queue=\"webhooks\"}") != nil, "\(text)")
                #expect(Self.sample(text, "kefu_queue_pending{queue=\"mail\"}") != nil, "\(text)")
            }
        }
    }
}
