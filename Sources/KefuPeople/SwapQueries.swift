import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// A swap form as stored (4.9), with both entries as they were asked for.
struct SwapRow: Sendable {
    let id: String, number: String, orgUnitId: String, orgPath: String
    let requesterId: String, requesterName: String, counterpartId: String, counterpartName: String
    let requesterEntryId: String, counterpartEntryId: String, requesterDay: String, counterpartDay: String
    let reason: String, status: String, consented: Bool
    let decidedBy: String?, decidedByName: String?, decisionNote: String?, createdAt: Int64

    static let select = """
        SELECT w.id, w.number, w.org_unit_id, w.org_path, w.requester_id, w.counterpart_id, w.requester_entry_id, w.counterpart_entry_id,
            w.requester_day, w.counterpart_day, w.reason, w.status, w.consented_at, w.decided_by, w.decision_note, w.created_at,
            \(OrgQueries.userNameSQL("w.requester_id")) AS requester_name, \(OrgQueries.userNameSQL("w.counterpart_id")) AS counterpart_name,
            \(OrgQueries.userNameSQL("w.decided_by")) AS decided_by_name
        FROM shift_swaps w
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        requesterId = try row.decode(column: "requester_id", as: String.self)
        requesterName = try row.decode(column: "requester_name", as: String?.self) ?? ""
        counterpartId = try row.decode(column: "counterpart_id", as: String.self)
        counterpartName = try row.decode(column: "counterpart_name", as: String?.self) ?? ""
        requesterEntryId = try row.decode(column: "requester_entry_id", as: String.self)
        counterpartEntryId = try row.decode(column: "counterpart_entry_id", as: String.self)
        requesterDay = try row.decode(column: "requester_day", as: String.self)
        counterpartDay = try row.decode(column: "counterpart_day", as: String.self)
        reason = try row.decode(column: "reason", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        consented = try row.decode(column: "consented_at", as: Int64?.self) != nil
        decidedBy = try row.decode(column: "decided_by", as: String?.self)
        decidedByName = try row.decode(column: "decided_by_name", as: String?.self)
        decisionNote = try row.decode(column: "decision_note", as: String?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
    }

    var active: ActiveSwap {
        ActiveSwap(requesterId: requesterId, counterpartId: counterpartId, requesterEntryId: requesterEntryId, counterpartEntryId: counterpartEntryId,
                   days: [requesterDay, counterpartDay].compactMap { CivilDay(iso: $0) })
    }
}

/// A leave request as stored (SHF-05).
struct LeaveRow: Sendable {
    let id: String, number: String, orgUnitId: String, orgPath: String, userId: String, userName: String, entryId: String, day: String
    let reason: String, status: String, decidedBy: String?, decidedByName: String?, decisionNote: String?, createdAt: Int64

    static let select = """
        SELECT l.id, l.number, l.org_unit_id, l.org_path, l.user_id, l.entry_id, l.day, l.reason, l.status, l.decided_by, l.decision_note, l.created_at,
            \(OrgQueries.userNameSQL("l.user_id")) AS user_name, \(OrgQueries.userNameSQL("l.decided_by")) AS decided_by_name
        FROM leave_requests l
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        userId = try row.decode(column: "user_id", as: String.self)
        userName = try row.decode(column: "user_name", as: String?.self) ?? ""
        entryId = try row.decode(column: "entry_id", as: String.self)
        day = try row.decode(column: "day", as: String.self)
        reason = try row.decode(column: "reason", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        decidedBy = try row.decode(column: "decided_by", as: String?.self)
        decidedByName = try row.decode(column: "decided_by_name", as: String?.self)
        decisionNote = try row.decode(column: "decision_note", as: String?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
    }
}

/// Which swaps and leave requests a list shows: the viewer's own, or those waiting for the viewer's decision.
public enum RequestListView: String, Sendable, CaseIterable {
    case mine, approval
}

extension PeopleQueries {
    static func swapRow(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> SwapRow? {
        try await db.raw("\(unsafeRaw: SwapRow.select) WHERE w.id = \(bind: id)\(unsafeRaw: lock)").first().map(SwapRow.init(row:))
    }

    static func leaveRow(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> LeaveRow? {
        try await db.raw("\(unsafeRaw: LeaveRow.select) WHERE l.id = \(bind: id)\(unsafeRaw: lock)").first().map(LeaveRow.init(row:))
    }

    /// A party sees its swap; approvers and planners see their unit's and below.
    static func requireView(_ viewer: Principal, swap s: SwapRow) throws {
        let party = viewer.userId == s.requesterId || viewer.userId == s.counterpartId
        let overseer = !viewer.roles.isDisjoint(with: RosterRoles.planners.union(RosterRoles.swapApprovers)) && viewer.covers(unitPath: s.orgPath)
        guard party || overseer else { throw AppError.forbidden(Text("您不能查看这张换班单", "You cannot see this swap form")) }
    }

    static func swapActions(_ s: SwapRow, viewer: Principal) -> [String] {
        guard s.status == "requested" else { return [] }
        var actions: [String] = []
        if viewer.userId == s.counterpartId && !s.consented { actions.append("consent") }
        if mayDecide(viewer, s) && s.consented { actions.append("approve") }
        if mayDecide(viewer, s) || viewer.userId == s.counterpartId { actions.append("reject") }
        return actions
    }

    /// SHF-06: the department manager of the swap's unit (or above) who is not a party to it.
    static func mayDecide(_ viewer: Principal, _ s: SwapRow) -> Bool {
        !viewer.roles.isDisjoint(with: RosterRoles.swapApprovers) && viewer.covers(unitPath: s.orgPath)
            && viewer.userId != s.requesterId && viewer.userId != s.counterpartId
    }

    static func swapView(_ db: any SQLDatabase, _ s: SwapRow, viewer: Principal) async throws -> SwapView {
        let mine = try await entry(db, id: s.requesterEntryId), theirs = try await entry(db, id: s.counterpartEntryId)
        func brief(_ e: EntryRow?, _ id: String, _ day: String) -> SwapShiftView { e?.brief ?? SwapShiftView(entryId: id, date: day, shiftCode: "", start: "", end: "") }
        return SwapView(id: s.id, number: s.number, orgUnitId: s.orgUnitId, status: s.status, requesterId: s.requesterId, requesterName: s.requesterName,
                        counterpartId: s.counterpartId, counterpartName: s.counterpartName, requesterShift: brief(mine, s.requesterEntryId, s.requesterDay),
                        counterpartShift: brief(theirs, s.counterpartEntryId, s.counterpartDay), reason: s.reason, consented: s.consented,
                        decidedBy: s.decidedBy, decidedByName: s.decidedByName, decisionNote: s.decisionNote, createdAt: Times.rfc3339(s.createdAt),
                        actions: swapActions(s, viewer: viewer))
    }

    static func swapView(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> SwapView {
        guard let s = try await swapRow(db, id: id) else { throw AppError.notFound(Text("换班单", "Swap form")) }
        try requireView(viewer, swap: s)
        return try await swapView(db, s, viewer: viewer)
    }

    /// The viewer's swaps (asked by or of them), or those of its scope waiting for a manager's decision.
    public static func swaps(_ db: any SQLDatabase, view: RequestListView, viewer: Principal, paging: Paging) async throws -> ListPage<SwapView> {
        let condition: SQLQueryString
        switch view {
        case .mine: condition = "(w.requester_id = \(bind: viewer.userId) OR w.counterpart_id = \(bind: viewer.userId))"
        case .approval:
            guard !viewer.roles.isDisjoint(with: RosterRoles.swapApprovers) else { return ListPage(items: [], page: paging.page, per: paging.per, total: 0) }
            condition = "w.status = 'requested' AND w.org_path LIKE \(bind: viewer.orgPath + "%") AND w.requester_id <> \(bind: viewer.userId) AND w.counterpart_id <> \(bind: viewer.userId)"
        }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM shift_swaps w WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("\(unsafeRaw: SwapRow.select) WHERE \(condition) ORDER BY w.created_at DESC, w.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(SwapRow.init(row:))
        var items: [SwapView] = []
        for r in rows { items.append(try await swapView(db, r, viewer: viewer)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    static func mayApproveLeave(_ viewer: Principal, _ l: LeaveRow) -> Bool {
        !viewer.roles.isDisjoint(with: RosterRoles.leaveApprovers) && viewer.covers(unitPath: l.orgPath) && viewer.userId != l.userId
    }

    static func leaveView(_ db: any SQLDatabase, _ l: LeaveRow, viewer: Principal) async throws -> LeaveView {
        let e = try await entry(db, id: l.entryId)
        return LeaveView(id: l.id, number: l.number, orgUnitId: l.orgUnitId, status: l.status, userId: l.userId, userName: l.userName,
                         shift: e?.brief ?? SwapShiftView(entryId: l.entryId, date: l.day, shiftCode: "", start: "", end: ""), reason: l.reason,
                         decidedBy: l.decidedBy, decidedByName: l.decidedByName, decisionNote: l.decisionNote, createdAt: Times.rfc3339(l.createdAt),
                         actions: l.status == "requested" && mayApproveLeave(viewer, l) ? ["approve", "reject"] : [])
    }

    public static func leaves(_ db: any SQLDatabase, view: RequestListView, viewer: Principal, paging: Paging) async throws -> ListPage<LeaveView> {
        let condition: SQLQueryString
        switch view {
        case .mine: condition = "l.user_id = \(bind: viewer.userId)"
        case .approval:
            guard !viewer.roles.isDisjoint(with: RosterRoles.leaveApprovers) else { return ListPage(items: [], page: paging.page, per: paging.per, total: 0) }
            condition = "l.status = 'requested' AND l.org_path LIKE \(bind: viewer.orgPath + "%") AND l.user_id <> \(bind: viewer.userId)"
        }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM leave_requests l WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("\(unsafeRaw: LeaveRow.select) WHERE \(condition) ORDER BY l.created_at DESC, l.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(LeaveRow.init(row:))
        var items: [LeaveView] = []
        for r in rows { items.append(try await leaveView(db, r, viewer: viewer)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }
}
