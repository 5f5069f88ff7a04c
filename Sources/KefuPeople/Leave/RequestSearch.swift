import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// #15 leftovers: which swaps or leave requests a search shows — one person's (as either party of a swap), one state,
/// one month (a swap's either day), one number. Every field is optional; the viewer's scope always applies.
public struct RequestFilter: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case swap, leave }
    public var kind: Kind
    public var person: String?
    public var status: String?
    public var month: String?
    public var number: String?

    public init(kind: Kind = .swap, person: String? = nil, status: String? = nil, month: String? = nil, number: String? = nil) {
        self.kind = kind
        self.person = person
        self.status = status
        self.month = month
        self.number = number
    }

    static let states: [Kind: [String]] = [.swap: ["requested", "effective", "rejected"], .leave: ["requested", "approved", "rejected"]]

    /// From a query string (page or API); a malformed field is a 422 naming it.
    public static func from(_ q: [String: String], kind fallback: Kind = .swap) throws -> RequestFilter {
        var f = RequestFilter(kind: fallback)
        if let k = TextRules.trimmed(q["kind"]) {
            guard let kind = Kind(rawValue: k) else { throw AppError.validation("kind", Text("类别只能是换班或请假", "kind is swap or leave")) }
            f.kind = kind
        }
        f.person = TextRules.trimmed(q["person"])
        if let s = TextRules.trimmed(q["status"]) {
            guard states[f.kind]?.contains(s) == true else { throw AppError.validation("status", Text("没有这个状态", "No such state")) }
            f.status = s
        }
        if let raw = TextRules.trimmed(q["month"]) {
            // "2026-11", "2026/11", "2026年11月".
            let digits = raw.split { !$0.isNumber }.compactMap { Int($0) }
            guard digits.count == 2, (2000...2100).contains(digits[0]), (1...12).contains(digits[1]) else {
                throw AppError.validation("month", Text("月份写作 2026-11", "Write the month as 2026-11"))
            }
            f.month = CivilMonth(year: digits[0], month: digits[1]).description
        }
        f.number = TextRules.trimmed(q["number"]).map { $0.uppercased() }
        return f
    }

    /// The filter as a page's query string (for the pager).
    public var query: [String: String] {
        var q = ["kind": kind.rawValue]
        if let person { q["person"] = person }
        if let status { q["status"] = status }
        if let month { q["month"] = month }
        if let number { q["number"] = number }
        return q
    }
}

extension PeopleQueries {
    /// Who may see what in a search: its own requests (either party of a swap); planners and approvers also those of
    /// their unit and below (the rule of `requireView`).
    static func overseer(_ viewer: Principal) -> Bool {
        !viewer.roles.isDisjoint(with: RosterRoles.planners.union(RosterRoles.swapApprovers).union(RosterRoles.leaveApprovers))
    }

    static func swapCondition(_ f: RequestFilter, viewer: Principal) -> SQLQueryString {
        var c: SQLQueryString = overseer(viewer)
            ? "(w.requester_id = \(bind: viewer.userId) OR w.counterpart_id = \(bind: viewer.userId) OR w.org_path LIKE \(bind: viewer.orgPath + "%"))"
            : "(w.requester_id = \(bind: viewer.userId) OR w.counterpart_id = \(bind: viewer.userId))"
        if let p = f.person { c = c + " AND (w.requester_id = \(bind: p) OR w.counterpart_id = \(bind: p))" }
        if let s = f.status { c = c + " AND w.status = \(bind: s)" }
        if let m = f.month { c = c + " AND (w.requester_day LIKE \(bind: m + "-%") OR w.counterpart_day LIKE \(bind: m + "-%"))" }
        if let n = f.number { c = c + " AND w.number = \(bind: n)" }
        return c
    }

