import Foundation
import KefuDomain
import KefuPeople
import KefuServiceDesk

/// #15.1: the rosters mark 放假 and 调休上班 days from the service desk's working-day calendar (#3, SLA-05; D13 holiday
/// duty), handed over here so that the people feature never reads the calendar's tables.
struct SlaPeopleCalendar: PeopleCalendar {
    let settings: SlaSettings
    func schedule(now: Date) async throws -> HolidaySchedule { try await settings.current(now: now).calendar.schedule }
}
