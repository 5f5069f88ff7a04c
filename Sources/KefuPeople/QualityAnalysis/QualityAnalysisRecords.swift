import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// `POST /api/v1/quality-analyses` and `PUT /api/v1/quality-analyses/{id}` (KPI-07): a unit's analysis for a month
/// ("2026-11") or quarter ("2026-Q4"): the findings (分析) and the rectification plan, one line per problem.
public struct QualityAnalysisInput: Codable, Sendable {
    public struct Line: Codable, Sendable {
        /// 问题.
        public var problem: String?
        /// 整改措施.
        public var measure: String?
        /// A staff user of the analysis's unit (or below).
        public var responsibleId: String?
        /// YYYY-MM-DD.
        public var due: String?
        public init(problem: String? = nil, measure: String? = nil, responsibleId: String? = nil, due: String? = nil) {
            self.problem = problem; self.measure = measure; self.responsibleId = responsibleId; self.due = due
        }
    }
    public var orgUnitId: String?
    public var period: String?
    public var findings: String?
    public var lines: [Line]?
    public init(orgUnitId: String? = nil, period: String? = nil, findings: String? = nil, lines: [Line]? = nil) {
        self.orgUnitId = orgUnitId; self.period = period; self.findings = findings; self.lines = lines
    }
}

/// `POST /api/v1/quality-analyses/{id}/lines/{lineId}/done`: the result of the measure (整改结果).
public struct QualityLineDoneInput: Codable, Sendable {
    public var result: String?
    public init(result: String? = nil) { self.result = result }
}

/// The unit's figures for the period (KPI-07), each against its target where it has one.
public struct QualityFiguresView: Codable, Sendable {
    public let ticketsReceived: Int
    /// SLA-01, target 100 %.
    public let firstResponse: ScorecardRatio
    /// SLA-03, target 90 %.
    public let resolution: ScorecardRatio
    /// ESC-01: escalations, and those made late (target: none).
    public let escalations: Int
    public let lateEscalations: Int
    /// CMP-17: complaints about the unit's agents, and those verified (CMP-02).
    public let complaints: Int
    public let verifiedComplaints: Int
    /// SAT-08/09: surveys 基本满意 or better, against the company target ("90.00") when one is set.
    public let satisfaction: ScorecardRatio
    @Nullable public var satisfactionTarget: String?
    /// KPI-02/03: inspections, their mean score, penalty records.
    public let inspections: Int
    @Nullable public var inspectionScore: String?
    public let penalties: Int
    /// The metrics that miss their target: firstResponse, resolution, escalation, satisfaction.
    public let misses: [String]
    /// Stored when the analysis was submitted; false: computed now (a draft).
    public let frozen: Bool

    init(_ f: QualityAnalysisRules.Figures, frozen: Bool) {
        ticketsReceived = f.ticketsReceived
        firstResponse = ScorecardRatio(f.firstResponseOnTime, of: f.firstResponseDue)
        resolution = ScorecardRatio(f.resolvedWithinTarget, of: f.resolutionDue)
        escalations = f.escalations
        lateEscalations = f.lateEscalations
        complaints = f.complaints
        verifiedComplaints = f.verifiedComplaints
        satisfaction = ScorecardRatio(f.satisfied, of: f.surveys)
        satisfactionTarget = f.satisfactionTargetBasisPoints.map { ScorecardRules.text($0) }
        inspections = f.inspections
        inspectionScore = f.inspectionScoreHundredths.map { ScorecardRules.text($0) }
        penalties = f.penalties
        misses = QualityAnalysisRules.misses(f).map(\.rawValue)
        self.frozen = frozen
    }
}

public struct QualityPlanLineView: Codable, Sendable {
    public let id: String
    public let line: Int
    public let problem: String
    public let measure: String
    public let responsibleId: String
    public let responsibleName: String
    public let due: String
    public let done: Bool
    @Nullable public var doneAt: String?
    @Nullable public var doneByName: String?
    @Nullable public var result: String?
    /// 逾期: open and past its due day.
    public let overdue: Bool
    /// `done` when the viewer may mark it done now.
    public let actions: [String]
}

public struct QualityAnalysisView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let period: String
    public let periodStart: String
    public let periodEnd: String
    /// draft, submitted, approved, completed.
    public let status: String
    public let authorId: String
    public let authorName: String
    public let findings: String
    /// Null in lists while a draft (the detail computes it live).
    @Nullable public var figures: QualityFiguresView?
    public let lines: [QualityPlanLineView]
    public let overdueLines: Int
    @Nullable public var submittedAt: String?
    @Nullable public var decidedByName: String?
    @Nullable public var decidedAt: String?
    /// The approver's reason when returned (the analysis is a draft again), or note when approved.
    @Nullable public var decisionNote: String?
    @Nullable public var completedAt: String?
    public let createdAt: String
    /// The steps the viewer may take now: edit, submit, approve, return.
    public let actions: [String]
}

