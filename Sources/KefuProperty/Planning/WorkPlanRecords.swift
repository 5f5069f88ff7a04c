import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// PRP-08 a plan as typed: `{"orgUnitId": …, "month": "2027-01", "lines": [{"item": …, "owner": …, "targetDate": "2027-01-10"}]}`.
public struct WorkPlanBody: Decodable, Sendable {
    public struct Line: Decodable, Sendable {
        public var item: String?
        public var owner: String?
        public var targetDate: String?
        public init(item: String?, owner: String?, targetDate: String?) { self.item = item; self.owner = owner; self.targetDate = targetDate }
    }
    public var orgUnitId: String?
    public var month: String?
    public var lines: [Line]?
    public init(orgUnitId: String?, month: String?, lines: [Line]?) { self.orgUnitId = orgUnitId; self.month = month; self.lines = lines }
}

public struct WorkPlanLineView: Encodable, Sendable {
    public let item: String
    public let owner: String
    public let targetDate: String
}

public struct WorkPlanStepView: Encodable, Sendable {
    public let action: String
    public let reason: String?
    public let at: Int64
    public let by: String
}

/// PRP-08 下月工作计划 of a service centre for a month: due the 25th of the month before (D11), late when first
/// submitted after it; approved by the project manager, then the company customer-dept manager.
public struct WorkPlanView: Encodable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let unitName: String
    public let month: String
    public let status: WorkPlanStatus
    public let dueOn: String
    public let firstSubmittedOn: String?
    public let late: Bool
    public let returnReason: String?
    public var lines: [WorkPlanLineView]
    public var steps: [WorkPlanStepView]
    public var actions: [String]
    let orgPath: String

    enum CodingKeys: String, CodingKey {
        case id, number, orgUnitId, unitName, month, status, dueOn, firstSubmittedOn, late, returnReason, lines, steps, actions
    }

    static var select: String { """
        SELECT p.id, p.number, p.org_unit_id, p.org_path, p.month, p.status, p.due_on, p.first_submitted_on, p.late, p.return_reason,
            \(OrgQueries.unitNameSQL("p.org_unit_id")) AS unit_name
        FROM property_work_plans p
        """ }

    init(row: any SQLRow, viewer: Principal) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        unitName = try row.decode(column: "unit_name", as: String?.self) ?? "—"
        month = try row.decode(column: "month", as: String.self)
        status = WorkPlanStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        dueOn = try row.decode(column: "due_on", as: String.self)
        firstSubmittedOn = try row.decode(column: "first_submitted_on", as: String?.self)
        late = try row.decode(column: "late", as: Int.self) != 0
        returnReason = try row.decode(column: "return_reason", as: String?.self)
        lines = []
        steps = []
        var a: [String] = []
        let inScope = OrgPath.contains(viewer.orgPath, orgPath)
        if inScope, !viewer.roles.isDisjoint(with: PropertyRules.workers), WorkPlanFlow.mayEdit(status) { a += ["edit", "submit"] }
        if inScope, !viewer.roles.isDisjoint(with: WorkPlanFlow.stageRoles(status)) { a += ["approve", "return"] }
        actions = a
    }
}

/// A row of the missing-or-late list: a service centre (a unit with an estate) and its plan for the month, if any.
public struct WorkPlanStandingRow: Encodable, Sendable {
    public let orgUnitId: String
    public let unitName: String
    public let month: String
    public let dueOn: String
    public let standing: WorkPlanStanding
    public let planId: String?
    public let number: String?
    public let status: WorkPlanStatus?
    public let firstSubmittedOn: String?
}

public struct WorkPlanStandingReport: Encodable, Sendable {
    public let month: String
    public let dueOn: String
    /// Only the units whose plan is missing (not yet submitted, or overdue) or was submitted late.
    public let rows: [WorkPlanStandingRow]
}
