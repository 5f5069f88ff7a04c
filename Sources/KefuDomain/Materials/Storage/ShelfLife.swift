/// STO-05: shelf-life dates of a batch. Dates are `YYYY-MM-DD` text (the organisation's calendar day); the arithmetic
/// is on `CivilDay`, no clock and no time zone.
public enum ShelfLife {
    /// Decision (#12.4): a batch is near expiry when it expires within this many days, unless the item sets its own.
    public static let defaultNearExpiryDays = 30

    /// The expiry of a batch: as labelled; else production date + shelf life; else receipt date + shelf life; nil for
    /// an item without shelf life and no labelled expiry.
    public static func expiry(labelled: String?, producedOn: String?, receivedOn: String, shelfLifeDays: Int?) -> String? {
        if let labelled { return labelled }
        guard let days = shelfLifeDays, let start = CivilDay(iso: producedOn ?? receivedOn) else { return nil }
        return start.adding(days: days).iso
    }

    /// Days from `today` to `expiry` (negative: expired); nil when either is not a day.
    public static func daysLeft(expiry: String, today: String) -> Int? {
        guard let e = CivilDay(iso: expiry), let t = CivilDay(iso: today) else { return nil }
        return e.number - t.number
    }

    /// Near expiry (or already expired) on `today`, with the item's threshold or the default.
    public static func isNearExpiry(expiry: String?, today: String, thresholdDays: Int?) -> Bool {
        guard let expiry, let left = daysLeft(expiry: expiry, today: today) else { return false }
        return left <= (thresholdDays ?? defaultNearExpiryDays)
    }

    /// A batch's dates must follow each other: produced ≤ received, produced < expiry.
    public static func datesProblem(producedOn: String?, receivedOn: String, expiry: String?) -> DatesProblem? {
        if let p = producedOn, p > receivedOn { return .producedAfterReceipt }
        if let p = producedOn, let e = expiry, e <= p { return .expiryNotAfterProduction }
        return nil
    }

    public enum DatesProblem: Sendable, Equatable { case producedAfterReceipt, expiryNotAfterProduction }
}
