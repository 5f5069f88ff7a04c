/// Who may call a route (#10 "Also": the route × role × unit matrix), precise enough to predict allow or deny for a
/// caller of any role, in the head office, in the record's unit or outside it. Every case is computed from the
/// permission rules themselves (`ServiceDeskPermission`, `AftersalesPermission`/`AftersalesScope`,
/// `MaterialPermissions`, `OrgPath`), so a rule is written once.
public enum RouteAudience: Sendable, Equatable {
    /// No sign-in (the public survey, the API description, signing in).
    case anyone
    /// Any signed-in user, customers included.
    case signedIn
    /// Any staff role (not the `customer` role).
    case staff
    /// These roles, in any unit.
    case roles(Set<Role>)
    /// These roles, and only in the head office (the root unit): company-wide settings (#10.3, #10.20).
    case headOffice(Set<Role>)
    /// A record of one unit, or a write that names one: these roles, when the record's unit is the caller's unit or
    /// below it (`OrgPath.contains`). Outside the unit the record is refused (403) or hidden (404).
    case inUnit(Set<Role>)
    /// As `inUnit`, and also the record's own user whatever the role: the customer a ticket or customer record is
    /// about, the user an API token or a notification belongs to.
    case inUnitOrOwner(Set<Role>)
    /// An after-sales record (#10.2): a caller holding one of these step permissions whose scope covers the record
    /// (`AftersalesScope.covers`: its unit and below; every unit for the company-wide departments). Out of scope: 404.
    case aftersales(Set<AftersalesPermission>)
    /// CMP-09: the corrective and preventive actions of a complaint are planned by its responsible department (a
    /// user of that unit or above it) or an administrator, within the after-sales scope. The matrix's complaint names
    /// its own unit as the responsible one.
    case responsibleDepartment
    /// The material books, by the record's warehouse (both warehouses of a transfer in the record's unit).
    case materials(MaterialStep)
    /// Any of several audiences (#13.1: a material request is seen in scope, and by 生产管理部 and procurement for all).
    case anyOf([RouteAudience])
    /// Every one of several audiences (#13.6: parts for a ticket need the ticket in scope and the warehouse's documents).
    case allOf([RouteAudience])

    /// A step of the material books, as `MaterialPermissions` decides it.
    public enum MaterialStep: Sendable, Equatable {
        /// MAT-05: item codes, suppliers and warehouses (no record unit: the head office's).
        case masterData
        /// D16: read a warehouse's documents and history.
        case view
        /// DOC-08, D6: create, edit or delete a receipt or issue.
        case edit
        /// DOC-08, D6: audit or un-audit a receipt or issue.
        case audit
        /// TRF-04, TRF-06, D3: create, edit, delete, audit a transfer between two warehouses of one department.
        case transfer
        /// FRT-01: HQ's reference price lists (`FreightRules.mayKeepPrices`).
        case priceList
        /// DMG-05: a damaged-part return batch, seen in the site's scope and by the production warehouse.
        case damagedReturn
    }

    /// Whether a caller with `roles` in the unit at `userPath` may call a route of this audience on a record of the
    /// unit at `recordPath`; `owner`: the record is the caller's own (see `inUnitOrOwner`). No roles: not signed in.
    public func allows(_ roles: Set<Role>, userPath: String, recordPath: String, owner: Bool = false) -> Bool {
        if self == .anyone { return true }
        if roles.isEmpty { return false }
        let covers = OrgPath.contains(userPath, recordPath)
        switch self {
        case .anyone: return true
        case .signedIn: return true
        case .staff: return !Role.isCustomerOnly(roles)
        case .roles(let allowed): return !roles.isDisjoint(with: allowed)
        case .headOffice(let allowed): return !roles.isDisjoint(with: allowed) && OrgPath.isRoot(userPath)
        case .inUnit(let allowed): return !roles.isDisjoint(with: allowed) && covers
        case .inUnitOrOwner(let allowed): return owner || (!roles.isDisjoint(with: allowed) && covers)
        case .aftersales(let steps):
            return steps.contains { AftersalesPermission.granted($0, to: roles, userPath: userPath) }
                && AftersalesScope.covers(roles: roles, userPath: userPath, recordPath: recordPath)
        case .responsibleDepartment:
            return AftersalesPermission.granted(.view, to: roles)
                && AftersalesScope.covers(roles: roles, userPath: userPath, recordPath: recordPath, responsiblePath: recordPath)
                && AftersalesPermission.mayPlanActions(roles: roles, userPath: userPath, responsibleUnitPath: recordPath)
        case .materials(let step):
            switch step {
            case .masterData: return MaterialPermissions.canMaintainMasterData(roles, userPath: userPath)
            case .view: return MaterialPermissions.canView(roles, covers: covers)
            case .edit: return MaterialPermissions.canView(roles, covers: covers) && MaterialPermissions.canEditDocuments(roles, covers: covers)
            case .audit: return MaterialPermissions.canView(roles, covers: covers) && MaterialPermissions.canAuditDocuments(roles, covers: covers)
            case .transfer: return MaterialPermissions.canManageTransfer(roles, crossDepartment: false, coversBoth: covers)
            case .priceList: return FreightRules.mayKeepPrices(roles, userPath: userPath)
            case .damagedReturn: return DamagedReturnRule.canSeeBatch(roles, covers: covers)
            }
        case .anyOf(let audiences):
            return audiences.contains { $0.allows(roles, userPath: userPath, recordPath: recordPath, owner: owner) }
        case .allOf(let audiences):
            return audiences.allSatisfy { $0.allows(roles, userPath: userPath, recordPath: recordPath, owner: owner) }
        }
    }
}

extension ServiceDeskPermission {
    /// The roles that hold a permission on their own.
    public static func holders(_ permission: ServiceDeskPermission) -> Set<Role> {
        Set(Role.allCases.filter { granted(permission, to: [$0]) })
    }
}

extension AftersalesPermission {
    /// The roles that hold a step permission on their own.
    public static func holders(_ permission: AftersalesPermission) -> Set<Role> {
        Set(Role.allCases.filter { granted(permission, to: [$0]) })
    }
}
