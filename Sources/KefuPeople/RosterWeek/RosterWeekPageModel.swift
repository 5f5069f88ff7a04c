import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// SHF-01 "roster per unit by week … printable": one week Monday–Sunday of a unit's roster, one row per person on it,
/// one column per day with the day's kind (holiday, 调休上班) as the month view marks it.
public struct RosterWeekPageModel: Sendable {
    public struct Row: Sendable {
        public let userId: String
        public let name: String
        /// Seven cells, Monday first: the person's entries that day.
        public let cells: [[RosterEntryView]]
    }
    public let orgUnitId: String
    public let orgUnitName: String
    public let monday: CivilDay
    public let days: [RosterDayView]
    public let rows: [Row]
    public let units: [(id: String, name: String)]

    /// The Monday of the week holding `day`.
    public static func monday(of day: CivilDay) -> CivilDay { day.adding(days: -((day.weekday + 6) % 7)) }

    /// The week's days taken from the month rosters they fall in (a week may span two months), and the people on them.
    static func build(unitId: String, unitName: String, monday: CivilDay, months: [RosterView], units: [(id: String, name: String)]) -> RosterWeekPageModel {
        let byDate = Dictionary(months.flatMap(\.days).map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        let days = (0..<7).map { i -> RosterDayView in
            let date = monday.adding(days: i).iso
            return byDate[date] ?? RosterDayView(date: date, kind: "workday", holidayName: nil, entries: [])
        }
        var names: [String: String] = [:]
        for e in days.flatMap(\.entries) { names[e.userId] = e.userName }
        let rows = names.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { id, name in
            Row(userId: id, name: name, cells: days.map { d in d.entries.filter { $0.userId == id } })
        }
        return RosterWeekPageModel(orgUnitId: unitId, orgUnitName: unitName, monday: monday, days: days, rows: rows, units: units)
    }
}

extension RosterService {
    /// One read: the month rosters the week of `date` (default today) falls in, and the units the viewer may pick.
    public func rosterWeekPage(unitId: String?, date: String?, viewer: Principal, now: Date = Date()) async throws -> RosterWeekPageModel {
        let schedule = try await calendar.schedule(now: now)
        let day: CivilDay
        if let text = TextRules.trimmed(date) {
            guard let d = UsualInput.day(text) else { throw AppError.validation("date", Text("日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD")) }
            day = d
        } else {
            day = Times.day(now)
        }
        let monday = RosterWeekPageModel.monday(of: day)
        let monthTexts = Array(Set([CivilMonth(monday).description, CivilMonth(monday.adding(days: 6)).description])).sorted()
        return try await store.read { db in
            let unit = unitId ?? viewer.orgUnitId
            var months: [RosterView] = []
            for m in monthTexts { months.append(try await PeopleQueries.roster(db, unitId: unit, month: m, viewer: viewer, schedule: schedule)) }
            let units = try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }.map { (id: $0.id, name: $0.name) }
            return RosterWeekPageModel.build(unitId: months[0].orgUnitId, unitName: months[0].orgUnitName, monday: monday, months: months, units: units)
        }
    }
}