    static func leaveCondition(_ f: RequestFilter, viewer: Principal) -> SQLQueryString {
        var c: SQLQueryString = overseer(viewer)
            ? "(l.user_id = \(bind: viewer.userId) OR l.org_path LIKE \(bind: viewer.orgPath + "%"))"
            : "l.user_id = \(bind: viewer.userId)"
        if let p = f.person { c = c + " AND l.user_id = \(bind: p)" }
        if let s = f.status { c = c + " AND l.status = \(bind: s)" }
        if let m = f.month { c = c + " AND l.day LIKE \(bind: m + "-%")" }
        if let n = f.number { c = c + " AND l.number = \(bind: n)" }
        return c
    }

    public static func searchSwaps(_ db: any SQLDatabase, _ f: RequestFilter, viewer: Principal, paging: Paging) async throws -> ListPage<SwapView> {
        let c = swapCondition(f, viewer: viewer)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM shift_swaps w WHERE \(c)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("\(unsafeRaw: SwapRow.select) WHERE \(c) ORDER BY w.created_at DESC, w.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(SwapRow.init(row:))
        var items: [SwapView] = []
        for r in rows { items.append(try await swapView(db, r, viewer: viewer)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    public static func searchLeaves(_ db: any SQLDatabase, _ f: RequestFilter, viewer: Principal, paging: Paging) async throws -> ListPage<LeaveView> {
        let c = leaveCondition(f, viewer: viewer)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM leave_requests l WHERE \(c)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("\(unsafeRaw: LeaveRow.select) WHERE \(c) ORDER BY l.created_at DESC, l.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)")
            .all().map(LeaveRow.init(row:))
        var items: [LeaveView] = []
        for r in rows { items.append(try await leaveView(db, r, viewer: viewer)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    /// The people a search may name: everyone with a swap or leave request the viewer may see.
    static func requestPeople(_ db: any SQLDatabase, viewer: Principal) async throws -> [(id: String, name: String)] {
        let all = RequestFilter()
        let swapCond = swapCondition(all, viewer: viewer), leaveCond = leaveCondition(all, viewer: viewer)
        let rows = try await db.raw("""
            SELECT w.requester_id AS u FROM shift_swaps w WHERE \(swapCond) UNION SELECT w.counterpart_id AS u FROM shift_swaps w WHERE \(swapCond)
            UNION SELECT l.user_id AS u FROM leave_requests l WHERE \(leaveCond)
            """).all()
        let ids = Set(try rows.map { try $0.decode(column: "u", as: String.self) })
        let names = try await OrgQueries.displayNames(db, ids: ids)
        return ids.map { ($0, names[$0] ?? $0) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }
}

/// 换班与请假查询: the filtered list of one kind and the people the filter may name, read together.
public struct RequestSearchPageModel: Sendable {
    public let filter: RequestFilter
    public let people: [(id: String, name: String)]
    public let swaps: ListPage<SwapView>?
    public let leaves: ListPage<LeaveView>?
}

extension SwapService {
    public func searchSwaps(_ f: RequestFilter, viewer: Principal, paging: Paging) async throws -> ListPage<SwapView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await PeopleQueries.searchSwaps(db, f, viewer: viewer, paging: paging) }
    }

    public func searchLeaves(_ f: RequestFilter, viewer: Principal, paging: Paging) async throws -> ListPage<LeaveView> {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in try await PeopleQueries.searchLeaves(db, f, viewer: viewer, paging: paging) }
    }

    public func requestSearchPage(_ f: RequestFilter, viewer: Principal, paging: Paging) async throws -> RequestSearchPageModel {
        guard RosterRoles.isStaff(viewer.roles) else { throw AppError.forbidden() }
        return try await store.read { db in
            RequestSearchPageModel(filter: f, people: try await PeopleQueries.requestPeople(db, viewer: viewer),
                                   swaps: f.kind == .swap ? try await PeopleQueries.searchSwaps(db, f, viewer: viewer, paging: paging) : nil,
                                   leaves: f.kind == .leave ? try await PeopleQueries.searchLeaves(db, f, viewer: viewer, paging: paging) : nil)
        }
    }
}
