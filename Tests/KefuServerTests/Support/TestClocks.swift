import Foundation
import KefuPlatform
import Synchronization

/// A wall clock that stands still until the test moves it, so rules counted in time (sign-in delays) are tested
/// exactly, however loaded the machine.
final class ManualWallClock: Sendable {
    private let now: Mutex<Int64>

    init(at millis: Int64 = Clock.millis()) { now = Mutex(millis) }

    var wallClock: WallClock { WallClock { [self] in now.withLock { $0 } } }

    func advance(millis: Int64) { now.withLock { $0 += millis } }
}

/// A clock for `Task`-style waits whose sleeps return at once, having moved its time to the deadline: a loop paced
/// by it runs its whole course in virtual time, in the same steps on a quick machine and on a loaded one.
struct InstantSleepClock: _Concurrency.Clock {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private let time = Shared()

    var now: Instant { time.value.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        time.value.withLock { if $0 < deadline { $0 = deadline } }
        await Task.yield()
    }

    private final class Shared: Sendable {
        let value = Mutex(Instant(offset: .zero))
    }
}
