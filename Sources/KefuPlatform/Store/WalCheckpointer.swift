import Foundation
import Logging
import NIOConcurrencyHelpers

/// #16 item 8: moves SQLite's WAL checkpoints off the one writer. By default the connection whose commit takes the WAL
/// past 1,000 pages copies it into the database file and fsyncs it inside that commit, so every request queued behind
/// the writer waits for it (5 % of the mail benchmark's samples, all on the serial path). The writer runs with
/// `wal_autocheckpoint=0` and this thread of its own, with a connection of its own, runs a PASSIVE checkpoint (it never
/// waits for readers or the writer) every `interval`.
final class WalCheckpointer: @unchecked Sendable {
    private let connection: DirectSQLiteConnection
    private let interval: TimeInterval
    private let logger: Logger
    private let state = NIOLockedValueBox(State())
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    private struct State {
        var stopping = false
        var failures = 0
    }

    init(path: String, interval: TimeInterval = 0.25, logger: Logger) throws {
        connection = try DirectSQLiteConnection(path: path)
        self.interval = interval
        self.logger = logger
    }

    func start() {
        let thread = Thread { [self] in
            while !state.withLockedValue({ $0.stopping }) {
                _ = wake.wait(timeout: .now() + interval)
                if state.withLockedValue({ $0.stopping }) { break }
                checkpoint()
            }
            connection.close()
            stopped.signal()
        }
        thread.name = "kefu-wal-checkpoint"
        thread.start()
    }

    /// One PASSIVE checkpoint; a failure is logged (once every hundred) and the next round tries again.
    func checkpoint() {
        do {
            try connection.run("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
        } catch {
            let n = state.withLockedValue { s -> Int in s.failures += 1; return s.failures }
            if n % 100 == 1 { logger.warning("WAL checkpoint failed", metadata: ["error": "\(error)", "failures": "\(n)"]) }
        }
    }

    /// Stops the thread (at once, or after the checkpoint under way) and closes its connection; once only.
    func stop() {
        let first = state.withLockedValue { s -> Bool in
            defer { s.stopping = true }
            return !s.stopping
        }
        guard first else { return }
        wake.signal()
        stopped.wait()
    }
}
