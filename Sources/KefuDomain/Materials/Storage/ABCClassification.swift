/// STO-02 (#12 §4): ABC classes computed from the issues of a period, proposed and applied on confirmation by HQ.
///
/// Decisions (#12 storage2, the seed names ABC classing without a measure or thresholds):
/// - Kefu keeps no prices, so issue *value* cannot be measured; items are ranked by issue *frequency* (issue lines
///   posted in the period, an un-audit taking its line back), ties by issued quantity, then item code. Frequency is also
///   what STO-02 asks the class for: high-throughput goods are floor-stacked, slow movers shelved.
/// - Only consumption counts: 领用出库 (self_use), 返修出库 (repair_return), 报废出库 (scrap) — not transfers or
///   stocktake losses, which move stock without using it.
/// - An item is A while the issues ranked before it are below `a` % of all issues, B below `b` %, else C (the first
///   item is therefore always A); an item with no issues is C. Defaults A 80 %, B 95 % (the Pareto split).
public enum ABCClassification {
    /// Cumulative shares in whole percent, 0 < a < b ≤ 100.
    public struct Thresholds: Sendable, Equatable, Codable {
        public let a: Int
        public let b: Int
        public init(a: Int, b: Int) { self.a = a; self.b = b }
        public static let standard = Thresholds(a: 80, b: 95)
        public var isValid: Bool { a > 0 && a < b && b <= 100 }
    }

    /// One item's use in the period.
    public struct Usage: Sendable, Equatable {
        public let itemId: String
        public let code: String
        /// Issue lines posted (net of reversals).
        public let issues: Int
        /// Thousandths issued (net).
        public let quantity: Int64
        public init(itemId: String, code: String, issues: Int, quantity: Int64) {
            self.itemId = itemId; self.code = code; self.issues = issues; self.quantity = quantity
        }
    }

    public struct Ranked: Sendable, Equatable {
        public let usage: Usage
        /// This item's share of all issues, in basis points (1/100 %), rounded down.
        public let shareBasisPoints: Int
        /// Issues of this item and all ranked before it, in basis points, rounded down.
        public let cumulativeBasisPoints: Int
        public let proposed: ABCClass
    }

    /// The items in rank order with their shares and proposed class.
    public static func classify(_ usages: [Usage], thresholds: Thresholds = .standard) -> [Ranked] {
        let ordered = usages.sorted { x, y in
            let a = max(0, x.issues), b = max(0, y.issues)
            if a != b { return a > b }
            if x.quantity != y.quantity { return x.quantity > y.quantity }
            return x.code < y.code
        }
        let total = ordered.reduce(0) { $0 + max(0, $1.issues) }
        var before = 0
        return ordered.map { u in
            let n = max(0, u.issues)
            let proposed: ABCClass
            if n == 0 || total == 0 { proposed = .C }
            else if before * 100 < thresholds.a * total { proposed = .A }
            else if before * 100 < thresholds.b * total { proposed = .B }
            else { proposed = .C }
            before += n
            return Ranked(usage: u, shareBasisPoints: total == 0 ? 0 : n * 10_000 / total,
                          cumulativeBasisPoints: total == 0 ? 0 : before * 10_000 / total, proposed: proposed)
        }
    }

    /// "12.34" for 1234 basis points.
    public static func percentText(_ basisPoints: Int) -> String {
        let tail = basisPoints % 100
        return "\(basisPoints / 100).\(tail < 10 ? "0" : "")\(tail)"
    }
}