/// An analysis as stored.
struct QualityAnalysisRow: Sendable {
    let id: String, number: String, orgUnitId: String, orgPath: String, orgUnitName: String, period: String, status: QualityAnalysisRules.Status
    let authorId: String, authorName: String, findings: String, figures: String?, submittedAt: Int64?, decidedByName: String?, decidedAt: Int64?
    let decisionNote: String?, completedAt: Int64?, createdAt: Int64

    static let select = """
        SELECT a.id, a.number, a.org_unit_id, a.org_path, \(OrgQueries.unitNameSQL("a.org_unit_id")) AS unit_name, a.period, a.status, a.author_id,
            \(OrgQueries.userNameSQL("a.author_id")) AS author_name, a.findings, a.figures, a.submitted_at, \(OrgQueries.userNameSQL("a.decided_by")) AS decider_name,
            a.decided_at, a.decision_note, a.completed_at, a.created_at FROM quality_analyses a
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        orgUnitName = try row.decode(column: "unit_name", as: String?.self) ?? ""
        period = try row.decode(column: "period", as: String.self)
        status = QualityAnalysisRules.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        authorId = try row.decode(column: "author_id", as: String.self)
        authorName = try row.decode(column: "author_name", as: String?.self) ?? ""
        findings = try row.decode(column: "findings", as: String.self)
        figures = try row.decode(column: "figures", as: String?.self)
        submittedAt = try row.decode(column: "submitted_at", as: Int64?.self)
        decidedByName = try row.decode(column: "decider_name", as: String?.self)
        decidedAt = try row.decode(column: "decided_at", as: Int64?.self)
        decisionNote = try row.decode(column: "decision_note", as: String?.self)
        completedAt = try row.decode(column: "completed_at", as: Int64?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
    }

    var isAuthorRole: (Principal) -> Bool { { !$0.roles.isDisjoint(with: QualityAnalysisRules.authors) && $0.covers(unitPath: self.orgPath) } }

    func actions(_ viewer: Principal) -> [String] {
        guard viewer.covers(unitPath: orgPath) else { return [] }
        let steps = QualityAnalysisRules.steps(status: status, roles: viewer.roles, isAuthor: viewer.userId == authorId).map(\.rawValue)
        return (status.editable && isAuthorRole(viewer) ? ["edit"] : []) + steps
    }
}

/// A plan line as stored.
struct QualityPlanLineRow: Sendable {
    let id: String, analysisId: String, line: Int, problem: String, measure: String, responsibleId: String, responsibleName: String, due: String
    let doneAt: Int64?, doneByName: String?, result: String?

    static let select = """
        SELECT l.id, l.analysis_id, l.line, l.problem, l.measure, l.responsible_id, \(OrgQueries.userNameSQL("l.responsible_id")) AS responsible_name,
            l.due_day, l.done_at, \(OrgQueries.userNameSQL("l.done_by")) AS done_by_name, l.result FROM quality_analysis_lines l
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        analysisId = try row.decode(column: "analysis_id", as: String.self)
        line = try row.decode(column: "line", as: Int.self)
        problem = try row.decode(column: "problem", as: String.self)
        measure = try row.decode(column: "measure", as: String.self)
        responsibleId = try row.decode(column: "responsible_id", as: String.self)
        responsibleName = try row.decode(column: "responsible_name", as: String?.self) ?? ""
        due = try row.decode(column: "due_day", as: String.self)
        doneAt = try row.decode(column: "done_at", as: Int64?.self)
        doneByName = try row.decode(column: "done_by_name", as: String?.self)
        result = try row.decode(column: "result", as: String?.self)
    }

    func overdue(today: CivilDay) -> Bool {
        guard let day = CivilDay(iso: due) else { return false }
        return QualityAnalysisRules.isOverdue(due: day, done: doneAt != nil, today: today)
    }

    func view(_ a: QualityAnalysisRow, viewer: Principal, today: CivilDay) -> QualityPlanLineView {
        let mayDone = viewer.covers(unitPath: a.orgPath) && QualityAnalysisRules.mayMarkDone(status: a.status, isResponsible: viewer.userId == responsibleId,
                                                                                          isAuthorRole: a.isAuthorRole(viewer), alreadyDone: doneAt != nil) == nil
        return QualityPlanLineView(id: id, line: line, problem: problem, measure: measure, responsibleId: responsibleId, responsibleName: responsibleName,
                                   due: due, done: doneAt != nil, doneAt: Times.rfc3339(doneAt), doneByName: doneByName, result: result,
                                   overdue: overdue(today: today), actions: mayDone ? ["done"] : [])
    }
}
