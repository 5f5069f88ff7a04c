import Foundation
import KefuDomain

/// The working-day calendar of #3 (holidays 放假 and 调休上班 days) as the rosters need it (D13, SHF-10), supplied by the
/// composition root from the service desk's settings, so that this feature never reads the calendar's tables.
public protocol PeopleCalendar: Sendable {
    func schedule(now: Date) async throws -> HolidaySchedule
}

/// The shipped holidays: for a composition without the service desk's settings.
public struct ShippedPeopleCalendar: PeopleCalendar {
    public init() {}
    public func schedule(now: Date) async throws -> HolidaySchedule { HolidaySchedule(years: ShippedHolidays.years) }
}
