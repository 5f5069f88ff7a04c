/// Business hours on a working day, as minutes after local midnight (default 09:00–18:00, API.md).
public struct BusinessHours: Equatable, Codable, Sendable {
    public let startMinute: Int
    public let endMinute: Int

    public static let standard = BusinessHours(startMinute: 9 * 60, endMinute: 18 * 60)!

    public init?(startMinute: Int, endMinute: Int) {
        guard startMinute >= 0, endMinute <= 24 * 60, startMinute < endMinute else { return nil }
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// `"09:00"` and `"18:00"`; nil when either is not HH:MM or the end is not after the start.
    public init?(start: String, end: String) {
        guard let s = BusinessHours.minutes(start), let e = BusinessHours.minutes(end) else { return nil }
        self.init(startMinute: s, endMinute: e)
    }

    public var start: String { BusinessHours.clock(startMinute) }
    public var end: String { BusinessHours.clock(endMinute) }
    public var minutesPerDay: Int { endMinute - startMinute }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}

/// Whether a service clock runs around the clock or only in business hours on working days (API.md `calendar`).
public enum ClockCalendar: String, Codable, CaseIterable, Sendable {
    case allDay = "24x7"
    case businessHours = "business_hours"
}

/// Working-time arithmetic on China's calendar (SLA-05): weekends, 放假 holidays and 调休上班 adjusted workdays,
/// business hours in the organisation's time zone. Instants are epoch milliseconds.
///
/// `adding(_:to:)` of a positive amount always ends inside working time or exactly at the end of a working period,
/// never in non-working time; it is monotonic and additive: adding a then b equals adding a + b.
public struct WorkCalendar: Sendable {
    public let schedule: HolidaySchedule
    public let hours: BusinessHours
    /// The time zone's offset from UTC (China keeps +08:00 all year).
    public let utcOffsetSeconds: Int

    static let dayMillis: Int64 = 86_400_000
    /// A schedule that marks every day as a holiday would never end a clock; stop looking after ten years.
    static let searchLimitDays = 3660

    public init(schedule: HolidaySchedule, hours: BusinessHours = .standard, utcOffsetSeconds: Int = 8 * 3600) {
        self.schedule = schedule
        self.hours = hours
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    var offsetMillis: Int64 { Int64(utcOffsetSeconds) * 1000 }

    /// The local calendar day an instant falls on.
    public func day(of instant: Int64) -> CivilDay {
        let local = instant + offsetMillis
        return CivilDay(number: Int(local >= 0 ? local / Self.dayMillis : (local - Self.dayMillis + 1) / Self.dayMillis))
    }

    /// Local midnight at the start of `day`, as an instant.
    public func startOfDay(_ day: CivilDay) -> Int64 { Int64(day.number) * Self.dayMillis - offsetMillis }

    /// The business-hours period of a working day; nil on days off.
    func workingPeriod(_ day: CivilDay) -> (start: Int64, end: Int64)? {
        guard schedule.isWorking(day) else { return nil }
        let midnight = startOfDay(day)
        return (midnight + Int64(hours.startMinute) * 60_000, midnight + Int64(hours.endMinute) * 60_000)
    }

    public func isWorkingTime(_ instant: Int64, _ calendar: ClockCalendar) -> Bool {
        guard calendar == .businessHours else { return true }
        guard let p = workingPeriod(day(of: instant)) else { return false }
        return instant >= p.start && instant < p.end
    }

    /// `instant` itself when it is working time, else the start of the next working period.
    public func nextWorkingInstant(atOrAfter instant: Int64, _ calendar: ClockCalendar) -> Int64 {
        guard calendar == .businessHours else { return instant }
        var d = day(of: instant)
        for _ in 0..<Self.searchLimitDays {
            if let p = workingPeriod(d), instant < p.end { return max(instant, p.start) }
            d = d.adding(days: 1)
        }
        return instant
    }

    /// The instant `millis` of working time after `start`.
    public func adding(_ millis: Int64, to start: Int64, _ calendar: ClockCalendar) -> Int64 {
        guard calendar == .businessHours, millis > 0 else { return start + max(millis, 0) }
        var remaining = millis
        var d = day(of: start)
        for _ in 0..<Self.searchLimitDays {
            if let p = workingPeriod(d) {
                let from = max(start, p.start)
                if from < p.end {
                    let available = p.end - from
                    if remaining <= available { return from + remaining }
                    remaining -= available
                }
            }
            d = d.adding(days: 1)
        }
        return startOfDay(d)
    }

    public func adding(minutes: Int, to start: Int64, _ calendar: ClockCalendar) -> Int64 {
        adding(Int64(minutes) * 60_000, to: start, calendar)
    }

    /// Working time from `from` to `to` (0 when `to` is not after `from`).
    public func workingMillis(from: Int64, to: Int64, _ calendar: ClockCalendar) -> Int64 {
        guard to > from else { return 0 }
        guard calendar == .businessHours else { return to - from }
        var total: Int64 = 0
        var d = day(of: from)
        let last = day(of: to)
        while d <= last {
            if let p = workingPeriod(d) {
                let s = max(from, p.start), e = min(to, p.end)
                if e > s { total += e - s }
            }
            d = d.adding(days: 1)
        }
        return total
    }

    /// Adds N working days to a date: the Nth working day after `day` (SLA-05's "5 working days").
    public func adding(workingDays n: Int, to day: CivilDay) -> CivilDay {
        var d = day
        var left = n
        var guardDays = 0
        while left > 0, guardDays < Self.searchLimitDays {
            d = d.adding(days: 1)
            guardDays += 1
            if schedule.isWorking(d) { left -= 1 }
        }
        return d
    }
}
