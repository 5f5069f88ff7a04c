/// Who may do what in the material books (SPEC DOC-08, D3, D6, D16, MAT-05). `covers` answers whether the actor's
/// org unit is the warehouse's unit or above it; the caller works it out from the org tree.
/// #10.3: an administrator acts on the warehouses of its unit and below only (the root unit's administrator on all);
/// master data (item codes, suppliers, warehouses) is the head office's.
public enum MaterialPermissions {
    /// 业务管理部 roles that act across departments.
    public static let headquarters: Set<Role> = [.mgmtMaterials, .mgmtPlanner]
    /// Roles that see the material books at all.
    public static let viewers: Set<Role> = [.admin, .mgmtMaterials, .mgmtPlanner, .deptAccountant, .deptPlanner, .deptSupervisor,
                                            .deptManager, .siteKeeper, .siteLead, .production, .procurement]

    /// MAT-05: only 业务管理部 (materials office) adds item codes; also warehouses and suppliers (master data).
    public static func canMaintainMasterData(_ roles: Set<Role>, userPath: String) -> Bool {
        (roles.contains(.admin) && OrgPath.isRoot(userPath)) || roles.contains(.mgmtMaterials)
    }

    /// D16: HQ sees all; department accountants see every department (DOC-08, edit own only); others their own unit and below.
    public static func canView(_ roles: Set<Role>, covers: Bool) -> Bool {
        if !roles.isDisjoint(with: headquarters) || roles.contains(.deptAccountant) { return true }
        if roles.contains(.admin) { return covers }
        return covers && !roles.isDisjoint(with: viewers)
    }

    /// Sees every warehouse (no org filter on lists).
    public static func viewsAll(_ roles: Set<Role>, userPath: String) -> Bool {
        !roles.isDisjoint(with: headquarters) || roles.contains(.deptAccountant) || (roles.contains(.admin) && OrgPath.isRoot(userPath))
    }

    /// DOC-08, D6, D16: create/edit/delete receipts and issues.
    public static func canEditDocuments(_ roles: Set<Role>, covers: Bool) -> Bool {
        if roles.contains(.mgmtMaterials) { return true }
        return covers && (roles.contains(.admin) || roles.contains(.deptAccountant) || roles.contains(.siteKeeper))
    }

    /// DOC-08, D6: audit/un-audit receipts and issues, and each side of a transfer's generated documents.
    public static func canAuditDocuments(_ roles: Set<Role>, covers: Bool) -> Bool {
        if roles.contains(.mgmtMaterials) { return true }
        return covers && (roles.contains(.admin) || roles.contains(.deptAccountant))
    }

    /// TRF-04, TRF-06, D3, D16: create/edit/audit a transfer order. `coversBoth`: the actor's unit covers both warehouses.
    public static func canManageTransfer(_ roles: Set<Role>, crossDepartment: Bool, coversBoth: Bool) -> Bool {
        if !roles.isDisjoint(with: headquarters) { return true }
        if roles.contains(.admin) { return coversBoth }
        if crossDepartment { return false }
        return coversBoth && roles.contains(.deptAccountant)
    }
}
