/// #10.6: how often one user may look a caller up by phone number — enough for a busy agent logging calls
/// (one look-up per call), far too few to walk the customer register number by number.
public struct LookupLimit: Sendable {
    public static let perWindow = 30
    public static let windowSeconds: Int64 = 60

    /// Start times (seconds) of the recent look-ups of one user, oldest first.
    public private(set) var recent: [Int64] = []

    public init() {}

    /// Records a look-up at `now` when it is allowed; false when the user has used up the window.
    public mutating func allow(at now: Int64) -> Bool {
        recent.removeAll { $0 <= now - Self.windowSeconds }
        guard recent.count < Self.perWindow else { return false }
        recent.append(now)
        return true
    }
}
