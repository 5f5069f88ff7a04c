import Foundation
import KefuDomain
import KefuPlatform
import SQLKit

/// #11.1 for swaps and leave (#15 leftovers): a swap form (HB-2026-000001) or leave request (QJ-2026-000001) found by its
/// whole number (unique index), only where the viewer may see it — the search's scope rule (`RequestFilter`).
public struct RequestFinder: SearchProvider {
    public init() {}

    public var kinds: [SearchKind] { [SearchKind("shift_swap", Text("换班单", "Swap forms")), SearchKind("leave_request", Text("请假单", "Leave requests"))] }

    public func find(_ r: SearchRequest, in db: any SQLDatabase) async throws -> [SearchHit] {
        guard RosterRoles.isStaff(r.viewer.roles), let number = r.query.number else { return [] }
        let whole = number.formatted(dash: true, width: 6)
        let one = Paging(page: 1, per: 1)
        switch number.prefix {
        case "HB" where r.wants("shift_swap"):
            return try await PeopleQueries.searchSwaps(db, RequestFilter(kind: .swap, number: whole), viewer: r.viewer, paging: one).items.map { s in
                SearchHit(kind: "shift_swap", id: s.id, number: s.number, title: "\(s.requesterName) ⇄ \(s.counterpartName) · \(s.requesterShift.date)",
                          detail: PeoplePages.statusLabel(s.status)(r.locale), href: PeoplePages.swapPath(s.id))
            }
        case "QJ" where r.wants("leave_request"):
            return try await PeopleQueries.searchLeaves(db, RequestFilter(kind: .leave, number: whole), viewer: r.viewer, paging: one).items.map { v in
                SearchHit(kind: "leave_request", id: v.id, number: v.number, title: "\(v.userName) · \(v.shift.date)",
                          detail: PeoplePages.statusLabel(v.status)(r.locale), href: PeoplePages.leavePath(v.id))
            }
        default:
            return []
        }
    }
}
