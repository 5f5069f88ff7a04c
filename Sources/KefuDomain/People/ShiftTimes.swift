/// A shift definition's times (SHF-13): start and end as minutes after midnight (an end at or before the start ends
/// on the next day: a night shift), the meal break (1 h 30 min, 12:00–13:30 by default, only for a shift that spans
/// it) and whether the shift carries the public-area cleaning duty (the late shift, 篇6 §六.6).
public struct ShiftTimes: Equatable, Sendable {
    public let startMinute: Int
    public let endMinute: Int
    public let mealStartMinute: Int?
    public let mealEndMinute: Int?
    public let cleaningDuty: Bool

    /// SHF-13: 12:00–13:30.
    public static let defaultMeal = (start: 12 * 60, end: 13 * 60 + 30)

    public init(startMinute: Int, endMinute: Int, mealStartMinute: Int? = nil, mealEndMinute: Int? = nil, cleaningDuty: Bool = false) {
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.mealStartMinute = mealStartMinute
        self.mealEndMinute = mealEndMinute
        self.cleaningDuty = cleaningDuty
    }

    /// Length in minutes; an end at or before the start is on the next day.
    public var lengthMinutes: Int { endMinute > startMinute ? endMinute - startMinute : endMinute + 1440 - startMinute }

    public var overnight: Bool { endMinute <= startMinute }

    /// Minutes since 1970-01-01 00:00 (local) at which the shift of `day` starts and ends.
    public func interval(on day: CivilDay) -> (start: Int, end: Int) {
        let start = day.number * 1440 + startMinute
        return (start, start + lengthMinutes)
    }

    /// Whether the shift spans the whole default meal break (a day shift does; a night shift does not).
    public static func spansDefaultMeal(start: Int, end: Int) -> Bool {
        end > start && start <= defaultMeal.start && end >= defaultMeal.end
    }

    public enum Problem: Equatable, Sendable {
        case badTime(field: String)
        case emptyShift
        case mealOutsideShift
        case mealNotTwoHalfHours
    }

    /// "HH:MM" (00:00–24:00) → minutes after midnight.
    public static func minute(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    public static func text(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// SHF-13 as a definition's check: a shift of some length; a meal break, when there is one, lies inside a day
    /// shift and lasts exactly 1 h 30 min (the seed's "1小时30分钟").
    public static func check(start: Int, end: Int, mealStart: Int?, mealEnd: Int?) -> Problem? {
        guard start != end, start < 1440 else { return .emptyShift }
        guard let ms = mealStart, let me = mealEnd else { return nil }
        guard me - ms == 90 else { return .mealNotTwoHalfHours }
        guard end > start, ms >= start, me <= end else { return .mealOutsideShift }
        return nil
    }
}
