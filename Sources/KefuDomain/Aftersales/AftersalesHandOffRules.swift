/// #11.4: who must act next on a complaint after a step — the hand-off that is announced (CMP-05..12).
public enum ComplaintNextActor: String, Sendable, Equatable {
    /// CMP-05/06: the ComplaintForm goes to QA (品管部), which investigates; also when the customer rejects the conclusion.
    case quality
    /// CMP-09/12: the responsible department plans the corrective and preventive actions, re-plans them when they
    /// were not effective, and carries them out once the customer has the conclusion.
    case responsibleUnit = "responsible_unit"
    /// CMP-09: the management representative approves the planned actions.
    case approvers
    /// CMP-07/11: customer service answers the customer with the conclusion and records the confirmation.
    case customerService = "customer_service"
}

public enum ComplaintHandOffRule {
    /// The next actor after a step from `from` to `to`; `internalFaultFound` is the analysis' finding (CMP-06/07) when
    /// the step was QA's analysis. Nil when the step hands nothing on (the same people carry on, or the case is done).
    public static func nextActor(from: ComplaintStatus, to: ComplaintStatus, internalFaultFound: Bool? = nil) -> ComplaintNextActor? {
        switch (from, to) {
        case (.registered, .investigating), (.awaitingConfirmation, .investigating): return .quality
        case (.investigating, .investigating):
            return internalFaultFound.map { $0 ? .responsibleUnit : .customerService }
        case (.investigating, .actionPlanned), (.actionPlanned, .actionPlanned): return .approvers
        case (.actionInProgress, .actionPlanned): return .responsibleUnit
        case (_, .awaitingConfirmation): return .customerService
        case (.awaitingConfirmation, .actionInProgress): return .responsibleUnit
        default: return nil
        }
    }
}

/// #11.4: who must act next on a repair order after a step (RMA-02..04).
public enum RepairNextActor: String, Sendable, Equatable {
    /// RMA-03: a fee was quoted: customer service gets the customer's signed approval (or refusal).
    case customerService = "customer_service"
    /// RMA-04: the customer approved the fee: the repair group repairs.
    case repairGroup = "repair_group"
}

public enum RepairHandOffRule {
    public static func nextActor(from: RepairStatus, to: RepairStatus) -> RepairNextActor? {
        switch (from, to) {
        case (.received, .awaitingCustomerApproval): return .customerService
        case (.awaitingCustomerApproval, .repairing): return .repairGroup
        default: return nil
        }
    }
}

/// #11.4: who must act next on a return or exchange after a step (RMA-07..11).
public enum ReturnNextActor: String, Sendable, Equatable {
    /// RMA-08: the customer questions quality: QA inspects the returned goods.
    case quality
    /// RMA-10: accepted after QA's inspection or by the sales manager's override: customer service issues the red copy;
    /// booked by finance: customer service ships the replacement (an exchange) and closes the case.
    case customerService = "customer_service"
    /// RMA-10: the red copy goes to the regional salesperson, who annotates ship date and reason.
    case salesperson
    /// RMA-09/D14: refused by the quality rule, only the sales manager may override it; RMA-10: the annotated red copy
    /// waits for the sales manager's signature.
    case salesManager = "sales_manager"
    /// RMA-10: signed by the sales manager: finance books it.
    case finance
}

public enum ReturnHandOffRule {
    /// The next actor after `step` left the return in `to` (after the quality rule's verdict, when the step made one).
    /// Nil when the same people carry on (customer service received goods the rule accepted: it issues the red copy
    /// itself; a replacement shipped; the case closed).
    public static func nextActor(after step: ReturnStep, to: ReturnStatus) -> ReturnNextActor? {
        switch step {
        case .receiveGoods, .inspect, .decide:
            switch to {
            case .goodsReceived: return .quality
            case .accepted: return step == .inspect ? .customerService : nil
            case .rejected: return .salesManager
            default: return nil
            }
        case .override: return .customerService
        case .issueSlip: return .salesperson
        case .annotate: return .salesManager
        case .salesManagerSign: return .finance
        case .financeBook: return .customerService
        case .shipReplacement, .close: return nil
        }
    }
}
