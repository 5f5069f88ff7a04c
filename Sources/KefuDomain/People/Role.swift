/// Role codes of API.md. A role acts within its user's org unit and the units below it.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin
    case csAgent = "cs_agent"
    case csSupervisor = "cs_supervisor"
    case csManager = "cs_manager"
    case qa
    case engineer
    case siteKeeper = "site_keeper"
    case siteLead = "site_lead"
    case deptAccountant = "dept_accountant"
    case deptPlanner = "dept_planner"
    case deptSupervisor = "dept_supervisor"
    case deptManager = "dept_manager"
    case mgmtPlanner = "mgmt_planner"
    case mgmtMaterials = "mgmt_materials"
    case production
    case procurement
    case customer
    // After-sales (篇8): regional salesperson, sales manager, finance.
    case sales
    case salesManager = "sales_manager"
    case finance
    // #14.1 work orders (WO-02, WO-10): the engineering duty technician (工程部值班技工).
    case dutyTechnician = "duty_technician"
    // #14.4 front desk registers (FRD-01..07): the shopping centre's service-desk clerk (服务台).
    case frontDesk = "front_desk"
    // #15.5 KPI-04: the general manager (总经理), who approves appraisal reward/penalty plans.
    case generalManager = "general_manager"
    // #14 item 2 property fees (PRP-01..03, PRP-06): 物业客服管理员 — sends notices, records payments, chases arrears.
    case propertyAdmin = "property_admin"
    // #14 item 3 scenic area (VIS-01..05, LND-03/04): the area's visitor-service staff (景区游客服务). #14.3
    case scenicOps = "scenic_ops"
    // #16.1 (CH-01): the account an MTA (LMTP, `kefu mail ingest`, a pipe) hands inbound mail to Kefu with; it
    // creates and appends to tickets only through the mail intake, and works no ticket itself.
    case mailIntake = "mail_intake"
}

extension Role {
    /// TKT-03: who can be a ticket's first-contact owner (首问负责人): customer-service staff.
    public static let ticketOwners: Set<Role> = [.admin, .csAgent, .csSupervisor, .csManager]

    public static func canOwnTickets(_ roles: Set<Role>) -> Bool { !roles.isDisjoint(with: ticketOwners) }

    /// A customer's account: the `customer` role and no staff role besides.
    public static func isCustomerOnly(_ roles: Set<Role>) -> Bool { roles == [.customer] }

    /// Role codes as stored or sent; unknown codes are ignored.
    public static func set(_ codes: [String]) -> Set<Role> { Set(codes.compactMap(Role.init(rawValue:))) }

    /// #10.20: permissions go by role and unit, not by unit alone. Customer-service staff (and administrators) see and
    /// work the tickets of their unit and below; any other staff role (finance, engineer, QA, …) only the tickets
    /// forwarded to its unit or below (TKT-04) and those it owns or is assigned — never every ticket of its unit, nor,
    /// at the head office, every ticket of the company.
    public static func seesUnitTickets(_ roles: Set<Role>) -> Bool { !roles.isDisjoint(with: ticketOwners) }
}

public enum OrgUnitKind: String, CaseIterable, Codable, Sendable {
    case management, business, site, department
}

/// What each role may do on the service desk (TKT-03, TKT-04, TKT-06; SLA-05: who sets the service standards).
public enum ServiceDeskPermission: Sendable {
    case createTicket, workTicket, superviseTickets, viewCustomerRegister, lookupCustomer
    /// SLA policies: customer-service managers (and administrators).
    case setServiceStandards
    /// The working-day calendar and business hours: administrators only (issue #3).
    case editCalendar
    /// CH-03 (#16 item 5): the reply templates of a unit — supervisors and managers of customer service.
    case manageReplyTemplates

    /// #10.3 / #10.20: settings that hold for the whole company — the SLA policies, the working-day calendar and the
    /// business hours — are changed only from the head office (the root unit), whatever the role.
    public var isCompanyWide: Bool {
        switch self {
        case .setServiceStandards, .editCalendar: return true
        default: return false
        }
    }

    /// The permission for a user of the unit at `userPath`: a company-wide one needs the root unit as well.
    public static func granted(_ permission: ServiceDeskPermission, to roles: Set<Role>, userPath: String) -> Bool {
        guard granted(permission, to: roles) else { return false }
        return !permission.isCompanyWide || OrgPath.isRoot(userPath)
    }

    public static func granted(_ permission: ServiceDeskPermission, to roles: Set<Role>) -> Bool {
        if roles.contains(.admin) { return true }
        switch permission {
        case .createTicket, .lookupCustomer:
            return !roles.isDisjoint(with: [.csAgent, .csSupervisor, .csManager])
        case .workTicket:
            // Any staff member of a unit a ticket is forwarded to may work on it (TKT-04); not the mail intake (#16.1).
            return roles.contains { $0 != .customer && $0 != .mailIntake }
        case .superviseTickets, .viewCustomerRegister, .manageReplyTemplates:
            return !roles.isDisjoint(with: [.csSupervisor, .csManager])
        case .setServiceStandards:
            return roles.contains(.csManager)
        case .editCalendar:
            return false
        }
    }
}
