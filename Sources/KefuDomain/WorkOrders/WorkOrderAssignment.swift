/// WO-05 [篇15 §4.2]: who a public-facility work order goes to — the person responsible for the area when the unit has
/// named one, otherwise the duty technician on duty now. A household order goes to whoever of the duty technicians
/// accepts it (WO-02), so it is not assigned at issue.
public enum WorkOrderAssignee: Equatable, Sendable {
    case areaResponsible(String)
    case dutyTechnician(String)
    case nobody

    public var userId: String? {
        switch self {
        case .areaResponsible(let id), .dutyTechnician(let id): return id
        case .nobody: return nil
        }
    }

    /// `area` or `duty`, stored with the order; nil for nobody.
    public var source: String? {
        switch self {
        case .areaResponsible: return "area"
        case .dutyTechnician: return "duty"
        case .nobody: return nil
        }
    }
}

public enum WorkOrderAssignment {
    /// Who keeps a unit's area register (area → responsible technician), in their unit and below: its administrators and
    /// the customer-service supervisors and managers whose duty staff issue the orders (SPEC names no engineering
    /// manager role; a decision).
    public static let registerKeepers: Set<Role> = [.admin, .csSupervisor, .csManager]

    /// The longest area name of the register.
    public static let maxAreaLength = 60

    /// The form an area name is matched by: trimmed, inner runs of white space as one space, Latin letters lower-case
    /// ("1号楼 电梯" and " 1号楼  电梯 " are one area).
    public static func areaKey(_ name: String) -> String {
        name.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{3000}" }).joined(separator: " ").lowercased()
    }

    /// WO-05: the area's responsible person first; otherwise the first (by id, so the choice is stable) technician on
    /// duty now; nobody when neither is known (the order waits for a duty technician to accept it, WO-02).
    public static func pick(kind: WorkOrderKind, areaResponsible: String?, techniciansOnDuty: [String]) -> WorkOrderAssignee {
        guard kind == .publicFacility else { return .nobody }
        if let person = areaResponsible { return .areaResponsible(person) }
        if let first = techniciansOnDuty.sorted().first { return .dutyTechnician(first) }
        return .nobody
    }
}
