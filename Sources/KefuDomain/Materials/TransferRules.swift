/// Rules of a transfer order (SPEC TRF, 4.2, D3).
public enum TransferRules {
    public enum Violation: Equatable, Sendable {
        case sameWarehouse
        /// TRF-02: good↔good or damaged↔damaged only.
        case mixedCondition
        case noLines
        /// A transfer moves positive quantities only.
        case notPositive(line: Int)
    }

    public static func validate(from: WarehouseCondition, to: WarehouseCondition, sameWarehouse: Bool, quantities: [Quantity]) -> Violation? {
        if sameWarehouse { return .sameWarehouse }
        if from != to { return .mixedCondition }
        if quantities.isEmpty { return .noLines }
        for (i, q) in quantities.enumerated() where !q.isPositive { return .notPositive(line: i + 1) }
        return nil
    }

    /// TRF-03: cross-department when the two warehouses do not belong to the same business department (a warehouse of
    /// HQ or of another department belongs to none, so a transfer touching it is cross-department too).
    public static func isCrossDepartment(fromDept: String?, toDept: String?) -> Bool {
        guard let fromDept, let toDept else { return true }
        return fromDept != toDept
    }

    public enum Action: Sendable { case edit, delete, audit, unaudit }

    /// 4.2: edit/delete/audit while saved; un-audit only while neither generated document is audited.
    public static func allows(_ action: Action, status: DocumentStatus, outStatus: DocumentStatus?, inStatus: DocumentStatus?) -> Bool {
        switch action {
        case .edit, .delete, .audit: return status == .saved
        case .unaudit: return status == .audited && outStatus != .audited && inStatus != .audited
        }
    }

    public static func progress(status: DocumentStatus, outStatus: DocumentStatus?, inStatus: DocumentStatus?) -> TransferProgress {
        guard status == .audited else { return .saved }
        if inStatus == .audited { return .received }
        if outStatus == .audited { return .inTransit }
        return .awaitingDispatch
    }
}
