import KefuPlatform
import KefuServiceDesk
import Logging
import ServiceLifecycle

/// #17.4, SQLite: merges the search index a step at a time (`TicketSearchMerge`) for as long as the server runs: the
/// next step soon after one that merged something, else after a quarter of a second. Each step is a write job of its
/// own, so the requests queued meanwhile are committed between two steps. On SIGTERM the step under way finishes.
struct SearchIndexMergeLoop: Service {
    static let pauseAfterWork: Duration = .milliseconds(5)
    static let pauseWhenIdle: Duration = .milliseconds(250)

    let store: any Store
    let logger: Logger

    func run() async throws {
        var failures = 0
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            var merged = false
            do {
                merged = try await TicketSearchMerge.step(store)
            } catch {
                failures += 1
                if failures % 100 == 1 { logger.warning("search index merge failed", metadata: ["error": "\(error)", "failures": "\(failures)"]) }
            }
            let pause = merged ? Self.pauseAfterWork : Self.pauseWhenIdle
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
        }
    }
}
