import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// 人员 › 考勤 › 旷工 (#15.3): the absences the viewer sees for a month, and for a recorder the shifts it may record as missed.
public struct AbsencePageModel: Sendable {
    public struct Choice: Sendable {
        public let entryId: String
        public let label: String
        /// The other party of the effective swap that gave the absentee this shift, when there is one (SHF-11).
        public let otherParty: String?
    }
    public let month: String
    public let absences: ListPage<AbsenceView>
    /// Shifts of the month up to today in the viewer's scope without an absence yet (empty: no form, or nothing to record).
    public let choices: [Choice]
    public let mayRecord: Bool
}

/// 人员 › 考勤 › 离岗 (SHF-12): the viewer's leaves, those awaiting its decision, and its unit's allowed time.
public struct WorkAreaPageModel: Sendable {
    public let mine: ListPage<WorkAreaLeaveView>
    public let awaiting: [WorkAreaLeaveView]
    public let limit: WorkAreaLimitView
}

extension AbsenceService {
    public func page(month: String?, viewer: Principal, paging: Paging, now: Date = Date()) async throws -> AbsencePageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        let today = Times.day(now)
        let month = TextRules.trimmed(month) ?? String(today.iso.prefix(7))
        let (first, last) = try PeopleQueries.month(month)
        let mayRecord = !viewer.roles.isDisjoint(with: AbsenceRules.recorders)
        return try await store.read { db in
            let list = try await AbsenceQueries.list(db, filter: AbsenceQueries.Filter(month: month), viewer: viewer, paging: paging)
            var choices: [AbsencePageModel.Choice] = []
            if mayRecord, first <= today {
                let until = min(last, today)
                let rows = try await db.raw("""
                    \(unsafeRaw: EntryRow.select) WHERE e.org_path LIKE \(bind: viewer.orgPath + "%") AND e.day >= \(bind: first.iso) AND e.day <= \(bind: until.iso)
                    AND e.user_id <> \(bind: viewer.userId) AND NOT EXISTS (SELECT 1 FROM absences a WHERE a.entry_id = e.id)
                    ORDER BY e.day DESC, s.start_minute, user_name LIMIT 300
                    """).all().map(EntryRow.init(row:))
                for e in rows {
                    var other: String?
                    if let swapId = e.swapId, let s = try await PeopleQueries.swapRow(db, id: swapId), s.status == "effective" {
                        other = s.requesterId == e.userId ? s.counterpartName : s.requesterName
                    }
                    let label = "\(e.day) \(e.userName) · \(e.shift.code) \(e.shift.start)–\(e.shift.end)" + (other.map { " ⇄ \($0)" } ?? "")
                    choices.append(.init(entryId: e.id, label: label, otherParty: other))
                }
            }
            return AbsencePageModel(month: month, absences: list, choices: choices, mayRecord: mayRecord)
        }
    }
}

extension WorkAreaLeaveService {
    public func page(viewer: Principal, paging: Paging, now: Date = Date()) async throws -> WorkAreaPageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in
            let mine = try await WorkAreaLeaveQueries.list(db, view: .mine, viewer: viewer, paging: paging, now: now)
            let awaiting = try await WorkAreaLeaveQueries.list(db, view: .approval, viewer: viewer, paging: Paging(page: 1, per: 50), now: now).items
            return WorkAreaPageModel(mine: mine, awaiting: awaiting, limit: try await WorkAreaLeaveQueries.limitView(db, unitId: viewer.orgUnitId, viewer: viewer))
        }
    }
}
