/// A calendar date `YYYY-MM-DD` without a zone (dates of API.md).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...LocalDate.daysIn(year, month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Calendar months later; the day is clamped to the month's end (11-30 + 3 months = 02-28).
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(y, m)))!
    }

    public var description: String {
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// "2026-11"
    public var monthKey: String { String(description.prefix(7)) }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// RMA-09: a return is accepted only for a product that left the factory within 3 months and fails through its own
/// quality defect. D11: the 3 months count from the factory shipment date, inclusive of the same day 3 months later.
public enum ReturnQualityRule {
    public static let months = 3

    public static func withinWindow(shippedAt: LocalDate, requestedOn: LocalDate) -> Bool {
        shippedAt <= requestedOn && requestedOn <= shippedAt.adding(months: months)
    }

    public static func eligible(shippedAt: LocalDate, requestedOn: LocalDate, qualityIssue: Bool, responsibility: DefectResponsibility?) -> Bool {
        qualityIssue && responsibility == .product && withinWindow(shippedAt: shippedAt, requestedOn: requestedOn)
    }
}

/// Money as exact yuan: integer fen (分), parsed from and written as "350.00" (never a floating-point number).
public enum Yuan {
    public static let maxFen: Int64 = 100_000_000_000 // 10亿元

    /// "350", "350.5", "350.50" → 35050; more than two decimals, signs or other text → nil.
    /// #11.2: as people type amounts too: "3,500", "３５００", "¥3,500.00", "3500元".
    public static func fen(_ typed: String) -> Int64? {
        var trimmed = UsualInput.halfWidth(typed)
        if let f = trimmed.first, f == "¥" || f == "￥" { trimmed.removeFirst() }
        if trimmed.hasSuffix("元") { trimmed.removeLast() }
        guard let text = UsualInput.number(trimmed) else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12,
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : "00"
        guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if fraction.count == 1 { fraction += "0" }
        guard let whole = Int64(parts[0]), let cents = Int64(fraction) else { return nil }
        let value = whole * 100 + cents
        return value <= maxFen ? value : nil
    }

    public static func text(_ fen: Int64) -> String {
        let cents = fen % 100
        return "\(fen / 100)." + (cents < 10 ? "0" : "") + String(cents)
    }
}
