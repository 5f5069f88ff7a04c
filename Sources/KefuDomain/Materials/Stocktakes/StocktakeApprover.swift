/// D5: "呈报业务部，未经批准不得擅自调账" — the business department approves a stocktake's differences. By default its
/// department manager does; an administrator may name, per business department, a different approving role or one
/// person. The named approver also sends counts back (`return`), the other half of the decision.
public struct StocktakeApprover: Codable, Sendable, Equatable {
    /// A role: its holders in the stocktake's unit or above approve.
    public let role: Role?
    /// One person (a user id): that user approves, whatever its unit.
    public let userId: String?

    public init(role: Role?, userId: String?) {
        self.role = role
        self.userId = userId
    }
}

public enum StocktakeApproval {
    /// Roles an administrator may name as a department's approver: the department's management and HQ materials roles.
    public static let nameableRoles: [Role] = [.deptManager, .deptSupervisor, .deptPlanner, .siteLead, .mgmtMaterials, .mgmtPlanner]

    /// Who configures the approver: an administrator of the department's unit or above.
    public static let configurators: Set<Role> = [.admin]

    /// Whether the actor may approve or return (D5). `covers`: the actor's unit is the stocktake's unit or above it;
    /// `configured`: the department's named approver, nil for the default (the department manager). An administrator of
    /// the unit keeps the step either way (it acts on every step in its unit, 4.3).
    public static func mayDecide(actorId: String, roles: Set<Role>, covers: Bool, configured: StocktakeApprover?) -> Bool {
        if covers && roles.contains(.admin) { return true }
        if let userId = configured?.userId { return actorId == userId }
        if let role = configured?.role { return covers && roles.contains(role) }
        return covers && roles.contains(.deptManager)
    }

    public enum Problem: String, Equatable, Sendable {
        /// Both a role and a person (neither: back to the default).
        case chooseOne = "approver_choose_one"
        /// A role an approver cannot have.
        case roleNotNameable = "approver_role_not_allowed"
        /// The person is deactivated, sees no material books, or is not in the department or above it.
        case personCannotApprove = "approver_person_not_allowed"
    }

    /// What is wrong with naming a person (`personActive`, `personRoles`, `personCoversDepartment`) or a role; neither
    /// named is no problem (the default again).
    public static func problem(role: Role?, personGiven: Bool, personActive: Bool, personRoles: Set<Role>, personCoversDepartment: Bool) -> Problem? {
        if role != nil && personGiven { return .chooseOne }
        if let role { return nameableRoles.contains(role) ? nil : .roleNotNameable }
        guard personGiven else { return nil }
        guard personActive, personCoversDepartment, !personRoles.isDisjoint(with: MaterialPermissions.viewers) else { return .personCannotApprove }
        return nil
    }
}
