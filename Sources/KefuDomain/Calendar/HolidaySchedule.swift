import Foundation

/// One year's 放假 holidays and 调休上班 adjusted workdays, in the format of the State Council notice data
/// (shared data/cn-public-holidays.json): `{"holidays":[{"name","from","to"}],"workdays":["YYYY-MM-DD"]}`.
public struct HolidayYear: Codable, Equatable, Sendable {
    public struct Holiday: Codable, Equatable, Sendable {
        public var name: String
        public var from: String
        public var to: String

        public init(name: String, from: String, to: String) {
            self.name = name
            self.from = from
            self.to = to
        }
    }

    public var holidays: [Holiday]
    public var workdays: [String]

    public init(holidays: [Holiday], workdays: [String]) {
        self.holidays = holidays
        self.workdays = workdays
    }

    public enum Problem: Equatable, Sendable {
        case badDate(String)
        case outsideYear(String)
        case rangeReversed(name: String)
        case nameMissing
        case nameTooLong(String)
        case tooManyEntries
        /// 调休上班 days are the weekend days worked instead of a holiday; a weekday there is a typo.
        case workdayNotWeekend(String)
        case workdayIsHoliday(String)
    }

    /// The first problem that keeps this from being `year`'s schedule, or nil.
    public func problem(forYear year: Int) -> Problem? {
        guard holidays.count <= 60, workdays.count <= 60 else { return .tooManyEntries }
        var holidayDays = Set<CivilDay>()
        for h in holidays {
            let name = h.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { return .nameMissing }
            guard name.count <= 40 else { return .nameTooLong(name) }
            guard let from = CivilDay(iso: h.from) else { return .badDate(h.from) }
            guard let to = CivilDay(iso: h.to) else { return .badDate(h.to) }
            guard from.year == year else { return .outsideYear(h.from) }
            guard to.year == year else { return .outsideYear(h.to) }
            guard from <= to else { return .rangeReversed(name: name) }
            for n in from.number...to.number { holidayDays.insert(CivilDay(number: n)) }
        }
        for w in workdays {
            guard let day = CivilDay(iso: w) else { return .badDate(w) }
            guard day.year == year else { return .outsideYear(w) }
            guard day.isWeekend else { return .workdayNotWeekend(w) }
            guard !holidayDays.contains(day) else { return .workdayIsHoliday(w) }
        }
        return nil
    }
}

/// The kind of a calendar day (API.md: workday, weekend, holiday = 放假, adjusted_workday = 调休上班).
public enum DayKind: String, Codable, Sendable {
    case workday, weekend, holiday
    case adjustedWorkday = "adjusted_workday"

    public var isWorking: Bool { self == .workday || self == .adjustedWorkday }
}

/// Every known year's schedule, looked up by day. A year without data is plain Monday–Friday (SLA-05).
public struct HolidaySchedule: Sendable {
    private var holidayNames: [CivilDay: String] = [:]
    private var adjustedWorkdays: Set<CivilDay> = []
    public private(set) var years: [Int: HolidayYear] = [:]

    public init(years: [Int: HolidayYear] = [:]) {
        for (year, data) in years { set(year, data) }
    }

    /// Replaces one year's entries. The caller has checked `data.problem(forYear:)`.
    public mutating func set(_ year: Int, _ data: HolidayYear) {
        holidayNames = holidayNames.filter { $0.key.year != year }
        adjustedWorkdays = adjustedWorkdays.filter { $0.year != year }
        for h in data.holidays {
            guard let from = CivilDay(iso: h.from), let to = CivilDay(iso: h.to), from <= to else { continue }
            for n in from.number...to.number { holidayNames[CivilDay(number: n)] = h.name }
        }
        for w in data.workdays { if let d = CivilDay(iso: w) { adjustedWorkdays.insert(d) } }
        years[year] = data
    }

    public func hasData(for year: Int) -> Bool { years[year] != nil }

    public func kind(of day: CivilDay) -> (kind: DayKind, name: String?) {
        if adjustedWorkdays.contains(day) { return (.adjustedWorkday, "调休上班") }
        if let name = holidayNames[day] { return (.holiday, name) }
        return day.isWeekend ? (.weekend, nil) : (.workday, nil)
    }

    public func isWorking(_ day: CivilDay) -> Bool {
        if adjustedWorkdays.contains(day) { return true }
        if holidayNames[day] != nil { return false }
        return !day.isWeekend
    }
}
