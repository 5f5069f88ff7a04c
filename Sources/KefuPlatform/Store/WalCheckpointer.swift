import Foundation
import Logging
import NIOConcurrencyHelpers

/// #16 item 8: moves SQLite's WAL checkpoints off the one writer. By default the connection whose commit takes the WAL
/// past 1,000 pages copies it into the database file and fsyncs it inside that commit, so every request queued behind
/// the writer waits for it (5 % of the mail benchmark's samples, all on the serial path). The writer runs with
/// `wal_autocheckpoint=0` and this thread of its own, with a connection of its own, runs a PASSIVE checkpoint (it never
/// waits for readers or the writer) every `interval`.
///
/// #17.7: under a steady stream of commits PASSIVE alone lets the WAL grow without end (16.8 GB in 3 minutes while
/// seeding a million tickets, until the disk would fill). A WAL starts again from its beginning only when a write
/// begins with every frame copied back and no reader in it, and with another commit always landing between a
/// checkpoint's end and the next write that moment never came (the writer's own autocheckpoint had it right after its
/// commit). So once the WAL is past `restartAboveBytes` the round also runs a RESTART checkpoint, which holds new
/// writes for the moment it takes to copy the last frames and for the readers to leave the WAL; it waits for them at
/// most `restartWaitMillis`. After a RESTART that could not finish it leaves RESTART alone for a while, 1 s and doubling
/// up to 8 s while they keep failing (a long read such as a backup must not hold the writer up every round; a RESTART
/// that merely missed the writer's gaps is tried again soon). The writer's `journal_size_limit` then cuts the file
/// back to that size. The RESTART closes the writer's gate (`WriterGate`) while it runs, so that it gets its moment
/// between two group commits instead of waiting for one by chance; the writer waits at most `gateBound`.
final class WalCheckpointer: @unchecked Sendable {
    static let restartWaitMillis: Int32 = 50
    static let restartBackoff: ClosedRange<TimeInterval> = 1...8
    static let gateBound: Duration = .milliseconds(100)

    private let connection: DirectSQLiteConnection
    private let walPath: String
    private let interval: TimeInterval
    private let restartAboveBytes: Int
    private let logger: Logger
    let gate = WriterGate()
    private let state = NIOLockedValueBox(State())
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    private struct State {
        var stopping = false
        var failures = 0
        var restartNotBefore = Date.distantPast
        var backoff = WalCheckpointer.restartBackoff.lowerBound
    }

    init(path: String, interval: TimeInterval = 0.25, restartAboveBytes: Int = SQLiteStore.defaultWalRestartAboveBytes, logger: Logger) throws {
        connection = try DirectSQLiteConnection(path: path, busyTimeoutMillis: Self.restartWaitMillis)
        walPath = path + "-wal"
        self.interval = interval
        self.restartAboveBytes = restartAboveBytes
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

    /// One PASSIVE checkpoint, and a RESTART one when the WAL has grown past its bound; a failure is logged (once
    /// every hundred) and the next round tries again.
    func checkpoint() {
        do {
            try connection.run("PRAGMA wal_checkpoint(PASSIVE)", []) { _ in }
            guard walBytes() > restartAboveBytes, state.withLockedValue({ Date() >= $0.restartNotBefore }) else { return }
            var busy = true
            gate.close(for: Self.gateBound)
            // SQLITE_BUSY may come as the row's flag or as the statement's error: either way it waits its turn.
            try? connection.run("PRAGMA wal_checkpoint(RESTART)", []) { row in busy = row.values.first != .integer(0) }
            gate.open()
            state.withLockedValue { s in
                if busy {
                    s.restartNotBefore = Date().addingTimeInterval(s.backoff)
                    s.backoff = min(s.backoff * 2, Self.restartBackoff.upperBound)
                } else {
                    s.backoff = Self.restartBackoff.lowerBound
                }
            }
        } catch {
            let n = state.withLockedValue { s -> Int in s.failures += 1; return s.failures }
            if n % 100 == 1 { logger.warning("WAL checkpoint failed", metadata: ["error": "\(error)", "failures": "\(n)"]) }
        }
    }

    func walBytes() -> Int {
        var info = stat()
        return stat(walPath, &info) == 0 ? Int(info.st_size) : 0
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
