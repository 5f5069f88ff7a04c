import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

struct ComplaintRow: Sendable {
    let id: String
    let number: String
    let ticketId: String?
    let surveyResponseId: String?
    let subject: String
    let customerName: String?
    let status: ComplaintStatus
    let responsibility: String?
    let handling: ComplaintHandling?
    let rootCause: String?
    let responsibleOrgUnitId: String?
    let responsibleOrgUnitName: String?
    let responsibleOrgPath: String?
    let internalFault: Bool?
    let samplesQuantity: Int?
    let samplesInspected: Int?
    let samplesFailed: Int?
    let planRound: Int
    let qaVerified: Bool
    let csVerified: Bool
    let customerAccepted: Bool?
    let customerComment: String?
    let closeNote: String?
    let aboutUserId: String?
    let supervisorReviewedAt: Int64?
    let supervisorNote: String?
    let returnVisitAt: Int64?
    let returnVisitNote: String?
    let orgUnitId: String
    let orgPath: String
    let registeredAt: Int64
    let closedAt: Int64?
    let overdue: Bool
    let actionsInRound: Int
    /// CMP-01, D15.
    let source: ComplaintSource
    let firstAnswer: String?
    let firstAnsweredBy: String?
    let firstAnsweredAt: Int64?

    static func select(today: String) -> String {
        """
        SELECT c.*, \(OrgQueries.unitNameSQL("c.responsible_org_unit_id")) AS responsible_name, \(OrgQueries.unitPathSQL("c.responsible_org_unit_id")) AS responsible_path,
          (SELECT COUNT(*) FROM complaint_actions a WHERE a.complaint_id = c.id AND a.round = c.plan_round) AS actions_in_round,
          (SELECT COUNT(*) FROM complaint_actions a WHERE a.complaint_id = c.id AND a.round = c.plan_round AND a.due_date < '\(today)') AS overdue_actions
        FROM complaints c
        """
    }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        number = try row.decode(column: "number", as: String.self)
        ticketId = try row.str("ticket_id")
        surveyResponseId = try row.str("survey_response_id")
        subject = try row.decode(column: "subject", as: String.self)
        customerName = try row.str("customer_name")
        status = ComplaintStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .registered
        responsibility = try row.str("responsibility")
        handling = try row.str("handling").flatMap(ComplaintHandling.init(rawValue:))
        rootCause = try row.str("root_cause")
        responsibleOrgUnitId = try row.str("responsible_org_unit_id")
        responsibleOrgUnitName = try row.str("responsible_name")
        responsibleOrgPath = try row.str("responsible_path")
        internalFault = try row.flag("internal_fault")
        samplesQuantity = try row.int("samples_quantity")
        samplesInspected = try row.int("samples_inspected")
        samplesFailed = try row.int("samples_failed")
        planRound = try row.decode(column: "plan_round", as: Int.self)
        qaVerified = try row.decode(column: "qa_verified", as: Int.self) != 0
        csVerified = try row.decode(column: "cs_verified", as: Int.self) != 0
        customerAccepted = try row.flag("customer_accepted")
        customerComment = try row.str("customer_comment")
        closeNote = try row.str("close_note")
        aboutUserId = try row.str("about_user_id")
        supervisorReviewedAt = try row.millis("supervisor_reviewed_at")
        supervisorNote = try row.str("supervisor_note")
        returnVisitAt = try row.millis("return_visit_at")
        returnVisitNote = try row.str("return_visit_note")
        orgUnitId = try row.decode(column: "org_unit_id", as: String.self)
        orgPath = try row.decode(column: "org_path", as: String.self)
        registeredAt = try row.decode(column: "registered_at", as: Int64.self)
        closedAt = try row.millis("closed_at")
        actionsInRound = try row.decode(column: "actions_in_round", as: Int.self)
        source = ComplaintSource(rawValue: try row.decode(column: "source", as: String.self)) ?? .direct
        firstAnswer = try row.str("first_answer")
        firstAnsweredBy = try row.str("first_answered_by")
        firstAnsweredAt = try row.millis("first_answered_at")
        let overdueActions = try row.decode(column: "overdue_actions", as: Int.self)
        overdue = ComplaintFlow.actionsRunning(status) && overdueActions > 0
    }

    var facts: ComplaintFacts {
        ComplaintFacts(handling: handling, analysisRecorded: rootCause != nil, internalFault: internalFault, actionsPlanned: actionsInRound > 0,
                       qaVerifiedEffective: qaVerified, csVerifiedEffective: csVerified)
    }
}

