import NIOConcurrencyHelpers

/// #17.7: lets the WAL checkpointer's RESTART in between two of the writer's group commits. A RESTART needs a moment
/// with no writer; under a steady stream of commits it otherwise has to catch one of the writer's short gaps with its
/// busy handler, and at a million tickets it often missed them for long enough that the WAL reached gigabytes (p90
/// 1.53 GB while seeding). The checkpointer closes the gate just before its RESTART and opens it after; the writer
/// finishes the group it is committing and waits at the gate before the next one, never longer than the bound the
/// checkpointer gave, so a RESTART that cannot finish (a long reader) costs the writer at most that.
final class WriterGate: Sendable {
    private let closedUntil = NIOLockedValueBox<ContinuousClock.Instant?>(nil)

    func close(for bound: Duration) {
        closedUntil.withLockedValue { $0 = .now + bound }
    }

    func open() {
        closedUntil.withLockedValue { $0 = nil }
    }

    var isClosed: Bool {
        closedUntil.withLockedValue { until in until.map { ContinuousClock.now < $0 } ?? false }
    }

    /// Called by the writer before each group: returns at once when open, else when opened or past the bound.
    func pass() async {
        while isClosed {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}
