/// STO-05: shelf-life dates of a batch. Dates are `YYYY-MM-DD` text (the organisation's calendar day); the arithmetic
/// is on day numbers (days since 1970-01-01, proleptic Gregorian), no clock and no time zone.
public enum ShelfLife {
    /// Decision (#12.4): a batch is near expiry when it expires within this many days, unless the item sets its own.
    public static let defaultNearExpiryDays = 30

    /// The expiry of a batch: as labelled; else production date + shelf life; else receipt date + shelf life; nil for
    /// an item without shelf life and no labelled expiry.
    public static func expiry(labelled: String?, producedOn: String?, receivedOn: String, shelfLifeDays: Int?) -> String? {
        if let labelled { return labelled }
        guard let days = shelfLifeDays, let start = DayNumber.parse(producedOn ?? receivedOn) else { return nil }
        return DayNumber.format(start + days)
    }

    /// Days from `today` to `expiry` (negative: expired); nil when either is not a day.
    public static func daysLeft(expiry: String, today: String) -> Int? {
        guard let e = DayNumber.parse(expiry), let t = DayNumber.parse(today) else { return nil }
        return e - t
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

/// Civil day ↔ day number (H. Hinnant's algorithm), for `YYYY-MM-DD` text.
public enum DayNumber {
    public static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let n = era * 146097 + doe - 719468
        return format(n) == text ? n : nil
    }

    public static func format(_ n: Int) -> String {
        let z = n + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
