/// After-sales repair, SPEC 4.5 (RMA-01..06), state names as in API.md.
public enum RepairStatus: String, CaseIterable, Codable, Sendable {
    case received
    case awaitingCustomerApproval = "awaiting_customer_approval"
    case repairing
    case returningUnrepaired = "returning_unrepaired"
    case readyToShip = "ready_to_ship"
    case shipped, closed
}

public enum RepairStep: Sendable, Equatable {
    case diagnose(mainComponentDamaged: Bool, inWarranty: Bool)
    case customerDecision(approved: Bool)
    case qc(passed: Bool)
    case ship
    case close
}

public enum RepairFlow {
    /// RMA-02: only a damaged main component out of warranty needs the customer's consent to the quoted fee.
    public static func needsCustomerApproval(mainComponentDamaged: Bool, inWarranty: Bool) -> Bool {
        mainComponentDamaged && !inWarranty
    }

    public static func next(_ status: RepairStatus, _ step: RepairStep) -> Result<RepairStatus, FlowRefusal> {
        if status == .closed { return .failure(FlowRefusal("repair_closed")) }
        switch step {
        case .diagnose(let damaged, let warranty):
            guard status == .received else { return .failure(FlowRefusal("already_diagnosed")) }
            return .success(needsCustomerApproval(mainComponentDamaged: damaged, inWarranty: warranty) ? .awaitingCustomerApproval : .repairing)
        case .customerDecision(let approved):
            // RMA-03/04: the decision exists only for a quoted fee; no charge slip without signed consent.
            guard status == .awaitingCustomerApproval else {
                return .failure(FlowRefusal(status == .received ? "diagnosis_missing" : "no_decision_pending"))
            }
            return .success(approved ? .repairing : .returningUnrepaired)
        case .qc(let passed):
            // RMA-05: QC inspects a repaired unit.
            guard status == .repairing else {
                switch status {
                case .received: return .failure(FlowRefusal("diagnosis_missing"))
                case .awaitingCustomerApproval: return .failure(FlowRefusal("customer_consent_missing"))
                default: return .failure(FlowRefusal("not_under_repair"))
                }
            }
            return .success(passed ? .readyToShip : .repairing)
        case .ship:
            // RMA-05: nothing ships without a QC pass, except a unit going back unrepaired (RMA-04).
            switch status {
            case .readyToShip, .returningUnrepaired: return .success(.shipped)
            case .repairing: return .failure(FlowRefusal("qc_pass_missing"))
            case .awaitingCustomerApproval: return .failure(FlowRefusal("customer_consent_missing"))
            case .received: return .failure(FlowRefusal("diagnosis_missing"))
            case .shipped, .closed: return .failure(FlowRefusal("already_shipped"))
            }
        case .close:
            // RMA-06: tracked until the customer has it.
            guard status == .shipped else { return .failure(FlowRefusal("not_shipped")) }
            return .success(.closed)
        }
    }
}
