/// A month of the civil calendar ("YYYY-MM"): its first and last day, the next and previous month, ordered.
public struct CivilMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) { self.year = year; self.month = month }

    /// "YYYY-MM", or the month of "YYYY-MM-DD"; nil for anything else.
    public init?(_ text: String) {
        if text.count == 10, let day = CivilDay(iso: text) {
            self.init(day)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 7, parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        self.init(year: y, month: m)
    }

    public init(_ day: CivilDay) { let c = day.components; self.init(year: c.year, month: c.month) }

    public var first: CivilDay { CivilDay(year: year, month: month, day: 1) }
    public var last: CivilDay { CivilDay(year: year, month: month, day: CivilDay.daysIn(year: year, month: month)) }
    public var next: CivilMonth { month == 12 ? CivilMonth(year: year + 1, month: 1) : CivilMonth(year: year, month: month + 1) }
    public var previous: CivilMonth { month == 1 ? CivilMonth(year: year - 1, month: 12) : CivilMonth(year: year, month: month - 1) }
    public var index: Int { year * 12 + month - 1 }
    public var description: String {
        let m = String(month)
        return String(year) + "-" + (m.count == 1 ? "0" + m : m)
    }
    public static func < (a: CivilMonth, b: CivilMonth) -> Bool { a.index < b.index }
}
