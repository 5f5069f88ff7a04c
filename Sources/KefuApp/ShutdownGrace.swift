import Foundation
import KefuPlatform
import Logging
import ServiceLifecycle

/// #18.6: SIGTERM (or SIGINT) stops the server within a bounded time, even while requests wait on database locks.
/// The server stops accepting at once and lets the requests in progress finish for `seconds`
/// (`KEFU_SHUTDOWN_GRACE_SECONDS`, default 10). Then the database work still open is cut off: its connections close,
/// PostgreSQL rolls the transactions back, and their requests are answered 503 `shutting_down` before their
/// connections close. Should anything still hold the process `hardStopSeconds` later, it exits (status 0) anyway.
public struct ShutdownGrace: Service {
    public static let defaultSeconds = 10
    public static let hardStopSeconds = 3
    public let seconds: Int
    let store: any Store
    let logger: Logger
    /// Run as the signal arrives, beside the HTTP server's own stop (#17.3: the LMTP listener stops accepting).
    let onSignal: @Sendable () -> Void
    /// #17.3: the HTTP listener, emptied of queued connections before the server closes it.
    let listener: ListenerDrain?

    public init(seconds: Int, store: any Store, logger: Logger, listener: ListenerDrain? = nil, onSignal: @escaping @Sendable () -> Void = {}) {
        self.seconds = seconds
        self.store = store
        self.logger = logger
        self.listener = listener
        self.onSignal = onSignal
    }

    /// `KEFU_SHUTDOWN_GRACE_SECONDS`: a whole number of seconds from 0 to 3600; unset keeps the default.
    public static func seconds(from environment: [String: String]) throws -> Int {
        let name = "KEFU_SHUTDOWN_GRACE_SECONDS"
        guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return defaultSeconds }
        guard let value = Int(text), (0...3600).contains(value) else {
            throw AppError.validation(name, Text("{0} 须为 0 到 3600 之间的整数（秒）", "{0} must be a whole number of seconds from 0 to 3600").with(name))
        }
        return value
    }

    /// Waits for the shutdown signal, then starts the clock and returns, so that the service group goes on to stop
    /// the HTTP server (it stops the services last-listed first: list this one after the application).
    public func run() async throws {
        do { try await gracefulShutdown() } catch { return }
        let seconds = self.seconds, store = self.store, logger = self.logger
        logger.info("shutting down: no new connections; requests in progress have \(seconds) s to finish")
        onSignal()
        Task.detached {
            try? await Task.sleep(for: .seconds(seconds))
            logger.warning("shutdown grace of \(seconds) s is over: the database work still in progress is rolled back (503)")
            await store.interrupt()
            try? await Task.sleep(for: .seconds(Self.hardStopSeconds))
            logger.error("requests still open \(Self.hardStopSeconds) s after the shutdown grace: exiting now")
            exit(0)
        }
        if let queued = await listener?.stopTakingConnections(), queued > 0 {
            logger.warning("\(queued) connections still queued on the listener after \(ListenerDrain.bound): they are reset")
        }
    }

    /// Runs `app` until SIGTERM or SIGINT, with this grace.
    public static func serve(_ app: some Service, store: any Store, seconds: Int, logger: Logger, listener: ListenerDrain? = nil,
                             onSignal: @escaping @Sendable () -> Void = {}) async throws {
        let group = ServiceGroup(configuration: .init(
            services: [app, ShutdownGrace(seconds: seconds, store: store, logger: logger, listener: listener, onSignal: onSignal)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
