/// REQ-10 the annual material demand plan (年度物资需求计划): 业务管理部 compiles it per year and per department and
/// files it with production as a LiaisonForm attachment [篇4 §1.3.3]. Decisions where SPEC and the seed are silent
/// (#13.1 item 2): one plan per department and year; a line is an item and its quantity for the year (the seed names
/// no quarters); a plan is drafted, then published (filed with production), and may be revised after publishing (its
/// version grows, each revision audited); the department sees its published plan, production and procurement every
/// published plan; "requested" counts the department's requests of that year past the draft, "shipped" those whose
/// goods left production or the supplier.
public enum DemandPlanState: String, CaseIterable, Codable, Sendable {
    case draft, published
}

public enum DemandPlanRules {
    /// REQ-10: 业务管理部's planners and materials office, in the head office, write and publish the plan.
    public static let planners: Set<Role> = [.mgmtPlanner, .mgmtMaterials]
    /// The department's leaders, planning office and accountant (and administrators) read their department's plan.
    public static let departmentReaders: Set<Role> = [.admin, .deptPlanner, .deptSupervisor, .deptManager, .deptAccountant, .mgmtPlanner, .mgmtMaterials]
    /// The plan is filed with 生产管理部 (and procurement buys for it): they read every published plan.
    public static let receivers: Set<Role> = [.production, .procurement]
    /// Years a plan may be written for.
    public static let years: ClosedRange<Int> = 2000...2100
    public static let maxLines = 500

    public static func mayWrite(_ roles: Set<Role>, userPath: String) -> Bool {
        !roles.isDisjoint(with: planners) && OrgPath.isRoot(userPath)
    }

    /// Drafts are HQ's own; a published plan is read by its department (the unit and above) and by production and procurement.
    public static func mayView(_ roles: Set<Role>, userPath: String, planPath: String, published: Bool) -> Bool {
        if mayWrite(roles, userPath: userPath) { return true }
        guard published else { return false }
        return !roles.isDisjoint(with: receivers) || (!roles.isDisjoint(with: departmentReaders) && OrgPath.contains(userPath, planPath))
    }

    public enum Problem: Equatable, Sendable {
        case yearOutOfRange
        case noLines
        case tooManyLines
        case quantityNotPositive(line: Int)
        case duplicateItem(line: Int)
    }

    /// The plan's year and lines (item ids, quantities in thousandths), the first problem found.
    public static func problem(year: Int, lines: [(itemId: String, milli: Int64)]) -> Problem? {
        guard years.contains(year) else { return .yearOutOfRange }
        guard !lines.isEmpty else { return .noLines }
        guard lines.count <= maxLines else { return .tooManyLines }
        var seen: Set<String> = []
        for (i, line) in lines.enumerated() {
            guard line.milli > 0 else { return .quantityNotPositive(line: i + 1) }
            guard seen.insert(line.itemId).inserted else { return .duplicateItem(line: i + 1) }
        }
        return nil
    }

    /// Plan against actual for one item: what is left to request, and whether requests went past the plan.
    public struct Figure: Equatable, Sendable {
        public let planned: Quantity
        public let requested: Quantity
        public let shipped: Quantity
        public var remaining: Quantity { Quantity(milli: max(0, planned.milli - requested.milli)) }
        public var overPlan: Bool { requested.milli > planned.milli }
        public init(planned: Quantity, requested: Quantity, shipped: Quantity) { self.planned = planned; self.requested = requested; self.shipped = shipped }
    }
}
