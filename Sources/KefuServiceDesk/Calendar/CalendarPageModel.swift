import KefuDomain
import KefuPlatform

/// #11.6: the calendar page as it shows it — the year's entries and where they come from, its days, the business hours —
/// from one settings snapshot (one read, or none while the snapshot is fresh), so the year and the hours always agree.
struct CalendarPageModel: Sendable {
    let year: CalendarYearView
    let days: [CalendarDayView]
    let hours: BusinessHoursView
}

extension CalendarService {
    func pageModel(year: Int, viewer: Principal) async throws -> CalendarPageModel {
        try SlaPolicyService.requireStaff(viewer)
        try Self.checkYear(year)
        let snapshot = try await settings.current()
        return CalendarPageModel(year: Self.yearView(snapshot, year),
                                 days: Self.dayViews(snapshot.calendar.schedule, from: CivilDay(year: year, month: 1, day: 1), to: CivilDay(year: year, month: 12, day: 31)),
                                 hours: BusinessHoursView(snapshot.calendar.hours))
    }
}
