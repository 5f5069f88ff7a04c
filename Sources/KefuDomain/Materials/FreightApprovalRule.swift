/// Freight (SPEC FRT-01..06, #13.4, seed 篇3 §3.2): what approval one shipment's freight cost needs, from its mode,
/// its cost and — for a rented vehicle — HQ's reference price in force on the shipping day. Money is exact: integer
/// fen (`Yuan`), compared in integers (never a floating-point percentage).

/// How a shipment travelled (FRT-03..06).
public enum FreightMode: String, CaseIterable, Codable, Sendable {
    /// 租车（拼车或包车）: compared with the reference price list (FRT-03, FRT-04).
    case rentedVehicle = "rented_vehicle"
    /// 空运 (FRT-05).
    case air
    /// 快递 (FRT-06).
    case express
}

/// The approval a freight record needs (API.md `approvalNeeded`).
public enum FreightApproval: String, CaseIterable, Codable, Sendable {
    /// FRT-03 within reference × 1.10, FRT-06 express ≤ 200 yuan (the site decides).
    case none
    /// FRT-04: a rented vehicle above reference × 1.10 — the site applies to its business department.
    case department
    /// FRT-05: air freight, whatever the price — the business department's manager.
    case departmentManager = "department_manager"
    /// FRT-06: express above 200 yuan — a written application to the department's leadership.
    case departmentLeadership = "department_leadership"
}

/// Where a freight record stands.
public enum FreightStatus: String, CaseIterable, Codable, Sendable {
    case notNeeded = "not_needed"
    case awaitingApproval = "awaiting_approval"
    case approved
    case rejected
}

public enum FreightDecision: String, CaseIterable, Sendable {
    case approve, reject
}

/// Why the rule cannot decide.
public enum FreightRuleRefusal: String, Error, Sendable, Equatable {
    /// FRT-03/04: a rented vehicle is judged against the reference price in force on the shipping day; there is none
    /// for its route and vehicle type (HQ has not priced it, or only from a later date).
    case noReferencePrice = "no_reference_price"
}

public enum FreightApprovalRule {
    /// FRT-03: reference × 1.10 inclusive, as a ratio of integers (110 / 100).
    public static let toleranceNumerator: Int64 = 110
    public static let toleranceDenominator: Int64 = 100
    /// FRT-06: 200 yuan in fen, inclusive.
    public static let expressLimitFen: Int64 = 20_000

    /// FRT-03..06. `referenceFen`: the reference price in force for the shipment's route and vehicle type (rented
    /// vehicles only; ignored for air and express).
    public static func approval(mode: FreightMode, costFen: Int64, referenceFen: Int64?) -> Result<FreightApproval, FreightRuleRefusal> {
        switch mode {
        case .rentedVehicle:
            guard let reference = referenceFen else { return .failure(.noReferencePrice) }
            // cost ≤ reference × 110 / 100  ⇔  cost × 100 ≤ reference × 110 (exact, no rounding).
            return .success(costFen * toleranceDenominator <= reference * toleranceNumerator ? .none : .department)
        case .air:
            return .success(.departmentManager)
        case .express:
            return .success(costFen <= expressLimitFen ? .none : .departmentLeadership)
        }
    }

    /// The highest cost a rented vehicle may have without an application: reference × 1.10, rounded down to the fen.
    public static func rentedLimitFen(referenceFen: Int64) -> Int64 {
        referenceFen * toleranceNumerator / toleranceDenominator
    }

    /// RPT-12: the record is an exception — it needs an approval, or a rented vehicle cost more than the reference
    /// (even within the 10 % tolerance).
    public static func isException(approval: FreightApproval, costFen: Int64, referenceFen: Int64?) -> Bool {
        approval != .none || referenceFen.map { costFen > $0 } == true
    }

    /// The state a new record starts in.
    public static func initialStatus(_ approval: FreightApproval) -> FreightStatus {
        approval == .none ? .notNeeded : .awaitingApproval
    }

    /// The state a decision leaves; nil when the record does not await one.
    public static func next(_ status: FreightStatus, _ decision: FreightDecision) -> FreightStatus? {
        guard status == .awaitingApproval else { return nil }
        return decision == .approve ? .approved : .rejected
    }

    /// Who approves or rejects, by the approval needed (#13.4 decisions): FRT-04 "its business department" — the
    /// department's supervisor or manager; FRT-05 the department manager only; FRT-06 "department leadership" — the
    /// manager or the supervisor (both lead the business department; FRT-05 names the manager alone where it means him).
    public static func approvers(_ approval: FreightApproval) -> Set<Role> {
        switch approval {
        case .none: return []
        case .department, .departmentLeadership: return [.deptSupervisor, .deptManager]
        case .departmentManager: return [.deptManager]
        }
    }

    /// Every role that approves some freight.
    public static let anyApprover: Set<Role> = [.deptSupervisor, .deptManager]

    /// `userPath` covers the shipment's business department (`departmentPath`): an approver acts in its unit and below.
    public static func mayDecide(_ approval: FreightApproval, roles: Set<Role>, userPath: String, departmentPath: String) -> Bool {
        !roles.isDisjoint(with: approvers(approval)) && OrgPath.contains(userPath, departmentPath)
    }
}

/// Who keeps freight records and HQ's reference price list (FRT-01, #13.4).
public enum FreightRules {
    /// A site records its own shipments (site keeper or lead); its department's accountant and an administrator of
    /// the unit or above may record for it.
    public static let recorders: Set<Role> = [.siteKeeper, .siteLead, .deptAccountant, .admin]

    public static func mayRecord(roles: Set<Role>, userPath: String, sitePath: String) -> Bool {
        !roles.isDisjoint(with: recorders) && OrgPath.contains(userPath, sitePath)
    }

    /// FRT-01: 业务管理部 keeps the reference price list (materials office or planning office, wherever the user sits),
    /// and the administrator of the whole organisation.
    public static func mayKeepPrices(_ roles: Set<Role>, userPath: String) -> Bool {
        !roles.isDisjoint(with: [.mgmtMaterials, .mgmtPlanner]) || (roles.contains(.admin) && OrgPath.isRoot(userPath))
    }
}
