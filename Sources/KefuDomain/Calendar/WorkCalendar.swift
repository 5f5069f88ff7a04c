/// Business hours on a working day, as minutes after local midnight (default 09:00–18:00, API.md), with an
/// optional break (午休, e.g. 12:00–13:30 as rosters have it, SHF-13) during which business-hours clocks stop.
public struct BusinessHours: Equatable, Codable, Sendable {
    public let startMinute: Int
    public let endMinute: Int
    public let breakStartMinute: Int?
    public let breakEndMinute: Int?

    public static let standard = BusinessHours(startMinute: 9 * 60, endMinute: 18 * 60)!

    public init?(startMinute: Int, endMinute: Int, breakStartMinute: Int? = nil, breakEndMinute: Int? = nil) {
        guard startMinute >= 0, endMinute <= 24 * 60, startMinute < endMinute else { return nil }
        switch (breakStartMinute, breakEndMinute) {
        case (nil, nil): break
        case let (bs?, be?): guard startMinute < bs, bs < be, be < endMinute else { return nil }
        default: return nil
        }
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.breakStartMinute = breakStartMinute
        self.breakEndMinute = breakEndMinute
    }

    /// `"09:00"` and `"18:00"`, optionally a break `"12:00"`–`"13:30"`; nil when a time is not HH:MM, the end is not
    /// after the start, or the break is not inside the day.
    public init?(start: String, end: String, breakStart: String? = nil, breakEnd: String? = nil) {
        guard let s = BusinessHours.minutes(start), let e = BusinessHours.minutes(end) else { return nil }
        let bs = breakStart.flatMap { $0.isEmpty ? nil : $0 }, be = breakEnd.flatMap { $0.isEmpty ? nil : $0 }
        let bsm = bs.flatMap(BusinessHours.minutes), bem = be.flatMap(BusinessHours.minutes)
        if (bs != nil && bsm == nil) || (be != nil && bem == nil) { return nil }
        self.init(startMinute: s, endMinute: e, breakStartMinute: bsm, breakEndMinute: bem)
    }

    public var start: String { BusinessHours.clock(startMinute) }
    public var end: String { BusinessHours.clock(endMinute) }
    public var breakStart: String? { breakStartMinute.map(BusinessHours.clock) }
    public var breakEnd: String? { breakEndMinute.map(BusinessHours.clock) }
    public var minutesPerDay: Int { endMinute - startMinute - ((breakEndMinute ?? 0) - (breakStartMinute ?? 0)) }

    /// The working periods of a day, in minutes after midnight: one, or two around the break.
    public var periods: [(start: Int, end: Int)] {
        guard let bs = breakStartMinute, let be = breakEndMinute else { return [(startMinute, endMinute)] }
        return [(startMinute, bs), (be, endMinute)]
    }

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

    /// The business-hours periods of a day (none on days off).
    func workingPeriods(_ day: CivilDay) -> [(start: Int64, end: Int64)] {
        guard schedule.isWorking(day) else { return [] }
        let midnight = startOfDay(day)
        return hours.periods.map { (midnight + Int64($0.start) * 60_000, midnight + Int64($0.end) * 60_000) }
    }

    public func isWorkingTime(_ instant: Int64, _ calendar: ClockCalendar) -> Bool {
        guard calendar == .businessHours else { return true }
        return workingPeriods(day(of: instant)).contains { instant >= $0.start && instant < $0.end }
    }

    /// `instant` itself when it is working time, else the start of the next working period.
    public func nextWorkingInstant(atOrAfter instant: Int64, _ calendar: ClockCalendar) -> Int64 {
        guard calendar == .businessHours else { return instant }
        var d = day(of: instant)
        for _ in 0..<Self.searchLimitDays {
            if let p = workingPeriods(d).first(where: { instant < $0.end }) { return max(instant, p.start) }
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
            for p in workingPeriods(d) {
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
            for p in workingPeriods(d) {
                let s = max(from, p.start), e = min(to, p.end)
                if e > s { total += e - s }
            }
            d = d.adding(days: 1)
        }
        return total
    }

    /// Working time from `now` to `due`, negative once `due` has passed (how long overdue).
    public func workingTimeLeft(from now: Int64, until due: Int64, _ calendar: ClockCalendar) -> Int64 {
        due >= now ? workingMillis(from: now, to: due, calendar) : -workingMillis(from: due, to: now, calendar)
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
