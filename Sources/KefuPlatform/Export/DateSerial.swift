/// Spreadsheet date serial numbers (1900 date system, as Excel, WPS and openpyxl use by default):
/// serial 1 = 1900-01-01, with Excel's phantom 1900-02-29 as serial 60; from 61 on, days since 1899-12-30.
public enum DateSerial {
    /// Serial of a civil date, or nil before 1900-01-01.
    public static func serial(year: Int, month: Int, day: Int) -> Int? {
        let days = daysFromCivil(year, month, day) - daysFromCivil(1899, 12, 30)
        guard days >= 2 else { return nil }
        return days < 61 ? days - 1 : days
    }

    /// Serial of an ISO date text "yyyy-MM-dd" (or "yyyy-MM-ddT…", time ignored), or nil if it is not one.
    public static func serial(iso: String) -> Int? {
        guard let (y, m, d) = parseISO(iso) else { return nil }
        return serial(year: y, month: m, day: d)
    }

    /// The civil date of a whole serial (the fraction, a time of day, is dropped).
    public static func date(serial: Int) -> (year: Int, month: Int, day: Int)? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        if serial == 60 { return (1900, 2, 29) }
        let days = serial < 60 ? serial + 1 : serial
        return civilFromDays(daysFromCivil(1899, 12, 30) + days)
    }

    /// "yyyy-MM-dd" of a serial.
    public static func isoText(serial: Int) -> String? {
        guard let (y, m, d) = date(serial: serial) else { return nil }
        return iso(y, m, d)
    }

    public static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func parseISO(_ s: String) -> (Int, Int, Int)? {
        let u = Array(s.utf8)
        guard u.count >= 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        if u.count > 10, u[10] != UInt8(ascii: "T"), u[10] != UInt8(ascii: " ") { return nil }
        func num(_ a: Int, _ b: Int) -> Int? {
            var v = 0
            for k in a..<b {
                guard u[k] >= 48, u[k] <= 57 else { return nil }
                v = v * 10 + Int(u[k] - 48)
            }
            return v
        }
        guard let y = num(0, 4), let m = num(5, 7), let d = num(8, 10), (1...12).contains(m), d >= 1, d <= daysIn(y, m) else { return nil }
        return (y, m, d)
    }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
