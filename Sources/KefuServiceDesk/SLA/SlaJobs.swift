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
    /// one that fails is logged and does not stop the others.
    public var passes: [@Sendable (Date) async throws -> Void] = []

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
            do {
                let pass = try await scanner.scan()
                if pass.breachesRecorded > 0 {
                    logger.info("SLA scan", metadata: ["tickets": "\(pass.ticketsChecked)", "breaches": "\(pass.breachesRecorded)",
                                                       "notified": "\(pass.notificationsSent)"])
                }
                for pass in passes {
                    do { try await pass(Date()) } catch { logger.error("background pass failed", metadata: ["error": "\(error)"]) }
                }
                try await webhooks.deliverDue()
            } catch {
                logger.error("SLA background pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(interval))
        }
    }
}
