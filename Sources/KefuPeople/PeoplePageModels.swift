import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// The roster page (SHF-01): the unit's month on the calendar, who is on duty now, the units the viewer may open and,
/// for a planner, the people and shifts of the edit form.
public struct RosterPageModel: Sendable {
    public let roster: RosterView
    public let onDuty: [RosterEntryView]
    public let units: [(id: String, name: String)]
    public let members: [(id: String, name: String)]
    /// #15 leftovers (SHF-02): the month's shifts whose handover is not complete, by entry id.
    public var handoverMarks: [String: HandoverCalendarMark] = [:]
}

/// "My shifts" (4.9, SHF-05): the viewer's coming shifts, colleagues' shifts to swap with, its swaps and leave requests.
public struct MyShiftsPageModel: Sendable {
    public let mine: [RosterEntryView]
    public let colleagues: [RosterEntryView]
    public let swaps: ListPage<SwapView>
    public let leaves: ListPage<LeaveView>
}

/// The manager's approval list: swaps and leave waiting for the viewer's decision.
public struct ApprovalsPageModel: Sendable {
    public let swaps: ListPage<SwapView>
    public let leaves: ListPage<LeaveView>
}

extension RosterService {
    /// One read: the roster, who is on duty at `now` in the unit, and the form's choices.
    public func rosterPage(unitId: String?, month: String?, viewer: Principal, now: Date = Date()) async throws -> RosterPageModel {
        let schedule = try await calendar.schedule(now: now)
        let today = Times.day(now)
        let minute = today.number * 1440 + Int((Clock.millis(now) - Times.startOfDay(now)) / 60_000)
        return try await store.read { db in
            let unit = unitId ?? viewer.orgUnitId
            let roster = try await PeopleQueries.roster(db, unitId: unit, month: month ?? String(today.iso.prefix(7)), viewer: viewer, schedule: schedule)
            let path = try await OrgQueries.unitPath(db, unitId: unit) ?? viewer.orgPath
            let units = try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }.map { (id: $0.id, name: $0.name) }
            var members: [(id: String, name: String)] = []
            if roster.actions.contains("edit") {
                let ids = try await OrgQueries.activeMembers(db, ofUnits: [unit]).filter { !Role.isCustomerOnly($0.roles) }.map(\.id)
                let names = try await OrgQueries.displayNames(db, ids: Set(ids))
                members = ids.map { (id: $0, name: names[$0] ?? $0) }.sorted { $0.name < $1.name }
            }
            return RosterPageModel(roster: roster, onDuty: try await PeopleQueries.onDuty(db, unitPath: path, day: today, minute: minute),
                                   units: units, members: members,
                                   handoverMarks: try await HandoverQueries.calendarMarks(db, unitId: roster.orgUnitId, from: roster.days.first?.date ?? "",
                                                                                          to: roster.days.last?.date ?? "", now: now))
        }
    }
}

extension SwapService {
    public func myShiftsPage(viewer: Principal, paging: Paging, now: Date = Date()) async throws -> MyShiftsPageModel {
        let today = Times.day(now)
        return try await store.read { db in
            let mine = try await PeopleQueries.myShifts(db, userId: viewer.userId, from: today, limit: 62)
            let units = Array(Set(mine.map(\.orgUnitId))).sorted()
            let colleagues = try await PeopleQueries.colleagueShifts(db, userId: viewer.userId, unitIds: units, from: today, limit: 200)
            return MyShiftsPageModel(mine: mine.map { $0.view() }, colleagues: colleagues.map { $0.view() },
                                     swaps: try await PeopleQueries.swaps(db, view: .mine, viewer: viewer, paging: paging),
                                     leaves: try await PeopleQueries.leaves(db, view: .mine, viewer: viewer, paging: Paging(page: 1, per: 20)))
        }
    }

    public func approvalsPage(viewer: Principal, paging: Paging) async throws -> ApprovalsPageModel {
        try await store.read { db in
            ApprovalsPageModel(swaps: try await PeopleQueries.swaps(db, view: .approval, viewer: viewer, paging: paging),
                               leaves: try await PeopleQueries.leaves(db, view: .approval, viewer: viewer, paging: Paging(page: 1, per: 50)))
        }
    }
}
