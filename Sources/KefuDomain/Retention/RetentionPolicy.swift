import Foundation

/// #17.6 RET-01..RET-03 "configurable upward": an administrator may keep a kind of record longer than the SPEC
/// period, never shorter. The SPEC period (`RetentionRules.years`) is the floor; the effective period is the larger of
/// the floor and what was configured. Pure: the platform stores the configured years and passes them in.
public struct RetentionPolicy: Sendable, Equatable {
    /// The longest period an administrator may set, in years (a decision: SPEC names no ceiling; 30 years covers every
    /// archive rule the seed procedures mention and keeps a typing slip such as 300 from locking records for ever).
    public static let maximumYears = 30

    /// Kind → the years an administrator configured (absent: none, the floor applies).
    public let configured: [RetainedKind: Int]

    public init(configured: [RetainedKind: Int] = [:]) { self.configured = configured }

    /// The SPEC floor of `kind` (RET-01: 3 years, RET-02: 2 years, RET-03: the decided 3 years).
    public static func floor(_ kind: RetainedKind) -> Int { RetentionRules.years(kind) }

    /// The period in force: never below the floor, even if a stored value somehow is.
    public func years(_ kind: RetainedKind) -> Int { max(Self.floor(kind), configured[kind] ?? 0) }

    public enum Refusal: Error, Equatable, Sendable {
        /// Below the SPEC floor of the kind (`retention_below_floor`).
        case belowFloor(floor: Int)
        /// Above `maximumYears` (`retention_above_maximum`).
        case aboveMaximum(maximum: Int)
    }

    /// Whether `years` may be configured for `kind`: whole years from the floor up to `maximumYears`.
    public static func validate(_ kind: RetainedKind, years: Int) -> Refusal? {
        if years < floor(kind) { return .belowFloor(floor: floor(kind)) }
        if years > maximumYears { return .aboveMaximum(maximum: maximumYears) }
        return nil
    }

    /// The last closing day whose records of `kind` may be archived on `today` under this policy.
    public func cutoff(_ kind: RetainedKind, today: CivilDay) -> CivilDay { RetentionRules.cutoff(years: years(kind), today: today) }

    /// The last day a record of `kind` closed on `closedOn` is kept under this policy.
    public func keptUntil(_ kind: RetainedKind, closedOn: CivilDay) -> CivilDay { RetentionRules.keptUntil(years: years(kind), closedOn: closedOn) }

    /// RET-04 under this policy: past the effective period and not under an active legal hold.
    public func mayArchive(_ kind: RetainedKind, closedOn: CivilDay?, today: CivilDay, held: Bool = false) -> Bool {
        RetentionRules.mayArchive(years: years(kind), closedOn: closedOn, today: today, held: held)
    }
}

/// #17.6 RET-04 legal holds: an administrator puts a hold on one record (kind and id) with a reason and, if known, the
/// last day it runs; while it is active the record is neither listed as "may be archived", nor archived, nor deleted,
/// whatever its period says. Released with a reason. Pure rules; the platform stores the holds.
public enum LegalHoldRules {
    public static let maximumReasonLength = 500

    public enum Refusal: Error, Equatable, Sendable {
        /// No reason was given (`hold_reason_required`, `release_reason_required`).
        case reasonRequired
        /// The reason is longer than `maximumReasonLength`.
        case reasonTooLong
        /// The last day of the hold lies before today (`hold_until_past`).
        case untilInThePast
        /// The hold is released already (`hold_released`).
        case alreadyReleased
    }

    /// A hold is active from when it is placed until it is released, or through its last day (inclusive) if it has one.
    public static func isActive(releasedAt: Int64?, until: CivilDay?, today: CivilDay) -> Bool {
        guard releasedAt == nil else { return false }
        guard let until else { return true }
        return today <= until
    }

    /// What a new hold must carry: a reason; a last day, if given, not before today.
    public static func validatePlace(reason: String, until: CivilDay?, today: CivilDay) -> Refusal? {
        let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if r.isEmpty { return .reasonRequired }
        if r.count > maximumReasonLength { return .reasonTooLong }
        if let until, until < today { return .untilInThePast }
        return nil
    }

    /// A release must carry a reason and find the hold not yet released (an expired hold may still be released, for the record).
    public static func validateRelease(reason: String, releasedAt: Int64?) -> Refusal? {
        let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if releasedAt != nil { return .alreadyReleased }
        if r.isEmpty { return .reasonRequired }
        if r.count > maximumReasonLength { return .reasonTooLong }
        return nil
    }
}
