/// Stocktakes (盘点, SPEC STK-01..09, state machine 4.3, D5): states, who may take each step, and the difference of a line.

/// 4.3: draft → counting → submitted → approved → adjusted → closed; `return` sends a submitted count back to counting.
public enum StocktakeStatus: String, CaseIterable, Codable, Sendable {
    case draft, counting, submitted, approved, adjusted, closed
}

/// D5: quarterly (篇2 §6, STK-01), monthly (篇3 §1.4.1, STK-02) or an ad-hoc spot count (STK-09).
public enum StocktakeKind: String, CaseIterable, Codable, Sendable {
    case quarterly, monthly, spot
}

/// STK-07: a full count of everything on hand, or a spot check (抽点) of chosen items.
public enum StocktakeScope: String, CaseIterable, Codable, Sendable {
    case full, spot
}

/// STK-05/06: why a counted quantity differs from the books.
public enum StocktakeReasonCode: String, CaseIterable, Codable, Sendable {
    /// 盘盈 / 盘亏 without a more precise cause (miscount at receipt or issue, unrecorded movement).
    case surplus, shortage
    /// 损坏 / 变质 (STK-06).
    case damage, spoilage
    /// A receipt or issue booked with the wrong quantity or to the wrong item or warehouse.
    case bookingError = "booking_error"
    case other
}

public enum StocktakeAction: String, CaseIterable, Sendable {
    case edit, distribute, count, submit, `return`, approve, post, assess

    /// 4.3: the state an action needs and the state it leaves.
    public var transition: (from: StocktakeStatus, to: StocktakeStatus) {
        switch self {
        case .edit: return (.draft, .draft)
        case .distribute: return (.draft, .counting)
        case .count: return (.counting, .counting)
        case .submit: return (.counting, .submitted)
        case .return: return (.submitted, .counting)
        case .approve: return (.submitted, .approved)
        case .post: return (.approved, .adjusted)
        case .assess: return (.adjusted, .closed)
        }
    }
}

public enum StocktakeRules {
    /// 4.3: the state after `action`, or nil when the action is not allowed in `status`.
    public static func next(_ action: StocktakeAction, from status: StocktakeStatus) -> StocktakeStatus? {
        action.transition.from == status ? action.transition.to : nil
    }

    /// The actions allowed in a state (the toolbar shows these, filtered by role).
    public static func actions(in status: StocktakeStatus) -> [StocktakeAction] {
        StocktakeAction.allCases.filter { $0.transition.from == status }
    }

    /// Who may take a step. `covers`: the actor's unit is the stocktake's unit or above it.
    /// - create, edit, distribute, post: the department accountant (STK-03, 4.3) or the HQ materials office;
    /// - count, submit: the site keeper (STK-05) and the accountant who organised the count;
    /// - return, approve: the department manager by default (D5: "呈报业务部，未经批准不得擅自调账");
    /// - assess: the HQ materials office, 业务管理部 (KPI-05).
    /// An administrator acts in its unit and below on every step but the assessment.
    public static func may(_ action: StocktakeAction, roles: Set<Role>, covers: Bool) -> Bool {
        switch action {
        case .edit, .distribute, .post:
            return roles.contains(.mgmtMaterials) || (covers && (roles.contains(.deptAccountant) || roles.contains(.admin)))
        case .count, .submit:
            return roles.contains(.mgmtMaterials) || (covers && (roles.contains(.siteKeeper) || roles.contains(.deptAccountant) || roles.contains(.admin)))
        case .return, .approve:
            return covers && (roles.contains(.deptManager) || roles.contains(.admin))
        case .assess:
            return roles.contains(.mgmtMaterials)
        }
    }

    /// Roles that may open a stocktake (the `edit` step on a new record).
    public static let creators: Set<Role> = [.mgmtMaterials, .deptAccountant, .admin]
    public static let approvers: Set<Role> = [.deptManager, .admin]
    public static let assessors: Set<Role> = [.mgmtMaterials]

    /// STK-05, issue #12: the count is compared with the snapshot plus what moved since the snapshot was frozen.
    /// Nil while the line is not counted.
    public static func difference(snapshot: Quantity, movementsSince: Quantity, counted: Quantity?) -> Quantity? {
        guard let counted else { return nil }
        return Quantity(milli: counted.milli - snapshot.milli - movementsSince.milli)
    }

    public enum LineProblem: Equatable, Sendable {
        /// The line is not counted yet.
        case notCounted
        /// A non-zero difference without a reason code and a reason text (STK-05/06).
        case reasonRequired
        /// A counted quantity below zero.
        case negativeCount
    }

    /// What stops a line from being submitted.
    public static func problem(counted: Quantity?, difference: Quantity?, reasonCode: StocktakeReasonCode?, reason: String) -> LineProblem? {
        guard let counted else { return .notCounted }
        if counted.isNegative { return .negativeCount }
        if let d = difference, d.milli != 0, reasonCode == nil || reason.trimmingCharactersInSpaces().isEmpty { return .reasonRequired }
        return nil
    }

    /// D5: a positive difference is posted as a 盘盈 receipt, a negative one as a 盘亏 issue, zero not at all.
    public static func adjustment(_ difference: Quantity) -> (direction: StockDirection, quantity: Quantity)? {
        if difference.milli > 0 { return (.in, difference) }
        if difference.milli < 0 { return (.out, Quantity(milli: -difference.milli)) }
        return nil
    }
}
