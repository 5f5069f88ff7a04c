/// Who does which step of the after-sales procedure (篇8 §3 responsibilities).
public enum AftersalesPermission: Sendable, CaseIterable {
    /// Customer service: register, classify, answer the customer, receive units, ship, issue slips, invite surveys.
    case customerService
    /// 品管部: root cause and responsibility, QC of repaired units, inspection of returned goods, verification.
    case quality
    /// 维修组: diagnosis and fee quote.
    case repairGroup
    /// 管理者代表: approves corrective and preventive actions (API.md: `cs_manager`, or `qa` with manager rights).
    case approveActions
    /// Regional salesperson: annotates the red copy with ship date and reason.
    case salesperson
    /// Sales manager: signs the slip; overrides the 3-month rule with a written reason (D14).
    case salesManager
    case finance
    /// CS supervisor: reviews each day's complaint records and follows them up (CMP-16).
    case supervise
    /// SAT-09: sets the company's satisfaction target.
    case setQualityTarget
    /// Reads of after-sales records and reports.
    case view

    public static func granted(_ permission: AftersalesPermission, to roles: Set<Role>) -> Bool {
        if roles.contains(.admin) { return true }
        switch permission {
        case .customerService: return !roles.isDisjoint(with: [.csAgent, .csSupervisor, .csManager])
        case .quality: return roles.contains(.qa)
        case .repairGroup: return roles.contains(.engineer)
        case .approveActions: return roles.contains(.csManager) || (roles.contains(.qa) && roles.contains(.deptManager))
        case .salesperson: return roles.contains(.sales)
        case .salesManager: return roles.contains(.salesManager)
        case .finance: return roles.contains(.finance)
        case .supervise: return !roles.isDisjoint(with: [.csSupervisor, .csManager])
        case .setQualityTarget: return roles.contains(.csManager)
        case .view: return !roles.isEmpty && !Role.isCustomerOnly(roles)
        }
    }
}

extension AftersalesPermission {
    /// #10.20: the satisfaction target is the company's: set only from the head office (the root unit).
    public static func granted(_ permission: AftersalesPermission, to roles: Set<Role>, userPath: String) -> Bool {
        guard granted(permission, to: roles) else { return false }
        return permission != .setQualityTarget || OrgPath.isRoot(userPath)
    }

    /// CMP-09: only the responsible department (a user of that unit or above it) plans the corrective and preventive
    /// actions; administrators may act for it.
    public static func mayPlanActions(roles: Set<Role>, userPath: String, responsibleUnitPath: String?) -> Bool {
        roles.contains(.admin) || (responsibleUnitPath.map { OrgPath.contains(userPath, $0) } ?? false)
    }
}
