import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `POST /api/v1/appraisal-plans` and `PUT /api/v1/appraisal-plans/{id}` (KPI-04): a unit's plan for a month, one line
/// per subordinate and reward or penalty.
public struct AppraisalPlanInput: Codable, Sendable {
    public struct Line: Codable, Sendable {
        public var userId: String?
        /// reward or penalty.
        public var kind: String?
        /// Yuan, exact: "200", "1,500.50".
        public var amount: String?
        public var reason: String?
        /// Optional: free text or a record number (a ticket, complaint, inspection…).
        public var evidence: String?
        public init(userId: String? = nil, kind: String? = nil, amount: String? = nil, reason: String? = nil, evidence: String? = nil) {
            self.userId = userId; self.kind = kind; self.amount = amount; self.reason = reason; self.evidence = evidence
        }
    }
    public var orgUnitId: String?
    /// "YYYY-MM".
    public var period: String?
    public var lines: [Line]?
    public init(orgUnitId: String? = nil, period: String? = nil, lines: [Line]? = nil) { self.orgUnitId = orgUnitId; self.period = period; self.lines = lines }
}

public struct AppraisalLineView: Codable, Sendable {
    public let userId: String
    public let userName: String
    /// reward or penalty.
    public let kind: String
    /// Yuan with two decimals ("200.00").
    public let amount: String
    public let reason: String
    public let evidence: String
}

public struct AppraisalPlanView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let period: String
    /// draft, submitted, effective, returned (KPI-04: only effective counts).
    public let status: String
    public let authorId: String
    public let authorName: String
    public let submittedAt: String?
    public let decidedBy: String?
    public let decidedByName: String?
    public let decidedAt: String?
    /// The general manager's reason when returned (or note when approved).
    public let decisionNote: String?
    public let lines: [AppraisalLineView]
    public let rewardTotal: String
    public let penaltyTotal: String
    public let createdAt: String
    /// The steps the viewer may take now: edit, submit, approve, return.
    public let actions: [String]
}

/// One effective line about the viewer (KPI-04: an agent sees what was decided about them, once the GM approved it).
public struct MyAppraisalLineView: Codable, Sendable {
    public let planId: String
    public let planNumber: String
    public let period: String
    public let orgUnitName: String
    public let kind: String
    public let amount: String
    public let reason: String
    public let evidence: String
    public let effectiveAt: String?
}

/// A plan as stored.
struct AppraisalPlanRow: Sendable {
    let id: String, number: String, orgUnitId: String, orgPath: String, orgUnitName: String, period: String, status: AppraisalRules.Status
    let authorId: String, authorName: String, submittedAt: Int64?, decidedBy: String?, decidedByName: String?, decidedAt: Int64?, decisionNote: String?
    let createdAt: Int64

    static let select = """
        SELECT p.id, p.number, p.org_unit_id, p.org_path, \(OrgQueries.unitNameSQL("p.org_unit_id")) AS unit_name, p.period, p.status, p.author_id,
            \(OrgQueries.userNameSQL("p.author_id")) AS author_name, p.submitted_at, p.decided_by, \(OrgQueries.userNameSQL("p.decided_by")) AS decider_name,
            p.decided_at, p.decision_note, p.created_at FROM appraisal_plans p
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        orgUnitName = try row.decode(column: "unit_name", as: String?.self) ?? ""
        period = try row.decode(column: "period", as: String.self)
        status = AppraisalRules.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        authorId = try row.decode(column: "author_id", as: String.self)
        authorName = try row.decode(column: "author_name", as: String?.self) ?? ""
        submittedAt = try row.decode(column: "submitted_at", as: Int64?.self)
        decidedBy = try row.decode(column: "decided_by", as: String?.self)
        decidedByName = try row.decode(column: "decider_name", as: String?.self)
        decidedAt = try row.decode(column: "decided_at", as: Int64?.self)
        decisionNote = try row.decode(column: "decision_note", as: String?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
    }

    /// The steps `viewer` may take now (KPI-04), plus `edit` for a head of the unit while the plan is editable.
    func actions(_ viewer: Principal) -> [String] {
        guard viewer.covers(unitPath: orgPath) else { return [] }
        let steps = AppraisalRules.steps(status: status, roles: viewer.roles, isAuthor: viewer.userId == authorId).map(\.rawValue)
        let edit = status.editable && !viewer.roles.isDisjoint(with: AppraisalRules.authors)
        return (edit ? ["edit"] : []) + steps
    }
}
