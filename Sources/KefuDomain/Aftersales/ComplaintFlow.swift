/// The complaint closed loop of SPEC 4.7 (CMP-02..12), state names as in API.md.
public enum ComplaintStatus: String, CaseIterable, Codable, Sendable {
    case registered, classified, investigating
    case actionPlanned = "action_planned"
    case awaitingConfirmation = "awaiting_confirmation"
    case actionInProgress = "action_in_progress"
    case verified, closed
}

/// CMP-02: whose responsibility the complaint is.
public enum ComplaintResponsibility: String, CaseIterable, Codable, Sendable {
    case notCompany = "not_company"
    case company
}

/// CMP-02: who handles it — customer service alone (CMP-03/04) or 品管部 with other departments (CMP-05).
public enum ComplaintHandling: String, CaseIterable, Codable, Sendable {
    case customerService = "customer_service"
    case quality
}

/// What is known about a case beyond its status; the flow needs it to tell which step is missing.
public struct ComplaintFacts: Sendable, Equatable {
    public var handling: ComplaintHandling?
    /// QA has recorded root cause and responsibility (CMP-06).
    public var analysisRecorded: Bool
    /// QA found an internal responsible department (nil before the analysis).
    public var internalFault: Bool?
    /// The responsible department has recorded CAPA in the current planning round (CMP-09).
    public var actionsPlanned: Bool
    public var qaVerifiedEffective: Bool
    public var csVerifiedEffective: Bool

    public init(handling: ComplaintHandling? = nil, analysisRecorded: Bool = false, internalFault: Bool? = nil, actionsPlanned: Bool = false,
                qaVerifiedEffective: Bool = false, csVerifiedEffective: Bool = false) {
        self.handling = handling
        self.analysisRecorded = analysisRecorded
        self.internalFault = internalFault
        self.actionsPlanned = actionsPlanned
        self.qaVerifiedEffective = qaVerifiedEffective
        self.csVerifiedEffective = csVerifiedEffective
    }
}

public enum ComplaintStep: Sendable, Equatable {
    case classify(ComplaintResponsibility, ComplaintHandling)
    case analysis(internalFault: Bool)
    case planActions
    case approve
    case reviewMeeting
    case customerConfirmation(accepted: Bool)
    /// One side's verification (CMP-12: CS and QA both verify effectiveness).
    case verification(effective: Bool, byQuality: Bool)
    case close
}

/// Why a step is refused: a code naming the rule or the missing step (API.md: 409 with a code naming the missing one).
public struct FlowRefusal: Error, Sendable, Equatable {
    public let code: String
    public init(_ code: String) { self.code = code }
}

public enum ComplaintFlow {
    /// The status after `step`, or the refusal. Pure: the caller records the facts the step establishes.
    public static func next(_ status: ComplaintStatus, _ facts: ComplaintFacts, _ step: ComplaintStep) -> Result<ComplaintStatus, FlowRefusal> {
        if status == .closed { return .failure(FlowRefusal("complaint_closed")) }
        switch step {
        case .classify(let responsibility, let handling):
            guard status == .registered else { return .failure(FlowRefusal("already_classified")) }
            // Not the company's responsibility is explained by CS (CMP-03); it never goes to QA.
            if responsibility == .notCompany, handling == .quality { return .failure(FlowRefusal("not_company_goes_to_customer_service")) }
            // CMP-05: a case needing other departments goes to QA with the complaint form at once.
            return .success(handling == .quality ? .investigating : .classified)
        case .analysis:
            guard status == .investigating else { return .failure(FlowRefusal(status == .registered || status == .classified ? "not_referred_to_quality" : "analysis_already_done")) }
            return .success(.investigating)
        case .planActions:
            switch status {
            case .investigating:
                guard facts.analysisRecorded else { return .failure(FlowRefusal("analysis_missing")) }
                guard facts.internalFault == true else { return .failure(FlowRefusal("no_internal_fault")) }
                return .success(.actionPlanned)
            case .actionPlanned:
                return .success(.actionPlanned)
            default:
                return .failure(FlowRefusal(order(status) < order(.investigating) ? "not_referred_to_quality" : "actions_already_approved"))
            }
        case .approve:
            guard status == .actionPlanned else {
                return .failure(FlowRefusal(order(status) < order(.actionPlanned) ? "actions_missing" : "actions_already_approved"))
            }
            guard facts.actionsPlanned else { return .failure(FlowRefusal("actions_missing")) }
            return .success(.awaitingConfirmation)
        case .reviewMeeting:
            // CMP-10: 会审 while investigating or planning.
            guard status == .investigating || status == .actionPlanned else { return .failure(FlowRefusal("review_meeting_not_allowed")) }
            return .success(status)
        case .customerConfirmation(let accepted):
            guard status == .awaitingConfirmation else {
                return .failure(FlowRefusal(order(status) < order(.awaitingConfirmation) ? "approval_missing" : "already_confirmed"))
            }
            // Decision: a customer who does not accept the analysis sends the case back to QA.
            return .success(accepted ? .actionInProgress : .investigating)
        case .verification(let effective, let byQuality):
            guard status == .actionInProgress else {
                return .failure(FlowRefusal(order(status) < order(.actionInProgress) ? "customer_confirmation_missing" : "already_verified"))
            }
            if !effective { return .success(.actionPlanned) }
            let qa = facts.qaVerifiedEffective || byQuality
            let cs = facts.csVerifiedEffective || !byQuality
            return .success(qa && cs ? .verified : .actionInProgress)
        case .close:
            switch status {
            case .classified:
                return .success(.closed)
            case .investigating:
                guard facts.analysisRecorded else { return .failure(FlowRefusal("analysis_missing")) }
                guard facts.internalFault == false else { return .failure(FlowRefusal(facts.actionsPlanned ? "approval_missing" : "actions_missing")) }
                return .success(.closed)
            case .registered: return .failure(FlowRefusal("classification_missing"))
            case .actionPlanned: return .failure(FlowRefusal(facts.actionsPlanned ? "approval_missing" : "actions_missing"))
            case .awaitingConfirmation: return .failure(FlowRefusal("customer_confirmation_missing"))
            case .actionInProgress: return .failure(FlowRefusal("verification_missing"))
            case .verified: return .success(.closed)
            case .closed: return .failure(FlowRefusal("complaint_closed"))
            }
        }
    }

    static func order(_ s: ComplaintStatus) -> Int { ComplaintStatus.allCases.firstIndex(of: s)! }

    /// Open cases whose CAPA is not yet verified: their actions can be overdue.
    public static func actionsRunning(_ s: ComplaintStatus) -> Bool {
        s == .actionPlanned || s == .awaitingConfirmation || s == .actionInProgress
    }
}
