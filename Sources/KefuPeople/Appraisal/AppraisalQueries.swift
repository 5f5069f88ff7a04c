import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of appraisal plans (#15.5 KPI-04). Every read is scoped: a unit's plans are read by its heads, the general
/// manager and administrators of the unit or above; a person reads the effective lines about itself only.
public enum AppraisalQueries {
    static func row(_ db: any SQLDatabase, id: String, lock: String = "") async throws -> AppraisalPlanRow? {
        try await db.raw("\(unsafeRaw: AppraisalPlanRow.select) WHERE p.id = \(bind: id)\(unsafeRaw: lock)").first().map(AppraisalPlanRow.init(row:))
    }

    static func mayRead(_ viewer: Principal, unitPath: String) -> Bool {
        !viewer.roles.isDisjoint(with: AppraisalRules.readers) && viewer.covers(unitPath: unitPath)
    }

    static func requireRead(_ viewer: Principal, _ p: AppraisalPlanRow) throws {
        guard mayRead(viewer, unitPath: p.orgPath) else {
            throw AppError.forbidden(Text("您不能查看这份考核奖惩方案", "You cannot see this appraisal plan"))
        }
    }

    static func view(_ db: any SQLDatabase, _ p: AppraisalPlanRow, viewer: Principal) async throws -> AppraisalPlanView {
        let lines = try await db.raw("""
            SELECT l.user_id, \(unsafeRaw: OrgQueries.userNameSQL("l.user_id")) AS user_name, l.kind, l.amount_fen, l.reason, l.evidence
            FROM appraisal_plan_lines l WHERE l.plan_id = \(bind: p.id) ORDER BY l.line
            """).all().map { row in
            (kind: AppraisalRules.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .reward, fen: try row.decode(column: "amount_fen", as: Int64.self),
             view: AppraisalLineView(userId: try row.decode(column: "user_id", as: String.self), userName: try row.decode(column: "user_name", as: String?.self) ?? "",
                                     kind: try row.decode(column: "kind", as: String.self), amount: Yuan.text(try row.decode(column: "amount_fen", as: Int64.self)),
                                     reason: try row.decode(column: "reason", as: String.self), evidence: try row.decode(column: "evidence", as: String.self)))
        }
        let reward = lines.filter { $0.kind == .reward }.reduce(Int64(0)) { $0 + $1.fen }
        let penalty = lines.filter { $0.kind == .penalty }.reduce(Int64(0)) { $0 + $1.fen }
        return AppraisalPlanView(id: p.id, number: p.number, orgUnitId: p.orgUnitId, orgUnitName: p.orgUnitName, period: p.period, status: p.status.rawValue,
                                 authorId: p.authorId, authorName: p.authorName, submittedAt: Times.rfc3339(p.submittedAt), decidedBy: p.decidedBy,
                                 decidedByName: p.decidedByName, decidedAt: Times.rfc3339(p.decidedAt), decisionNote: p.decisionNote, lines: lines.map(\.view),
                                 rewardTotal: Yuan.text(reward), penaltyTotal: Yuan.text(penalty), createdAt: Times.rfc3339(p.createdAt), actions: p.actions(viewer))
    }

    /// One plan; 404 when absent, 403 outside the viewer's scope.
    public static func view(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> AppraisalPlanView {
        guard let p = try await row(db, id: id) else { throw AppError.notFound(Text("考核奖惩方案", "Appraisal plan")) }
        try requireRead(viewer, p)
        return try await view(db, p, viewer: viewer)
    }

    /// The plans of the viewer's unit and below, newest period first; `status` narrows them (submitted: awaiting the GM).
    public static func list(_ db: any SQLDatabase, viewer: Principal, status: AppraisalRules.Status?, paging: Paging) async throws -> ListPage<AppraisalPlanView> {
        var filter: SQLQueryString = "p.org_path LIKE \(bind: viewer.orgPath + "%")"
        if let status { filter = filter + " AND p.status = \(bind: status.rawValue)" }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM appraisal_plans p WHERE \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            \(unsafeRaw: AppraisalPlanRow.select) WHERE \(filter) ORDER BY p.period DESC, p.number DESC LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map(AppraisalPlanRow.init(row:))
        var items: [AppraisalPlanView] = []
        for r in rows { items.append(try await view(db, r, viewer: viewer)) }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    /// KPI-04: the lines about `userId` of effective plans only (a draft, submitted or returned plan counts nowhere).
    public static func effectiveLines(_ db: any SQLDatabase, userId: String, paging: Paging) async throws -> ListPage<MyAppraisalLineView> {
        let condition: SQLQueryString = "l.user_id = \(bind: userId) AND p.status = \(bind: AppraisalRules.Status.effective.rawValue)"
        let total = try await db.raw("SELECT COUNT(*) AS n FROM appraisal_plan_lines l JOIN appraisal_plans p ON p.id = l.plan_id WHERE \(condition)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let items = try await db.raw("""
            SELECT p.id, p.number, p.period, \(unsafeRaw: OrgQueries.unitNameSQL("p.org_unit_id")) AS unit_name, p.decided_at, l.kind, l.amount_fen, l.reason, l.evidence
            FROM appraisal_plan_lines l JOIN appraisal_plans p ON p.id = l.plan_id WHERE \(condition)
            ORDER BY p.period DESC, p.number DESC, l.line LIMIT \(bind: paging.per) OFFSET \(bind: paging.offset)
            """).all().map { row in
            MyAppraisalLineView(planId: try row.decode(column: "id", as: String.self), planNumber: try row.decode(column: "number", as: String.self),
                                period: try row.decode(column: "period", as: String.self), orgUnitName: try row.decode(column: "unit_name", as: String?.self) ?? "",
                                kind: try row.decode(column: "kind", as: String.self), amount: Yuan.text(try row.decode(column: "amount_fen", as: Int64.self)),
                                reason: try row.decode(column: "reason", as: String.self), evidence: try row.decode(column: "evidence", as: String.self),
                                effectiveAt: Times.rfc3339(try row.decode(column: "decided_at", as: Int64?.self)))
        }
        return ListPage(items: items, page: paging.page, per: paging.per, total: total)
    }

    /// The units the viewer heads (its unit and below), for the plan form.
    static func authorUnits(_ db: any SQLDatabase, viewer: Principal) async throws -> [(id: String, name: String)] {
        guard !viewer.roles.isDisjoint(with: AppraisalRules.authors) else { return [] }
        return try await OrgQueries.activeUnits(db).filter { viewer.covers(unitPath: $0.path) }.map { (id: $0.id, name: $0.name) }
    }

    /// The active people of the viewer's unit and below (the subordinates a line may name), the viewer excluded.
    static func subordinates(_ db: any SQLDatabase, viewer: Principal) async throws -> [(id: String, name: String)] {
        guard !viewer.roles.isDisjoint(with: AppraisalRules.authors) else { return [] }
        let staff = try await OrgQueries.activeStaff(db, underPath: viewer.orgPath).filter { $0.id != viewer.userId }.prefix(500)
        let names = try await OrgQueries.displayNames(db, ids: Set(staff.map(\.id)))
        return staff.map { (id: $0.id, name: names[$0.id] ?? $0.id) }.sorted { $0.name < $1.name }
    }
}
