/// Damaged parts going back to the production warehouse (SPEC DMG-01..05, RPT-08, STO-08; seed 篇3 §1.5).

/// A registered damaged part: in the site's damaged stock (`registered`), packed in a return batch (`packed`), sent back
/// (`shipped`, DMG-03), received by the production warehouse (`received`).
public enum DamagedPartStatus: String, CaseIterable, Codable, Sendable {
    case registered, packed, shipped, received

    /// Still at the site: counts towards the packed volume awaiting return (DMG-03, RPT-08).
    public var awaitsReturn: Bool { self == .registered || self == .packed }
}

/// A return batch (返修损坏备件清单 as the packing list, DMG-05): packing at the site → shipped → received by production.
public enum DamagedReturnStatus: String, CaseIterable, Codable, Sendable {
    case packing, shipped, received
}

/// DMG-04: the packing checklist, every box ticked before a batch may ship.
public enum DamagedPackingCheck: String, CaseIterable, Codable, Sendable {
    /// 木质包装，不用纸箱或其他软质包装.
    case woodenCrate = "wooden_crate"
    /// 木箱内六面用塑料隔离.
    case plasticLining = "plastic_lining"
    /// 备件与备件之间用瓦楞纸或其他片材隔离.
    case separators
}

/// DMG-03, RPT-08: when a site must send its damaged parts back. Calendar days (the seed says "每15天", not working
/// days), counted in the organisation's time zone from the day of the last shipped return; a site that never returned
/// counts from the day its first part was registered. The packed volume is exact (thousandths of a cubic metre).
public enum DamagedReturnRule {
    /// DMG-03: every 15 days.
    public static let maxDays = 15
    /// DMG-03: 3 m³ packed, in thousandths of a cubic metre (litres).
    public static let maxVolumeMilli: Int64 = 3_000

    public enum Warning: String, CaseIterable, Codable, Sendable {
        /// 15 days or more since the last return (or since the first part, for a site that never returned).
        case days
        /// 3 m³ or more packed and waiting.
        case volume
    }

    /// A site's standing. `lastReturn`: the day its last return shipped, nil if it never returned; `firstRegistered`:
    /// the day its first part was registered; `awaiting`: parts still at the site; `volumeMilli`: their packed volume.
    public struct Standing: Sendable, Equatable {
        public let daysSinceReturn: Int?
        public let warnings: [Warning]
        public var warns: Bool { !warnings.isEmpty }
    }

    /// Days counted from `lastReturn` (or `firstRegistered` when never returned) to `today`; nil when neither exists.
    public static func daysSince(lastReturn: CivilDay?, firstRegistered: CivilDay?, today: CivilDay) -> Int? {
        guard let start = lastReturn ?? firstRegistered else { return nil }
        return max(0, today.number - start.number)
    }

    /// Decision (#13.3): a site with nothing waiting has nothing to send, so the 15-day clock warns only while parts
    /// await return; the volume warns at 3 m³ whatever the days.
    public static func standing(lastReturn: CivilDay?, firstRegistered: CivilDay?, awaiting: Int, volumeMilli: Int64, today: CivilDay) -> Standing {
        let days = daysSince(lastReturn: lastReturn, firstRegistered: firstRegistered, today: today)
        var warnings: [Warning] = []
        if awaiting > 0, let days, days >= maxDays { warnings.append(.days) }
        if volumeMilli >= maxVolumeMilli { warnings.append(.volume) }
        return Standing(daysSinceReturn: days, warnings: warnings)
    }

    /// DMG-04: the checks still missing (in checklist order); empty: the batch may ship.
    public static func missingChecks(_ ticked: Set<DamagedPackingCheck>) -> [DamagedPackingCheck] {
        DamagedPackingCheck.allCases.filter { !ticked.contains($0) }
    }

    public enum Step: String, Sendable { case edit, check, ship, receive }

    /// What a batch in `status` allows: parts and checklist change while packing; shipping leaves packing; production
    /// receives a shipped batch.
    public static func allows(_ step: Step, _ status: DamagedReturnStatus) -> Bool {
        switch step {
        case .edit, .check, .ship: return status == .packing
        case .receive: return status == .shipped
        }
    }

    /// DMG-05: the production warehouse receives the electronic list and the crate; besides the site's own scope, the
    /// production role sees every return batch (it is the one destination).
    public static let receivers: Set<Role> = [.production]

    public static func canSeeBatch(_ roles: Set<Role>, covers: Bool) -> Bool {
        MaterialPermissions.canView(roles, covers: covers) || !roles.isDisjoint(with: receivers)
    }

    /// Who registers and packs: whoever edits the warehouse's documents (the site keeper for its own site, DMG-02).
    public static func canRegister(_ roles: Set<Role>, covers: Bool) -> Bool {
        MaterialPermissions.canEditDocuments(roles, covers: covers)
    }

    /// Production receives (or the HQ materials office on its behalf).
    public static func canReceive(_ roles: Set<Role>) -> Bool {
        !roles.isDisjoint(with: receivers.union([.mgmtMaterials]))
    }
}
