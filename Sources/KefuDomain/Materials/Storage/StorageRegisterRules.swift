/// The storage registers (篇3 §1.4.1, §1.4.3): what each kind records and requires.
public enum StorageRegisterKind: String, CaseIterable, Codable, Sendable {
    /// STO-06: a maintenance or rust treatment done on stock (an item, usually a batch of it).
    case maintenance
    /// STO-07: a person or vehicle entering the warehouse.
    case access
    /// STO-09: a safety check (lights, wiring, switches, fire equipment; fire, theft, damp, rust, pests, dust,
    /// explosion, leakage) with its findings and fixes.
    case safety
    /// STO-09: the daily cleaning.
    case cleaning

    /// Fields an entry of this kind must carry besides warehouse and date.
    public var required: [StorageRegisterField] {
        switch self {
        case .maintenance: return [.item, .subject]
        case .access: return [.subject, .finding]
        case .safety: return [.subject, .finding]
        case .cleaning: return [.subject]
        }
    }
}

public enum StorageRegisterField: String, Sendable {
    /// maintenance: what was done; access: who / which vehicle; safety: what was checked; cleaning: the area.
    case subject
    /// access: the purpose; safety: the findings ("none" when all is well).
    case finding
    case item
}

public enum StorageRegisterRules {
    /// STO-06: the next maintenance of a batch after one done on `doneOn`, with the item's cycle; nil without a cycle.
    public static func nextMaintenance(doneOn: String, cycleDays: Int?) -> String? {
        guard let cycleDays, let day = CivilDay(iso: doneOn) else { return nil }
        return day.adding(days: cycleDays).iso
    }

    /// STO-06: a batch is due for maintenance when its due day is on or before `today` + `aheadDays`.
    public static func isDue(_ due: String?, today: String, aheadDays: Int = 7) -> Bool {
        guard let due, let d = CivilDay(iso: due), let t = CivilDay(iso: today) else { return false }
        return d <= t.adding(days: aheadDays)
    }

    /// A safety finding must say how it was fixed (or that the fix is pending) when it is not "all well".
    public static func needsFix(kind: StorageRegisterKind, finding: String, fix: String) -> Bool {
        kind == .safety && !finding.isEmpty && !allWell.contains(finding.lowercased()) && fix.isEmpty
    }

    /// What a check with nothing found is written as.
    public static let allWell: Set<String> = ["无", "正常", "无异常", "none", "ok", "all well"]
}
