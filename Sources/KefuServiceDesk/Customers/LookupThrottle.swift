import Foundation
import KefuDomain
import KefuPlatform
import Synchronization

/// #10.6: phone look-ups per user (`LookupLimit`), counted in this process; a user over the limit gets 429.
final class LookupThrottle: Sendable {
    private let users = Mutex<[String: LookupLimit]>([:])
    private let clock: WallClock

    init(clock: WallClock) { self.clock = clock }

    func require(_ userId: String) throws {
        let second = clock.millis() / 1000
        let allowed = users.withLock { users -> Bool in
            if users.count > 10_000 { users = users.filter { !$0.value.recent.isEmpty && $0.value.recent.last! > second - LookupLimit.windowSeconds } }
            return users[userId, default: LookupLimit()].allow(at: second)
        }
        guard allowed else {
            throw AppError(.tooManyRequests, "too_many_lookups",
                           Text("查询过于频繁，请稍后再试", "Too many look-ups; try again in a minute"))
        }
    }
}
