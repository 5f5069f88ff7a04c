/// Arithmetic of sign-in throttling (#10.4): counters of failed attempts per source address and per account,
/// with growing delays. There is no lock a stranger can hold: an account's counter only slows down sources
/// that never signed in to it, never a known address or a browser with the account's known-device cookie.
public enum LoginThrottle {
    /// Failures before the first delay.
    public static let freeFailures = 5
    /// The first delay; each further failure doubles it, up to `maxDelayMillis`.
    public static let baseDelayMillis: Int64 = 1_000
    public static let maxDelayMillis: Int64 = 15 * 60 * 1_000
    /// A counter quiet this long starts again from zero (and its row is pruned).
    public static let forgetAfterMillis: Int64 = 60 * 60 * 1_000

    /// The wait after the last of `failures` failures: 0 up to `freeFailures - 1`, then 1 s, 2 s, 4 s, … 15 min.
    public static func delay(failures: Int) -> Int64 {
        guard failures >= freeFailures else { return 0 }
        let doublings = failures - freeFailures
        if doublings >= 20 { return maxDelayMillis }
        return min(maxDelayMillis, baseDelayMillis << Int64(doublings))
    }

    /// Failures counted after one more failure at `now`: a forgotten counter restarts at 1.
    public static func next(failures: Int, lastFailureAt: Int64, now: Int64) -> Int {
        now - lastFailureAt > forgetAfterMillis ? 1 : failures + 1
    }

    /// Milliseconds to wait before another attempt is heard, or nil when it may go ahead now.
    public static func wait(failures: Int, lastFailureAt: Int64, now: Int64) -> Int64? {
        if now - lastFailureAt > forgetAfterMillis { return nil }
        let until = lastFailureAt + delay(failures: failures)
        return until > now ? until - now : nil
    }

    /// Whole seconds for a Retry-After header (at least 1).
    public static func retryAfterSeconds(_ waitMillis: Int64) -> Int64 {
        max(1, (waitMillis + 999) / 1_000)
    }
}
