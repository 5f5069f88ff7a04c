import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for attendance (#15 leftovers): an absenteeism record (KG-2026-000001, SHF-05/SHF-11) or a work-area leave
/// (LG-2026-000001, SHF-12) found by its whole number (unique index), only where the viewer may see it — the same scope as
/// the lists: an absence by a person with a share of it or a recorder covering its unit; a work-area leave by its person
/// or a duty manager / planner covering its unit.
public struct AttendanceFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("absence", Text("旷工记录", "Absences")), SearchKind("work_area_leave", Text("离岗记录", "Work-area leaves"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard RosterRoles.isStaff(r.viewer.roles), let number = r.query.number else { return [] }
        let whole = number.formatted(dash: true, width: 6)
        switch number.prefix {
        case "KG" where r.wants("absence"):
            guard let a = try await db.raw("\(unsafeRaw: AbsenceRow.select) WHERE a.number = \(bind: whole)").first().map(AbsenceRow.init(row:)) else { return [] }
            let recorder = !r.viewer.roles.isDisjoint(with: AbsenceRules.recorders) && r.viewer.covers(unitPath: a.orgPath)
            let shared = try await db.raw("SELECT 1 AS one FROM absence_shares WHERE absence_id = \(bind: a.id) AND user_id = \(bind: r.viewer.userId)").first() != nil
            guard recorder || shared else { return [] }
            return [SearchHit(kind: "absence", id: a.id, number: a.number, title: "\(a.userName) · \(a.day)",
                              detail: a.unclearHandover ? Text("换班交接不清", "Unclear swap handover")(r.locale) : Text("旷工", "Absenteeism")(r.locale),
                              href: "/people/absences?month=\(a.day.prefix(7))")]
        case "LG" where r.wants("work_area_leave"):
            guard let g = try await db.raw("\(unsafeRaw: WorkAreaLeaveRow.select) WHERE g.number = \(bind: whole)").first().map(WorkAreaLeaveRow.init(row:)),
                  (try? WorkAreaLeaveQueries.requireView(r.viewer, g)) != nil else { return [] }
            return [SearchHit(kind: "work_area_leave", id: g.id, number: g.number, title: "\(g.userName) · \(g.minutes) min · \(g.reason)",
                              detail: AttendancePages.statusLabel(g.status)(r.locale), href: "/people/work-area")]
        default:
            return []
        }
    }
}
