import Foundation
import KefuDomain
import KefuPlatform

/// The working-day calendar of #3 (SLA-05) as materials clocks need it (REQ-04: 24 working hours; ARR-06: 5 working days), supplied by
/// the composition root from the service desk's settings, so that this feature never reads the calendar's tables.
public protocol MaterialWorkCalendar: Sendable {
    func workCalendar(now: Date) async throws -> WorkCalendar
}

/// The shipped holidays and the standard business hours: for a composition without the service desk's settings.
public struct ShippedWorkCalendar: MaterialWorkCalendar {
    public init() {}
    public func workCalendar(now: Date) async throws -> WorkCalendar {
        WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years), utcOffsetSeconds: Times.zone.secondsFromGMT())
    }
}
