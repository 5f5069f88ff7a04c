import Foundation

/// SAT-10 a half year of the owners' opinion survey: "2026-H1" (January–June) or "2026-H2" (July–December).
public struct HalfYear: Sendable, Equatable, Comparable {
    public let year: Int
    public let half: Int

    public init?(year: Int, half: Int) {
        guard (2000...2999).contains(year), half == 1 || half == 2 else { return nil }
        self.year = year
        self.half = half
    }

    /// "2026-H2", "2026H2", "2026 h1"; also "2026年上半年" / "2026年下半年".
    public init?(_ typed: String) {
        let s = UsualInput.halfWidth(typed).uppercased().filter { !$0.isWhitespace }
        let year = Int(s.prefix(4)) ?? 0
        let rest = s.dropFirst(4)
        let half: Int
        switch rest {
        case "-H1", "H1", "年上半年": half = 1
        case "-H2", "H2", "年下半年": half = 2
        default: return nil
        }
        self.init(year: year, half: half)
    }

    /// The half year a month (1–12) falls in.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month) else { return nil }
        self.init(year: year, half: month <= 6 ? 1 : 2)
    }

    public var iso: String { "\(year)-H\(half)" }
    public var zh: String { "\(year)年" + (half == 1 ? "上半年" : "下半年") }

    public static func < (a: HalfYear, b: HalfYear) -> Bool { (a.year, a.half) < (b.year, b.half) }
}

/// SAT-10 the company issues a customer opinion survey every half year and return visits are planned from it
/// [篇12 职责二.5–6]: one round per estate and half year, its response rate and average score, and the owners to visit.
public enum PropertyOpinionRules {
    /// The supervisor arranges the round (职责二.5); the manager above or admin may too.
    public static let starters: Set<Role> = [.csSupervisor, .csManager, .admin]
    /// Paper forms are typed in by anyone who works or reads the estate.
    public static let answerTakers: Set<Role> = PropertyRules.readers

    /// The satisfied mark (SAT-08): 基本满意 or better.
    public static let satisfiedMark = SatisfactionLevel.basicallySatisfied.rawValue

    /// SAT-10 the return-visit plan takes the owners rated below the satisfied mark or who wrote a comment (an opinion,
    /// a request or a complaint to answer).
    public static func needsReturnVisit(overall: Int, comment: String?) -> Bool {
        overall < satisfiedMark || !(comment?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true)
    }

    /// The average overall score (5 很满意 … 1 不满意) in tenths, rounded half up; nil without answers. Exact integers.
    public static func averageTenths(_ scores: [Int]) -> Int? {
        guard !scores.isEmpty else { return nil }
        let sum = scores.reduce(0, +)
        return (sum * 20 + scores.count) / (2 * scores.count)
    }

    /// "4.3"; "—" without answers.
    public static func averageText(_ tenths: Int?) -> String {
        guard let t = tenths else { return "—" }
        return "\(t / 10).\(t % 10)"
    }
}