public struct ComplaintView: Codable, Sendable {
    public struct Samples: Codable, Sendable { let quantity: Int; let inspected: Int; let failed: Int }
    public struct Action: Codable, Sendable {
        let id: String
        let round: Int
        let corrective: String
        let preventive: String
        let dueDate: String
        let orgUnitId: String
        let recordedBy: String
        let recordedAt: Instant
        @Nullable var approvedBy: String?
        @Nullable var approvedAt: Instant?
        let overdue: Bool
    }
    public struct Meeting: Codable, Sendable {
        let id: String
        let minutes: String
        let participants: [String]
        let major: Bool
        let convenedBy: String
        let heldAt: Instant
    }
    public struct Verification: Codable, Sendable { let quality: Bool; let customerService: Bool }
    public struct Confirmation: Codable, Sendable { let accepted: Bool; @Nullable var comment: String? }
    public struct Note: Codable, Sendable { let at: Instant; @Nullable var note: String? }
    /// D15: the accepting department's first answer to the customer.
    public struct FirstAnswer: Codable, Sendable { let note: String; let by: String; let at: Instant }

    public let id: String
    public let number: String
    @Nullable public var ticketId: String?
    @Nullable public var surveyResponseId: String?
    public let subject: String
    @Nullable public var customerName: String?
    public let status: String
    @Nullable public var responsibility: String?
    @Nullable public var handling: String?
    @Nullable public var rootCause: String?
    @Nullable public var responsibleOrgUnitId: String?
    @Nullable public var responsibleOrgUnitName: String?
    @Nullable public var internalFault: Bool?
    @Nullable public var samples: Samples?
    public let planRound: Int
    public let overdue: Bool
    @Nullable public var customerConfirmation: Confirmation?
    public let verification: Verification
    @Nullable public var closeNote: String?
    /// CMP-17: the agent whose service attitude the complaint is about.
    @Nullable public var aboutUserId: String?
    /// CMP-16: the CS supervisor's review of the day's complaint records.
    @Nullable public var supervisorReview: Note?
    /// CMP-15: the return visit (回访) after handling.
    @Nullable public var returnVisit: Note?
    /// CMP-01: `direct` (to customer service) or `sales` (accepted by the sales department).
    public let source: String
    /// D15: `sales` for the complaints sales accepted, `customer_service` otherwise.
    public let answeringDepartment: String
    @Nullable public var firstAnswer: FirstAnswer?
    public let registeredAt: Instant
    @Nullable public var closedAt: Instant?
    public var actions: [Action]?
    public var meetings: [Meeting]?
    public var history: [AuditTrail.Entry]?

    init(_ r: ComplaintRow) {
        id = r.id; number = r.number; ticketId = r.ticketId; surveyResponseId = r.surveyResponseId; subject = r.subject
        customerName = r.customerName; status = r.status.rawValue; responsibility = r.responsibility; handling = r.handling?.rawValue
        rootCause = r.rootCause; responsibleOrgUnitId = r.responsibleOrgUnitId; responsibleOrgUnitName = r.responsibleOrgUnitName
        internalFault = r.internalFault
        if let q = r.samplesQuantity { samples = Samples(quantity: q, inspected: r.samplesInspected ?? 0, failed: r.samplesFailed ?? 0) }
        planRound = r.planRound; overdue = r.overdue
        customerConfirmation = r.customerAccepted.map { Confirmation(accepted: $0, comment: r.customerComment) }
        verification = Verification(quality: r.qaVerified, customerService: r.csVerified)
        closeNote = r.closeNote; aboutUserId = r.aboutUserId
        supervisorReview = r.supervisorReviewedAt.map { Note(at: Instant(millis: $0), note: r.supervisorNote) }
        returnVisit = r.returnVisitAt.map { Note(at: Instant(millis: $0), note: r.returnVisitNote) }
        source = r.source.rawValue; answeringDepartment = r.source.answeringDepartment
        if let note = r.firstAnswer, let by = r.firstAnsweredBy, let at = r.firstAnsweredAt { firstAnswer = FirstAnswer(note: note, by: by, at: Instant(millis: at)) }
        registeredAt = Instant(millis: r.registeredAt); closedAt = Instant(millis: r.closedAt)
    }
}

public struct ComplaintReport: Codable, Sendable {
    public struct Count: Codable, Sendable { let key: String; @Nullable var name: String?; let count: Int }
    let year: Int
    let total: Int
    let closed: Int
    let overdueActions: Int
    /// CMP-15: closed cases with a recorded return visit ÷ closed cases, percent with two decimals.
    @Nullable var returnVisitRate: String?
    /// CMP-16: cases the supervisor has not reviewed yet.
    let unreviewed: Int
    let byMonth: [Count]
    let byResponsibility: [Count]
    let byDepartment: [Count]
    let byCause: [Count]
    /// CMP-17: complaints about agents' service attitude, per agent.
    let byAgent: [Count]
}
