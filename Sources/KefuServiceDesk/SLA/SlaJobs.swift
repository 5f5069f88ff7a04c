import Foundation
import KefuPlatform
import Logging

/// The background work of the service standards: the breach scanner and webhook deliveries, every few seconds
/// (API.md: within 30 seconds of the due time, without any request).
public struct SlaJobs: Sendable {
    public let scanner: SlaScanner
    public let webhooks: WebhookSender
    /// Seconds between passes (`KEFU_SLA_SCAN_SECONDS`, 1–30, default 10).
    public let interval: Int
    /// Other features' background passes, run after each breach scan (#11.4: the CAPA reminders), each on its own:
    /// one that fails is logged and does not stop the others. The server's loop and `kefu sla-scan` run this one list
    /// (`runRound`).
    public var passes: [BackgroundPass] = []

    /// A feature's pass beside the breach scan: its name (for logs and `kefu sla-scan`'s report) and one run at a
    /// time, answering how many things it did (e.g. reminders sent).
    public struct BackgroundPass: Sendable {
        public let name: String
        public let run: @Sendable (Date) async throws -> Int

        public init(name: String, run: @escaping @Sendable (Date) async throws -> Int) {
            self.name = name
            self.run = run
        }
    }

    /// What one round did: the breach scan, then each pass by name (a pass that failed is listed in `failed`).
    public struct Round: Sendable {
        public var scan: SlaScanner.Pass
        public var passes: [(name: String, count: Int)] = []
        public var failed: [(name: String, error: String)] = []
    }

    public static let defaultInterval: Int = {
        if let raw = ProcessInfo.processInfo.environment["KEFU_SLA_SCAN_SECONDS"], let v = Int(raw), (1...30).contains(v) { return v }
        return 10
    }()

    public init(scanner: SlaScanner, webhooks: WebhookSender, interval: Int = SlaJobs.defaultInterval) {
        self.scanner = scanner
        self.webhooks = webhooks
        self.interval = interval
    }

    /// Runs passes until the task is cancelled. A failed pass is logged and retried at the next interval.
    public func run(logger: Logger) async {
        while !Task.isCancelled {
            await runOnce(logger: logger)
            try? await Task.sleep(for: .seconds(interval))
        }
    }

    /// One round and the webhook deliveries due after it; a failure is logged. #17.3: the server's loop runs this whole
    /// on SIGTERM (a delivery claimed is sent and recorded, not cut off half-way) and stops before the next one.
    public func runOnce(logger: Logger) async {
        do {
            let round = try await runRound(now: Date(), logger: logger)
            if round.scan.breachesRecorded > 0 {
                logger.info("SLA scan", metadata: ["tickets": "\(round.scan.ticketsChecked)", "breaches": "\(round.scan.breachesRecorded)",
                                                   "notified": "\(round.scan.notificationsSent)"])
            }
            try await webhooks.deliverDue()
        } catch {
            logger.error("SLA background pass failed", metadata: ["error": "\(error)"])
        }
    }

    /// One round at `now`: the breach scan, then every feature pass (`passes`), each on its own. Webhook deliveries
    /// are not part of it (the server's loop sends them after each round).
    public func runRound(now: Date, logger: Logger) async throws -> Round {
        var round = Round(scan: try await scanner.scan(now: now))
        for pass in passes {
            do {
                round.passes.append((pass.name, try await pass.run(now)))
            } catch {
                logger.error("background pass failed", metadata: ["pass": "\(pass.name)", "error": "\(error)"])
                round.failed.append((pass.name, String(describing: error)))
            }
        }
        return round
    }
}
