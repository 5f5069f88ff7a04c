import Foundation

/// #16 item 8: RFC 5322 dates read and written by hand. A DateFormatter made per message (four tried per Date header,
/// one more per outbound mail) was a tenth of the mail intake's CPU; the grammar is small and fixed.
public enum MailDates {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    /// RFC 5322 §4.3 obsolete zone names, in minutes east of UTC.
    static let zoneNames: [String: Int] = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
                                           "mst": -420, "mdt": -360, "pst": -480, "pdt": -420]

    /// `[Tue, ]1 Dec 2026 10:00[:00] +0800`: weekday optional (not checked), seconds optional, a two-digit year is
    /// 19xx from 50 and 20xx below (RFC 5322 §4.3), a zone as ±hhmm or an obsolete name; comments dropped.
    /// nil when any part is missing or out of range (31 Feb, 24:00, +2400).
    public static func parse(_ value: String?) -> Date? {
        guard var text = value?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
        if let comma = text.firstIndex(of: ",") { text = String(text[text.index(after: comma)...]) }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        guard parts.count >= 5, let day = Int(parts[0]), (1...31).contains(day),
              let month = months.firstIndex(of: parts[1].lowercased()).map({ $0 + 1 }),
              parts[2].count == 2 || parts[2].count == 4, var year = Int(parts[2]) else { return nil }
        if parts[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        let clock = parts[3].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
              let hour = Int(clock[0]), let minute = Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let second = clock.count == 3 ? Int(clock[2]) : 0
        guard let second, (0...60).contains(second), day <= daysIn(month: month, year: year),
              let offset = zoneMinutes(String(parts[4])) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset * 60)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `Thu, 3 Dec 2026 18:00:00 +0800`: the instant in China time (UTC+8 all year: no daylight saving since 1991).
    public static func chinaTime(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let days = floorDiv(seconds, 86_400), inDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        let weekday = Int(((days % 7) + 11) % 7) // 1970-01-01 was a Thursday
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdayNames[weekday]), \(day) \(monthNames[month - 1]) \(year) \(two(inDay / 3600)):\(two(inDay % 3600 / 60)):\(two(inDay % 60)) +0800"
    }

    static func zoneMinutes(_ zone: String) -> Int? {
        if let sign = zone.first, sign == "+" || sign == "-" {
            let digits = zone.dropFirst()
            guard digits.count == 4, digits.allSatisfy(\.isASCII), let n = Int(digits), n % 100 < 60, n / 100 < 24 else { return nil }
            return (sign == "-" ? -1 : 1) * (n / 100 * 60 + n % 100)
        }
        return zoneNames[zone.lowercased()]
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count since 1970-01-01 (`civil_from_days`).
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int, day: Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
