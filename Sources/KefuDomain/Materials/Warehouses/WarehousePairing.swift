/// MAT-02: every unit that keeps stock — each 业务部 and each 现场, and any other unit holding an active warehouse —
/// has both a good-parts (完好品库) and a damaged-parts (损坏品库) warehouse.
public enum WarehousePairing {
    /// Whether a unit must hold both warehouses: business departments and sites always; any other unit once it holds
    /// an active warehouse (it keeps stock then).
    public static func keepsStock(unitKind: String, holdsActiveWarehouse: Bool) -> Bool {
        unitKind == OrgUnitKind.business.rawValue || unitKind == OrgUnitKind.site.rawValue || holdsActiveWarehouse
    }

    /// The conditions a unit lacks among its active warehouses (empty: it complies).
    public static func missing(_ active: Set<WarehouseCondition>) -> [WarehouseCondition] {
        WarehouseCondition.allCases.filter { !active.contains($0) }
    }

    /// Issue #12 decision: deactivating a unit's last active damaged-parts warehouse is refused while the unit still keeps
    /// an active good-parts one — its damaged parts would have nowhere to go (STO-08 keeps them apart). Everything else
    /// is allowed (a unit closing down deactivates its good warehouse first, then the damaged one) and any breach it
    /// leaves is shown as a warning on the warehouse pages and in the check.
    /// - `remaining`: the conditions of the unit's other active warehouses.
    public static func refusesDeactivation(of condition: WarehouseCondition, remaining: [WarehouseCondition]) -> Bool {
        condition == .damaged && !remaining.contains(.damaged) && remaining.contains(.good)
    }

    /// Who reads the MAT-02 check: the HQ materials office (every unit), department accountants and administrators (their
    /// unit and below; an administrator of the head office, every unit).
    public static let readers: Set<Role> = [.mgmtMaterials, .deptAccountant, .admin]

    public static func mayRead(_ roles: Set<Role>) -> Bool { !roles.isDisjoint(with: readers) }

    /// Whether the reader sees every unit (else the units at or below its own).
    public static func seesEveryUnit(_ roles: Set<Role>, userPath: String) -> Bool {
        roles.contains(.mgmtMaterials) || (roles.contains(.admin) && OrgPath.isRoot(userPath))
    }
}
