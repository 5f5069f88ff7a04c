import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Reads of the PRP-08 work plans, inside the caller's transaction, scoped to the viewer's unit and below.
public enum WorkPlanQueries {
    static func plan(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> WorkPlanView {
        guard let row = try await db.raw("\(unsafeRaw: WorkPlanView.select) WHERE p.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("工作计划", "Work plan"))
        }
        var p = try WorkPlanView(row: row, viewer: viewer)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: p.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的工作计划", "You see the work plans of your unit and below only"))
        }
        p.lines = try await db.raw("SELECT item, owner, target_on FROM property_work_plan_lines WHERE plan_id = \(bind: id) ORDER BY sort").all().map {
            WorkPlanLineView(item: try $0.decode(column: "item", as: String.self), owner: try $0.decode(column: "owner", as: String.self),
                             targetDate: try $0.decode(column: "target_on", as: String.self))
        }
        p.steps = try await db.raw("""
            SELECT s.action, s.reason, s.acted_at, \(unsafeRaw: OrgQueries.userNameSQL("s.acted_by")) AS by_name
            FROM property_work_plan_steps s WHERE s.plan_id = \(bind: id) ORDER BY s.seq
            """).all().map {
            WorkPlanStepView(action: try $0.decode(column: "action", as: String.self), reason: try $0.decode(column: "reason", as: String?.self),
                             at: try $0.decode(column: "acted_at", as: Int64.self), by: try $0.decode(column: "by_name", as: String?.self) ?? "—")
        }
        return p
    }

    static func plans(_ db: any SQLDatabase, month: BillingMonth?, status: WorkPlanStatus?, viewer: Principal) async throws -> [WorkPlanView] {
        var c: [SQLQueryString] = [PropertyQueries.scope("p", viewer)]
        if let month { c.append("p.month = \(bind: month.iso)") }
        if let status { c.append("p.status = \(bind: status.rawValue)") }
        return try await db.raw("""
            \(unsafeRaw: WorkPlanView.select) WHERE \(SQLList(c, separator: SQLRaw(" AND "))) ORDER BY p.month DESC, p.number LIMIT 200
            """).all().map { try WorkPlanView(row: $0, viewer: viewer) }
    }

    /// Quick search: a plan by its whole number, in scope.
    static func planByNumber(_ db: any SQLDatabase, number: String, viewer: Principal) async throws -> WorkPlanView? {
        guard let row = try await db.raw("\(unsafeRaw: WorkPlanView.select) WHERE p.number = \(bind: number)").first() else { return nil }
        let p = try WorkPlanView(row: row, viewer: viewer)
        return PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: p.orgPath) ? p : nil
    }

    /// The service centres (units owning an estate) in the viewer's scope whose plan for `month` is missing or late.
    static func standing(_ db: any SQLDatabase, month: BillingMonth, viewer: Principal, today: CivilDay) async throws -> WorkPlanStandingReport {
        let centres = try await db.raw("""
            SELECT DISTINCT e.org_unit_id, \(unsafeRaw: OrgQueries.unitNameSQL("e.org_unit_id")) AS unit_name
            FROM property_estates e WHERE \(PropertyQueries.scope("e", viewer))
            """).all().map { (id: try $0.decode(column: "org_unit_id", as: String.self), name: try $0.decode(column: "unit_name", as: String?.self) ?? "—") }
        var plans: [String: (id: String, number: String, status: String, first: String?)] = [:]
        for row in try await db.raw("""
            SELECT p.id, p.number, p.org_unit_id, p.status, p.first_submitted_on FROM property_work_plans p
            WHERE \(PropertyQueries.scope("p", viewer)) AND p.month = \(bind: month.iso)
            """).all() {
            plans[try row.decode(column: "org_unit_id", as: String.self)] = (try row.decode(column: "id", as: String.self), try row.decode(column: "number", as: String.self),
                                                                             try row.decode(column: "status", as: String.self), try row.decode(column: "first_submitted_on", as: String?.self))
        }
        let due = WorkPlanDue.due(for: month)
        let rows = centres.compactMap { c -> WorkPlanStandingRow? in
            let p = plans[c.id]
            let first = p?.first.flatMap { CivilDay(iso: $0) }
            let standing = WorkPlanDue.standing(firstSubmittedOn: first, for: month, today: today)
            guard standing != .onTime else { return nil }
            return WorkPlanStandingRow(orgUnitId: c.id, unitName: c.name, month: month.iso, dueOn: due.iso, standing: standing, planId: p?.id, number: p?.number,
                                       status: p.flatMap { WorkPlanStatus(rawValue: $0.status) }, firstSubmittedOn: p?.first)
        }.sorted { ($0.unitName, $0.orgUnitId) < ($1.unitName, $1.orgUnitId) }
        return WorkPlanStandingReport(month: month.iso, dueOn: due.iso, rows: rows)
    }
}

/// Labels of the planning records (zh-CN first).
enum PlanningLabels {
    static func status(_ s: WorkPlanStatus) -> Text {
        switch s {
        case .draft: Text("草稿", "Draft")
        case .submitted: Text("待项目经理审批", "Awaiting the project manager")
        case .managerApproved: Text("待公司客服部经理审批", "Awaiting the company customer-dept manager")
        case .approved: Text("已审批", "Approved")
        case .returned: Text("已退回", "Returned")
        }
    }

    static func standing(_ s: WorkPlanStanding) -> Text {
        switch s {
        case .onTime: Text("按时", "On time")
        case .late: Text("迟交", "Late")
        case .notYetSubmitted: Text("未提交（未到期）", "Not yet submitted (not due)")
        case .overdue: Text("逾期未交", "Missing, overdue")
        }
    }

    static func service(_ s: ContractorServiceType) -> Text {
        switch s {
        case .cleaning: Text("保洁", "Cleaning")
        case .greening: Text("绿化", "Greening")
        case .pestControl: Text("消杀", "Pest control")
        }
    }

    static func kind(_ k: AdminRegisterKind) -> Text {
        switch k {
        case .fixedAsset: Text("固定资产", "Fixed asset")
        case .consumable: Text("低值易耗品", "Low-value consumable")
        case .officeSupply: Text("办公用品", "Office supply")
        case .uniform: Text("工服", "Uniform")
        }
    }

    static func log(_ k: AdminLogKind) -> Text {
        switch k {
        case .staffMovement: Text("人员异动", "Staff movement")
        case .welfare: Text("福利发放", "Welfare hand-out")
        }
    }
}
