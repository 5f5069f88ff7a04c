import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

public struct CalendarDayView: Codable, Sendable {
    public let date: String
    public let working: Bool
    public let kind: String
    @Nullable public var name: String?
}

public struct BusinessHoursView: Codable, Sendable {
    public let start: String
    public let end: String
    /// The break (午休) during which business-hours clocks stop; null for none.
    @Nullable public var breakStart: String?
    @Nullable public var breakEnd: String?

    init(_ hours: BusinessHours) {
        start = hours.start
        end = hours.end
        breakStart = hours.breakStart
        breakEnd = hours.breakEnd
    }
}

public struct CalendarYearView: Codable, Sendable {
    public let year: Int
    /// `edited` (an administrator entered it), `shipped` (came with Kefu) or `none` (plain Monday–Friday).
    public let source: String
    public let holidays: [HolidayYear.Holiday]
    public let workdays: [String]
}

/// The working-day calendar (SLA-05) and business hours: every staff member reads them, administrators edit them.
public struct CalendarService: Sendable {
    let store: any Store
    let settings: SlaSettings
    /// At most this many days per request.
    public static let maxDays = 366

    public init(store: any Store, settings: SlaSettings) {
        self.store = store
        self.settings = settings
    }

    static func requireAdmin(_ actor: Principal) throws {
        guard actor.has(.editCalendar) else {
            throw AppError.forbidden(Text("只有总部管理员可以修改工作日历和工作时间", "Only a head-office administrator can change the calendar and business hours"))
        }
    }

    public func days(from rawFrom: String?, to rawTo: String?, viewer: Principal) async throws -> [CalendarDayView] {
        try SlaPolicyService.requireStaff(viewer)
        let (from, to) = try QueryValues.period(from: rawFrom, to: rawTo, maxDays: Self.maxDays)
        return Self.dayViews(try await settings.current().calendar.schedule, from: from, to: to)
    }

    static func dayViews(_ schedule: HolidaySchedule, from: CivilDay, to: CivilDay) -> [CalendarDayView] {
        (from.number...to.number).map { n in
            let day = CivilDay(number: n)
            let k = schedule.kind(of: day)
            return CalendarDayView(date: day.iso, working: k.kind.isWorking, kind: k.kind.rawValue, name: k.name)
        }
    }

    public func year(_ year: Int, viewer: Principal) async throws -> CalendarYearView {
        try SlaPolicyService.requireStaff(viewer)
        try Self.checkYear(year)
        return Self.yearView(try await settings.current(), year)
    }

    static func yearView(_ snapshot: SlaSettings.Snapshot, _ year: Int) -> CalendarYearView {
        let data = snapshot.calendar.schedule.years[year]
        let source = snapshot.editedYears[year] != nil ? "edited" : (data != nil ? "shipped" : "none")
        return CalendarYearView(year: year, source: source, holidays: data?.holidays ?? [], workdays: data?.workdays ?? [])
    }

    static func checkYear(_ year: Int) throws {
        guard (2000...2100).contains(year) else {
            throw AppError.validation("year", Text("年份必须在 2000 到 2100 之间", "The year must be between 2000 and 2100"))
        }
    }

    /// Replaces a year's holidays and adjusted workdays (API.md `PUT /calendar/years/{year}`).
    public func replaceYear(_ year: Int, _ input: HolidayYear, by actor: Principal, now: Date = Date()) async throws -> CalendarYearView {
        try Self.requireAdmin(actor)
        try Self.checkYear(year)
        // #11.2: days as people write them ("2027/01/01", "2027年1月1日") are kept in ISO form.
        let data = HolidayYear(holidays: input.holidays.map { .init(name: $0.name.trimmingCharacters(in: .whitespacesAndNewlines),
                                                                      from: UsualInput.isoDay($0.from), to: UsualInput.isoDay($0.to)) },
                               workdays: input.workdays.map(UsualInput.isoDay))
        if let problem = data.problem(forYear: year) { throw Self.error(problem, year: year) }
        let json = String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
        let at = Clock.millis(now)
        try await store.write { db in
            try await db.raw("""
                INSERT INTO calendar_years (year, data, updated_by, updated_at) VALUES (\(bind: year), \(bind: json), \(bind: actor.userId), \(bind: at))
                ON CONFLICT (year) DO UPDATE SET data = excluded.data, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "calendar.year", entity: "calendar_year", entityId: String(year),
                                        detail: ["holidays": String(data.holidays.count), "workdays": String(data.workdays.count)], at: at)
        }
        settings.invalidate()
        return try await self.year(year, viewer: actor)
    }

    static func error(_ problem: HolidayYear.Problem, year: Int) -> AppError {
        switch problem {
        case .badDate(let d): return .validation("holidays", Text("日期无效：{0}（应为 YYYY-MM-DD）", "Not a date: {0} (expected YYYY-MM-DD)").with(d))
        case .outsideYear(let d): return .validation("holidays", Text("{0} 不在 {1} 年内", "{0} is not in {1}").with(d, String(year)))
        case .rangeReversed(let n): return .validation("holidays", Text("“{0}”的结束日期早于开始日期", "“{0}” ends before it starts").with(n))
        case .nameMissing: return .validation("holidays", Text("每个假日都要有名称", "Every holiday needs a name"))
        case .nameTooLong(let n): return .validation("holidays", Text("假日名称最长 40 字：{0}", "A holiday name is at most 40 characters: {0}").with(n))
        case .tooManyEntries: return .validation("holidays", Text("假日和调休上班日各最多 60 条", "At most 60 holidays and 60 adjusted workdays"))
        case .workdayNotWeekend(let d):
            return .validation("workdays", Text("调休上班日 {0} 不是周六或周日", "Adjusted workday {0} is not a Saturday or Sunday").with(d))
        case .workdayIsHoliday(let d):
            return .validation("workdays", Text("{0} 不能同时是假日和调休上班日", "{0} cannot be both a holiday and an adjusted workday").with(d))
        }
    }

    public func businessHours(viewer: Principal) async throws -> BusinessHoursView {
        try SlaPolicyService.requireStaff(viewer)
        return BusinessHoursView(try await settings.current().calendar.hours)
    }

    public func setBusinessHours(start: String?, end: String?, breakStart: String? = nil, breakEnd: String? = nil, by actor: Principal,
                                 now: Date = Date()) async throws -> BusinessHoursView {
        try Self.requireAdmin(actor)
        guard let hours = BusinessHours(start: start ?? "", end: end ?? "", breakStart: breakStart, breakEnd: breakEnd) else {
            throw AppError.validation("start", Text("工作时间应为 HH:MM，结束晚于开始，午休（可不填）在上下班之间，例如 09:00–18:00、午休 12:00–13:30",
                                                    "Business hours are HH:MM with the end after the start and an optional break inside them, e.g. 09:00–18:00 with a 12:00–13:30 break"))
        }
        var fields = ["start": hours.start, "end": hours.end]
        fields["breakStart"] = hours.breakStart
        fields["breakEnd"] = hours.breakEnd
        let stored = fields
        let json = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
        let at = Clock.millis(now)
        try await store.write { db in
            try await db.raw("""
                INSERT INTO settings (key, value, updated_by, updated_at) VALUES (\(bind: SlaSettings.businessHoursKey), \(bind: json), \(bind: actor.userId), \(bind: at))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "calendar.business_hours", entity: "settings", entityId: SlaSettings.businessHoursKey,
                                        detail: stored, at: at)
        }
        settings.invalidate()
        return BusinessHoursView(hours)
    }
}
