/// Rules of a receipt / issue document (SPEC 4.1, DOC, RCV, ISS, RTN; decisions D2, D4, D8).
public enum DocumentRules {
    public enum Violation: Equatable, Sendable {
        /// The reason does not belong to the direction (e.g. `scrap` on a receipt), or `transfer` chosen by hand.
        case reasonNotForDirection
        /// RCV-06, ISS-02..04, D4.
        case conditionMismatch(required: WarehouseCondition)
        case noLines
        case zeroQuantity(line: Int)
        /// Blue lines > 0, red lines < 0; one document has one polarity.
        case mixedSigns(line: Int)
        /// Red only for `material_return` (always, RTN-01) and `self_use` (D2).
        case redNotAllowed(line: Int)
        /// RTN-01: every line of a material return is below zero.
        case returnMustBeRed(line: Int)
        /// RCV-02.
        case supplierRequired
        /// D8: a scrap issue needs a recorded business-department approval.
        case approvalRequired
    }

    /// Checks a document's content as a user gives it. `generated`: a transfer's out/in document.
    public static func validate(direction: StockDirection, reason: StockReason, condition: WarehouseCondition,
                                quantities: [Quantity], hasSupplier: Bool, hasApproval: Bool, generated: Bool = false) -> Violation? {
        if reason.isGenerated ? !generated : reason.direction != direction { return .reasonNotForDirection }
        if let required = reason.requiredCondition, required != condition { return .conditionMismatch(required: required) }
        guard let first = quantities.first else { return .noLines }
        for (i, q) in quantities.enumerated() where q.milli == 0 { return .zeroQuantity(line: i + 1) }
        let red = first.isNegative
        for (i, q) in quantities.enumerated() where q.isNegative != red { return .mixedSigns(line: i + 1) }
        if reason == .materialReturn, !red { return .returnMustBeRed(line: 1) }
        if red, reason != .materialReturn, reason != .selfUse { return .redNotAllowed(line: 1) }
        if reason == .purchase, !hasSupplier { return .supplierRequired }
        if reason == .scrap, !hasApproval { return .approvalRequired }
        return nil
    }

    public static func polarity(_ quantities: [Quantity]) -> Polarity {
        quantities.first?.isNegative == true ? .red : .blue
    }

    /// What the lifecycle allows on a document in `status` (4.1, DOC-04). Generated transfer documents can't be
    /// edited or deleted on their own, only audited and un-audited (4.1 invariants).
    public enum Action: String, CaseIterable, Sendable {
        case edit, delete, audit, unaudit
    }

    public static func allows(_ action: Action, status: DocumentStatus, generated: Bool) -> Bool {
        switch action {
        case .edit, .delete: return status == .saved && !generated
        case .audit: return status == .saved
        case .unaudit: return status == .audited
        }
    }

    /// 4.2 invariants for a transfer's generated pair: IN can't be audited before OUT; OUT can't be un-audited while
    /// IN is audited.
    public static func pairAllows(_ action: Action, direction: StockDirection, partnerStatus: DocumentStatus) -> Bool {
        switch (action, direction) {
        case (.audit, .in): return partnerStatus == .audited
        case (.unaudit, .out): return partnerStatus == .saved
        default: return true
        }
    }
}
