import Foundation
import KefuDomain

/// RFC 3339 in and out; the organisation's zone for display (KEFU_TIMEZONE, default Asia/Shanghai).
public enum Times {
    /// "2026-11-29T08:30:00.125Z": UTC with milliseconds, computed directly (days-to-civil) because a list
    /// response formats hundreds of them and the Foundation formatter showed up in profiles.
    public static func rfc3339(_ millis: Int64) -> String {
        let ms = Int(((millis % 1000) + 1000) % 1000)
        let seconds = (millis - Int64(ms)) / 1000
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (year, month, day) = CivilDay(number: Int(days)).components
        let h = Int(secondOfDay / 3600), m = Int((secondOfDay % 3600) / 60), sec = Int(secondOfDay % 60)
        guard (0...9999).contains(year) else {
            func pad(_ v: Int, _ width: Int) -> String {
                let s = String(v)
                return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(h, 2)):\(pad(m, 2)):\(pad(sec, 2)).\(pad(ms, 3))Z"
        }
        // "yyyy-MM-ddTHH:mm:ss.SSSZ" written digit by digit into the string's own storage: every JSON time goes
        // through here (20 tickets × 8 times on a search page), and the padded pieces cost 8 small strings each.
        return String(unsafeUninitializedCapacity: 24) { out in
            var i = 0
            func digits(_ value: Int, _ width: Int) {
                var v = value, j = i + width - 1
                while j >= i { out[j] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; j -= 1 }
                i += width
            }
            func mark(_ c: Unicode.Scalar) { out[i] = UInt8(ascii: c); i += 1 }
            digits(year, 4); mark("-"); digits(month, 2); mark("-"); digits(day, 2); mark("T")
            digits(h, 2); mark(":"); digits(m, 2); mark(":"); digits(sec, 2); mark("."); digits(ms, 3); mark("Z")
            return i
        }
    }

    public static func rfc3339(_ millis: Int64?) -> String? {
        millis.map { rfc3339($0) }
    }

    public static func parse(_ text: String) -> Date? {
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return d }
        if let d = try? Date.ISO8601FormatStyle().parse(text) { return d }
        return nil
    }

    public static let zone: TimeZone = TimeZone(identifier: ProcessInfo.processInfo.environment["KEFU_TIMEZONE"] ?? "Asia/Shanghai")
        ?? TimeZone(identifier: "Asia/Shanghai")!

    public static func calendar() -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = zone
        return c
    }

    /// "2026-11-29 08:20" in the organisation's zone.
    public static func display(_ millis: Int64) -> String {
        let c = calendar().dateComponents([.year, .month, .day, .hour, .minute], from: Clock.date(millis: millis))
        func two(_ v: Int?) -> String { String(format: "%02d", v ?? 0) }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    /// The organisation's calendar day that `date` falls on.
    public static func day(_ date: Date) -> CivilDay {
        let local = Clock.millis(date) + Int64(zone.secondsFromGMT(for: date)) * 1000, dayLength: Int64 = 86_400_000
        // Rounded down, also before 1970 (division alone rounds toward zero).
        return CivilDay(number: Int(local >= 0 ? local / dayLength : (local - dayLength + 1) / dayLength))
    }

    /// Midnight starting the organisation's day that `date` falls on, in epoch milliseconds.
    public static func startOfDay(_ date: Date) -> Int64 {
        Clock.millis(calendar().startOfDay(for: date))
    }

    /// The organisation's year that `date` falls in (from its civil day: a Calendar for each ticket's number was 0.5 %
    /// of a create's CPU, #17.4).
    public static func year(_ date: Date) -> Int {
        day(date).components.year
    }
}
