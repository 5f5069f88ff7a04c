import Foundation

/// SAT-10 a calendar quarter, the period of the supervisor's visits to residents: "2026-Q4" (October–December).
public struct VisitQuarter: Sendable, Equatable, Comparable {
    public let year: Int
    public let quarter: Int

    public init?(year: Int, quarter: Int) {
        guard (2000...2999).contains(year), (1...4).contains(quarter) else { return nil }
        self.year = year
        self.quarter = quarter
    }

    /// The quarter a day falls in.
    public init(_ day: CivilDay) {
        let c = day.components
        year = c.year
        quarter = (c.month - 1) / 3 + 1
    }

    /// "2026-Q4", "2026Q4", "2026 q4"; also "2026年第四季度" / "2026年第4季度".
    public init?(_ typed: String) {
        let s = UsualInput.halfWidth(typed).uppercased().filter { !$0.isWhitespace }
        guard let year = Int(s.prefix(4)) else { return nil }
        let rest = String(s.dropFirst(4))
        let table: [String: Int] = ["-Q1": 1, "Q1": 1, "-Q2": 2, "Q2": 2, "-Q3": 3, "Q3": 3, "-Q4": 4, "Q4": 4,
                                    "年第一季度": 1, "年第二季度": 2, "年第三季度": 3, "年第四季度": 4,
                                    "年第1季度": 1, "年第2季度": 2, "年第3季度": 3, "年第4季度": 4]
        guard let q = table[rest] else { return nil }
        self.init(year: year, quarter: q)
    }

    public var first: CivilDay { CivilDay(year: year, month: (quarter - 1) * 3 + 1, day: 1) }
    public var last: CivilDay {
        let month = quarter * 3
        return CivilDay(year: year, month: month, day: CivilDay.daysIn(year: year, month: month))
    }

    public var iso: String { "\(year)-Q\(quarter)" }
    public var zh: String { "\(year)年第\(["一", "二", "三", "四"][quarter - 1])季度" }

    public static func < (a: VisitQuarter, b: VisitQuarter) -> Bool { (a.year, a.quarter) < (b.year, b.quarter) }
}

/// SAT-10 what became of what was heard on a visit: nothing to do, a follow-up open with its owner, the follow-up closed.
public enum VisitFollowUpStatus: String, CaseIterable, Codable, Sendable {
    case none, open, closed
}

/// SAT-10 "the supervisor periodically visits residents for opinions" [篇12 职责二.5–6]. The seed does not say how
/// often; Kefu plans it per building and quarter: every building of an estate that has units is visited at least once
/// in each calendar quarter (so each of the half-yearly opinion rounds has two visit periods beside it).
public enum PropertyVisitRules {
    /// The supervisor visits (职责二.5); the CS manager above or admin may record one too.
    public static let visitors: Set<Role> = [.csSupervisor, .csManager, .admin]
    /// A follow-up is closed by whoever works or reads the estate (its owner is often the property CS admin).
    public static let followUpClosers: Set<Role> = PropertyRules.readers

    public static func may(_ allowed: Set<Role>, roles: Set<Role>, userPath: String, recordPath: String) -> Bool {
        OrgPath.contains(userPath, recordPath) && !roles.isDisjoint(with: allowed)
    }

    /// SAT-10 the follow-up state a visit starts in: open when something is to be done, else none.
    public static func initialFollowUp(needed: Bool) -> VisitFollowUpStatus { needed ? .open : .none }

    /// SAT-10 only an open follow-up is closed.
    public static func mayCloseFollowUp(_ status: VisitFollowUpStatus) -> Bool { status == .open }

    /// SAT-10 the visits-due rule: the buildings (with units) not visited in the quarter, in the order given.
    public static func buildingsDue(buildings: [String], visited: Set<String>) -> [String] {
        var seen = Set<String>()
        return buildings.filter { !visited.contains($0) && seen.insert($0).inserted }
    }
}

/// SAT-10 an owner forum (业主座谈会): planned, then held (with its minutes), then closed once every resolution taken
/// there is closed; or cancelled (with a reason) before it is held.
public enum ForumStatus: String, CaseIterable, Codable, Sendable {
    case planned, held, closed, cancelled
}

/// SAT-10 the steps on a forum after it is planned.
public enum ForumAction: String, CaseIterable, Sendable {
    case hold, addResolution, closeResolution, close, cancel
}

/// SAT-10 why a forum step is refused.
public enum ForumRefusal: String, Equatable, Sendable {
    /// The step is not open from the forum's state (409 invalid_transition).
    case invalidTransition
    /// Holding a forum needs its minutes (422 on `minutes`).
    case minutesRequired
    /// Cancelling needs a reason (422 on `reason`).
    case reasonRequired
    /// A forum closes only when every resolution is closed (409 resolutions_open).
    case resolutionsOpen
    /// A forum is recorded as held on or after its day, never before (409 not_yet_held).
    case notYetHeld
}

/// SAT-10 who plans and runs owner forums, and the forum's state machine.
public enum PropertyForumRules {
    /// The supervisor holds the forums (职责二.6); the CS manager above or admin too.
    public static let hosts: Set<Role> = [.csSupervisor, .csManager, .admin]
    /// A resolution is closed by whoever works or reads the estate (its owner is often the property CS admin).
    public static let resolutionClosers: Set<Role> = PropertyRules.readers

    /// The state after `action` from `status`, nil when the step is not open. Resolutions are taken and closed while
    /// the forum is held.
    public static func next(_ status: ForumStatus, _ action: ForumAction) -> ForumStatus? {
        switch (status, action) {
        case (.planned, .hold): return .held
        case (.planned, .cancel): return .cancelled
        case (.held, .addResolution), (.held, .closeResolution): return .held
        case (.held, .close): return .closed
        default: return nil
        }
    }

    /// The refusal of a step, nil when it may be taken: the state first, then what the step needs.
    public static func refusal(_ status: ForumStatus, _ action: ForumAction, minutes: String? = nil, reason: String? = nil,
                               openResolutions: Int = 0, heldOn: CivilDay? = nil, today: CivilDay? = nil) -> ForumRefusal? {
        guard next(status, action) != nil else { return .invalidTransition }
        if action == .hold, let heldOn, let today, heldOn > today { return .notYetHeld }
        switch action {
        case .hold where minutes?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true: return .minutesRequired
        case .cancel where reason?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true: return .reasonRequired
        case .close where openResolutions > 0: return .resolutionsOpen
        default: return nil
        }
    }
}
