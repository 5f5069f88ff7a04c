/// #10.3: a unit administrator's every action stays inside its subtree — the roles it gives too. Some roles act
/// beyond their user's unit by design: the head-office materials roles (`MaterialPermissions.headquarters`: every
/// department's warehouses, documents, transfers and the master data) and the company-wide departments of the
/// after-sales procedure (`AftersalesScope.companyWideRoles`: every unit's records). A unit administrator who could
/// give one of them (or reset the password of a user holding one) would escape its unit through that user; only a
/// head-office administrator does. Found by the route matrix: `mgmt_materials` of a sibling unit edits 客服部's
/// warehouses and documents, `qa` of a sibling unit analyses 客服部's complaints.
public enum RoleGrants {
    /// Roles whose powers reach units other than their user's.
    public static var companyWide: Set<Role> { MaterialPermissions.headquarters.union(AftersalesScope.companyWideRoles) }

    /// Whether an administrator with `roles` in the unit at `userPath` may give `granted` (or manage a user holding them).
    public static func mayGrant(_ granted: Set<Role>, byRoles roles: Set<Role>, userPath: String) -> Bool {
        guard roles.contains(.admin) else { return false }
        return OrgPath.isRoot(userPath) || granted.isDisjoint(with: companyWide)
    }
}
