import Foundation

/// PRP-08 下月工作计划: the due date and lateness (D11), and the two approvals in order.
public enum WorkPlanDue {
    /// The plan for `month` is due on the 25th of the month before, a calendar day (a holiday changes nothing, D11).
    public static func due(for month: BillingMonth) -> CivilDay {
        let before = month.adding(months: -1)
        return CivilDay(year: before.year, month: before.month, day: 25)
    }

    /// Submitted (first time) after the due day is late: recorded, never refused. On the 25th itself is on time.
    /// A plan returned for correction and sent again keeps the lateness of its first submission.
    public static func isLate(submittedOn: CivilDay, for month: BillingMonth) -> Bool { submittedOn > due(for: month) }

    /// The status of a unit's plan for `month` on `today` in the missing-or-late list.
    public static func standing(firstSubmittedOn: CivilDay?, for month: BillingMonth, today: CivilDay) -> WorkPlanStanding {
        guard let s = firstSubmittedOn else { return today > due(for: month) ? .overdue : .notYetSubmitted }
        return isLate(submittedOn: s, for: month) ? .late : .onTime
    }
}

public enum WorkPlanStanding: String, Sendable, CaseIterable, Codable {
    case onTime = "on_time", late, notYetSubmitted = "not_yet_submitted", overdue
}

public enum WorkPlanStatus: String, Sendable, CaseIterable, Codable {
    /// draft → submitted → manager_approved (项目经理) → approved (公司客服部经理); either approver may return it.
    case draft, submitted, managerApproved = "manager_approved", approved, returned
}

public enum WorkPlanFlow {
    /// 项目经理 approves first; the house has no role of its own for the company customer-dept manager, so the
    /// company-level step is the administrator's (decision reported to the lead).
    public static let managers: Set<Role> = [.csManager, .admin]
    public static let company: Set<Role> = [.admin]
    public static let approvers: Set<Role> = managers.union(company)

    public static func mayEdit(_ s: WorkPlanStatus) -> Bool { s == .draft || s == .returned }

    /// The roles that act on a plan in `status` (approve or return); empty when nobody does.
    public static func stageRoles(_ s: WorkPlanStatus) -> Set<Role> {
        switch s {
        case .submitted: return managers
        case .managerApproved: return company
        default: return []
        }
    }

    public static func afterApproval(_ s: WorkPlanStatus) -> WorkPlanStatus? {
        switch s {
        case .submitted: return .managerApproved
        case .managerApproved: return .approved
        default: return nil
        }
    }
}

/// PRP-05 外包 (保洁/绿化/消杀) quality evaluations: criteria scored 0–100 in whole points.
public enum ContractorEvaluationRules {
    /// 合格 needs an overall of at least 80.0 and no criterion under 60 (decided for PRP-05; the seed gives no figure).
    public static let passOverallTenths = 800
    public static let criterionFloor = 60
    public static let maxCriteria = 20
    /// Who reviews a contractor's monthly plan: the service centre's property CS admin or the project manager.
    public static let planReviewers: Set<Role> = PropertyRules.workers.union([.csManager])

    public static func validScore(_ s: Int) -> Bool { (0...100).contains(s) }

    /// The overall score in tenths of a point: the mean of the criteria, half-up, in integers (e.g. 85, 90, 78 → 843).
    public static func overallTenths(_ scores: [Int]) -> Int {
        guard !scores.isEmpty else { return 0 }
        let sum = scores.reduce(0, +)
        return (sum * 20 + scores.count) / (scores.count * 2)
    }

    public static func passed(_ scores: [Int]) -> Bool {
        !scores.isEmpty && overallTenths(scores) >= passOverallTenths && scores.allSatisfy { $0 >= criterionFloor }
    }

    public static func text(tenths: Int) -> String { "\(tenths / 10).\(tenths % 10)" }
}

public enum ContractorServiceType: String, Sendable, CaseIterable, Codable {
    case cleaning, greening, pestControl = "pest_control"
}

public enum ContractorPlanStatus: String, Sendable, CaseIterable, Codable {
    case submitted, approved, returned
}

/// PRP-11 行政登记: items counted in whole units, in and out; the balance never goes below zero.
public enum AdminRegisterKind: String, Sendable, CaseIterable, Codable {
    case fixedAsset = "fixed_asset", consumable, officeSupply = "office_supply", uniform
}

public enum AdminLogKind: String, Sendable, CaseIterable, Codable {
    case staffMovement = "staff_movement", welfare
}

public enum AdminMoveDirection: String, Sendable, CaseIterable, Codable {
    case stockIn = "in", stockOut = "out"
}

public enum AdminRegisterRules {
    public static let maxQuantity = 1_000_000

    /// The balance after a move, nil when an issue would take it below zero (refused).
    public static func balance(after current: Int64, _ direction: AdminMoveDirection, quantity: Int64) -> Int64? {
        guard quantity > 0, quantity <= Int64(maxQuantity) else { return nil }
        let next = direction == .stockIn ? current + quantity : current - quantity
        return next >= 0 ? next : nil
    }
}

/// The planning numbers: JH-202701-0001 (PRP-08, per plan month), WB-000001 (PRP-05 contractors).
public enum PlanningNumbers {
    public static func plan(_ month: BillingMonth, sequence: Int) -> String {
        "JH-\(month.compact)-" + pad(sequence, 4)
    }

    public static func contractor(sequence: Int) -> String { "WB-" + pad(sequence, 6) }

    static func pad(_ n: Int, _ width: Int) -> String {
        let d = String(n)
        return String(repeating: "0", count: max(0, width - d.count)) + d
    }

    /// A JH or WB number as typed ("jh202701-1", "WB 12"); nil for anything else.
    public static func parse(_ typed: String) -> String? {
        let code = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        if code.hasPrefix("JH") {
            let rest = code.dropFirst(2)
            guard rest.count > 6, rest.allSatisfy(\.isASCIIDigit), let month = BillingMonth(String(rest.prefix(6))),
                  let seq = Int(rest.dropFirst(6)), seq > 0, rest.count <= 15 else { return nil }
            return plan(month, sequence: seq)
        }
        if code.hasPrefix("WB") {
            let rest = code.dropFirst(2)
            guard !rest.isEmpty, rest.count <= 9, rest.allSatisfy(\.isASCIIDigit), let seq = Int(rest), seq > 0 else { return nil }
            return contractor(sequence: seq)
        }
        return nil
    }
}
