import Foundation

/// RFC 3339 in and out; the organisation's zone for display (KEFU_TIMEZONE, default Asia/Shanghai).
public enum Times {
    public static func rfc3339(_ millis: Int64) -> String {
        Clock.date(millis: millis).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
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

    public static func year(_ date: Date) -> Int {
        calendar().component(.year, from: date)
    }
}
