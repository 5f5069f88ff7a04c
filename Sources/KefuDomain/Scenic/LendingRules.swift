/// LND-03/04 wheelchairs and strollers (篇11 §2.2, §3.1.3): lent (free, to the special visitors) or rented (a fee and a
/// deposit) with a simple procedure; on return the item is checked, and a damaged one goes at once to the repair shop
/// and stays unavailable until marked repaired.
public enum LendingRules {
    public enum ItemKind: String, CaseIterable, Codable, Sendable { case wheelchair, stroller }

    public enum ItemStatus: String, CaseIterable, Codable, Sendable {
        case available, lent
        case inRepair = "in_repair"
    }

    public enum LoanKind: String, CaseIterable, Codable, Sendable { case lend, rent }

    public enum Check: String, CaseIterable, Codable, Sendable { case ok, damaged }

    public enum Step: Equatable, Sendable {
        case lendOut
        case giveBack(Check)
        case repaired
    }

    /// The item's state after a step; nil when the step is not possible in that state.
    public static func next(_ s: ItemStatus, _ step: Step) -> ItemStatus? {
        switch (s, step) {
        case (.available, .lendOut): return .lent
        case (.lent, .giveBack(.ok)): return .available
        case (.lent, .giveBack(.damaged)): return .inRepair // LND-04: straight to the repair shop
        case (.inRepair, .repaired): return .available
        default: return nil
        }
    }

    public enum MoneyProblem: Equatable, Sendable {
        /// A rental needs a fee above zero.
        case feeRequired
        /// A free loan carries no fee and no deposit.
        case lendIsFree
    }

    /// Amounts in fen. Decision (seed silent): a loan (借用) is free, with no deposit; a rental (租用) has a fee > 0 and a
    /// deposit ≥ 0.
    public static func moneyProblem(kind: LoanKind, feeFen: Int64, depositFen: Int64) -> MoneyProblem? {
        switch kind {
        case .lend: return feeFen == 0 && depositFen == 0 ? nil : .lendIsFree
        case .rent: return feeFen > 0 ? nil : .feeRequired
        }
    }
}

/// VIS-05 special-group reservations (篇11 §3.3): market ops draws up the reception plan and sends it to the
/// departments concerned; each confirms its preparation; the plan is ready when every department has confirmed.
public enum ReceptionPlanRules {
    public static let maxDepartments = 20

    public enum Status: String, CaseIterable, Codable, Sendable {
        /// Sent; some departments have not confirmed.
        case sent
        /// Every department confirmed its preparation.
        case ready
    }

    public static func status(departments: Int, confirmed: Int) -> Status {
        departments > 0 && confirmed >= departments ? .ready : .sent
    }
}
