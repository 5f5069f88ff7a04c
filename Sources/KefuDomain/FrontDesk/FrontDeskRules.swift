import Foundation

/// Who works the front desk registers and how their records move (FRD-01..07).
public enum FrontDeskRules {
    /// The desk's staff (服务台), their supervisors and managers, and administrators, in their unit and below.
    public static let workers: Set<Role> = [.frontDesk, .csSupervisor, .csManager, .admin]

    public static func mayWork(roles: Set<Role>, userPath: String, recordPath: String) -> Bool {
        OrgPath.contains(userPath, recordPath) && !roles.isDisjoint(with: workers)
    }

    /// The state a step leads to, nil when the step is not possible there (wrong register or already closed).
    public static func next(_ register: FrontDeskRegister, _ status: FrontDeskStatus, _ step: FrontDeskStep) -> FrontDeskStatus? {
        switch (register, status, step) {
        case (.lostProperty, .held, .claim): return .claimed
        case (.lostProperty, .held, .handOver): return .handedOver
        case (.bagStorage, .stored, .retrieve): return .retrieved
        case (.membershipCard, .applied, .issueCard): return .issued
        default: return nil
        }
    }

    /// Normalises a typed reference (bag tag, receipt number): half-width (NFKC: full-width letters too), upper-case, spaces removed.
    public static func normalisedRef(_ raw: String) -> String {
        UsualInput.halfWidth(raw).precomposedStringWithCompatibilityMapping.uppercased().filter { !$0.isWhitespace }
    }
}

/// FRD-03 lost property. Decision (the seed and SPEC are silent): an item not claimed within 30 days of being found
/// is handed over (to the centre's lost-property office or the police, recorded with who received it); a claim
/// needs the claimant's identity document seen by the desk and its type and number recorded.
public enum LostPropertyRules {
    public static let holdDays = 30

    /// The first day the item may be handed over.
    public static func handOverFrom(foundOn: CivilDay) -> CivilDay { foundOn.adding(days: holdDays) }

    public static func mayHandOver(foundOn: CivilDay, today: CivilDay) -> Bool { today >= handOverFrom(foundOn: foundOn) }

    public enum ClaimProblem: String, Sendable, Equatable {
        case idNotChecked = "id_not_checked"
        case idNumberMissing = "id_number_required"
    }

    /// A claim is accepted only when the desk checked the claimant's ID and recorded its number.
    public static func claimProblem(idChecked: Bool, idNumber: String?) -> ClaimProblem? {
        guard idChecked else { return .idNotChecked }
        guard TextRules.trimmed(idNumber) != nil else { return .idNumberMissing }
        return nil
    }
}

/// FRD-05 bag storage. Decision: the desk closes at 22:00 (the centre's closing time); a bag still stored at closing
/// on the day it was left is overdue and flagged on the list until retrieved.
public enum BagStorageRules {
    public static let closingMinute = 22 * 60

    /// `today`, `minuteOfDay`: the organisation's local now.
    public static func isOverdue(storedOn: CivilDay, today: CivilDay, minuteOfDay: Int) -> Bool {
        today > storedOn || (today == storedOn && minuteOfDay >= closingMinute)
    }

    /// The tag presented matches the one handed out (normalised: full-width digits and spaces do not matter).
    public static func tagMatches(handedOut: String, presented: String) -> Bool {
        let p = FrontDeskRules.normalisedRef(presented)
        return !p.isEmpty && p == FrontDeskRules.normalisedRef(handedOut)
    }
}

/// FRD-04 promotional gifts: the desk's stock, in whole pieces, never negative.
public enum GiftStockRules {
    /// The most pieces one receipt or hand-out moves.
    public static let maxPerMove = 100_000

    /// The balance after handing out `quantity`, nil when the stock does not cover it.
    public static func balanceAfterHandout(balance: Int, quantity: Int) -> Int? {
        guard quantity > 0, quantity <= balance else { return nil }
        return balance - quantity
    }
}

/// FRD-02: an invoice amount in yuan, exact: "3,500" → "3500.00", "12.5" → "12.50"; nil for anything that is not a
/// non-negative amount with at most two decimals (never goes through a binary float).
public enum FrontDeskMoney {
    public static func normalised(_ typed: String) -> String? {
        guard let n = UsualInput.number(typed) else { return nil }
        let parts = n.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 10, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        let frac = parts.count == 2 ? String(parts[1]) : ""
        guard frac.count <= 2, frac.allSatisfy(\.isASCIIDigit), parts.count == 1 || !frac.isEmpty, let w = Int(whole) else { return nil }
        return String(w) + "." + frac + String(repeating: "0", count: 2 - frac.count)
    }
}
