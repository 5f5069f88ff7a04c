import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Which work-area leaves a list shows: the viewer's own, those waiting for its decision, or its units' (SHF-12).
public enum WorkAreaLeaveListView: String, Sendable, CaseIterable {
    case mine, approval, unit
}

/// Reads of work-area leaves and the units' allowed time (SHF-12). A person sees its own; duty managers and the roster's
/// planners see their unit's and below.
public enum WorkAreaLeaveQueries {
    static func row(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> WorkAreaLeaveRow? {
        try await db.raw("\(unsafeRaw: WorkAreaLeaveRow.select) WHERE g.id = \(bind: id)\(unsafeRaw: lock)").first().map(WorkAreaLeaveRow.init(row:))
    }

    static let overseers = WorkAreaLeaveRules.dutyManagers.union(RosterRoles.planners)

    /// The allowed minutes at the unit `path`: the nearest setting at it or above, else the default.
    static func limit(_ db: any SQLDatabase, unitPath path: String) async throws -> (minutes: Int, fromUnitId: String?) {
        guard let row = try await db.raw("""
            SELECT org_unit_id, allowed_minutes FROM work_area_limits WHERE \(bind: path) LIKE org_path || '%' ORDER BY LENGTH(org_path) DESC LIMIT 1
            """).first() else { return (WorkAreaLeaveRules.defaultAllowedMinutes, nil) }
        return (try row.decode(column: "allowed_minutes", as: Int.self), try row.decode(column: "org_unit_id", as: String.self))
    }

    public static func limitView(_ db: any SQLDatabase, unitId: String, viewer: Principal) async throws -> WorkAreaLimitView {
        guard let unit = try await OrgQueries.unitSummary(db, unitId: unitId) else { throw AppError.notFound(Text("组织", "Org unit")) }
        guard RosterRoles.isStaff(viewer.roles), viewer.covers(unitPath: unit.path) else {
            throw AppError.forbidden(Text("您不能查看“{0}”的离岗时限", "You cannot see the work-area limit of {0}").with(unit.name))
        }
        let (minutes, from) = try await limit(db, unitPath: unit.path)
        let edit = !viewer.roles.isDisjoint(with: RosterRoles.planners)
        return WorkAreaLimitView(orgUnitId: unit.id, allowedMinutes: minutes, fromUnitId: from, defaultMinutes: WorkAreaLeaveRules.defaultAllowedMinutes,
                                 actions: edit ? ["edit"] : [])
    }

    /// The duty managers (CS supervisors and managers covering the unit) rostered on duty now in the unit at `path`.
    static func dutyManagersOnDuty(_ db: any SQLDatabase, unitPath path: String, now: Date) async throws -> Set<String> {
        let onDuty = Set(try await PeopleQueries.onDuty(db, unitPath: path, day: Times.day(now), minute: LocalMinutes.of(now)).map(\.userId))
        var managers: Set<String> = []
        for id in onDuty.sorted() {
            guard let u = try await OrgQueries.userSummary(db, userId: id), u.active, OrgPath.contains(u.orgPath, path),
                  !Set(u.roles.compactMap(Role.init(rawValue:))).isDisjoint(with: WorkAreaLeaveRules.dutyManagers) else { continue }
            managers.insert(id)
        }
        return managers
    }

    static func mayDecide(_ db: any SQLDatabase, _ g: WorkAreaLeaveRow, viewer: Principal, now: Date) async throws -> Bool {
        guard g.status == WorkAreaLeaveRules.Status.requested.rawValue, !viewer.roles.isDisjoint(with: WorkAreaLeaveRules.dutyManagers) else { return false }
        return WorkAreaLeaveRules.mayDecide(deciderId: viewer.userId, deciderRoles: viewer.roles, covers: viewer.covers(unitPath: g.orgPath), requesterId: g.userId,
                                            dutyManagersOnDuty: try await dutyManagersOnDuty(db, unitPath: g.orgPath, now: now))
    }

    static func view(_ db: any SQLDatabase, _ g: WorkAreaLeaveRow, viewer: Principal, now: Date) async throws -> WorkAreaLeaveView {
        var actions: [String] = []
        if try await mayDecide(db, g, viewer: viewer, now: now) { actions += ["approve", "reject"] }
        if g.userId == viewer.userId && g.status == WorkAreaLeaveRules.Status.out.rawValue { actions.append("return") }
        return g.view(actions: actions)
    }

    static func requireView(_ viewer: Principal, _ g: WorkAreaLeaveRow) throws {
        guard viewer.userId == g.userId || (!viewer.roles.isDisjoint(with: overseers) && viewer.covers(unitPath: g.orgPath)) else {
            throw AppError.forbidden(Text("您不能查看这条离岗记录", "You cannot see this work-area leave"))
        }
    }

    /// A page of work-area leaves, newest first: the viewer's own, those awaiting a duty manager in its scope, or its units'.
    public static func list(_ db: any SQLDatabase, view: WorkAreaLeaveListView, viewer: Principal, paging: Paging, now: Date) async throws -> ListPage<WorkAreaLeaveView> {
        let condition: SQLQueryString
        switch view {
        case .mine:
            condition = "g.user_id = \(bind: viewer.userId)"
        case .approval:
            guard !viewer.roles.isDisjoint(with: WorkAreaLeaveRules.dutyManagers) else { return ListPage(items: [], page: paging.page, per: paging.per, total: 0) }
            condition = "g.status = 'requested' AND g.org_path LIKE \(bind: viewer.orgPath + "%") AND g.user_id <> \(bind: viewer.userId)"
        case .unit:
            guard !viewer.roles.isDisjoint(with: overseers) else {
                throw AppError.forbidden(Text("只有主管和经理可以查看部门的离岗记录", "Only supervisors and managers see their units' work-area leaves"))
            }
            condition = "g.org_path LIKE \(bind: viewer.orgPath + "%")"
        }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM work_area_leaves g WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: WorkAreaLeaveRow.select) WHERE \(condition) ORDER BY g.created_at DESC, g.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(WorkAreaLeaveRow.init(row:))
        var items: [WorkAreaLeaveView] = []
        for r in rows { items.append(try await self.view(db, r, viewer: viewer, now: now)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }
}
