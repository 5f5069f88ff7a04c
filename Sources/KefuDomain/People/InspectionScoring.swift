import Foundation

/// Quality inspection standards and scores (#15.5; SPEC KPI-03, seed 篇14 .4 质检标准). Pure rules: who keeps the
/// standards and who inspects; an item's weight; the weights of a standard total exactly 100; the weighted total of an
/// inspection, exact, with two decimals. Weights and totals are kept as whole hundredths (25.5 → 2550): no Double.
public enum InspectionScoring {
    /// What a standard inspects: a ticket of the service desk or a telephone call (KPI-03).
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case ticket, call
    }

    public enum StandardStatus: String, CaseIterable, Codable, Sendable {
        case active, retired
    }

    // MARK: roles

    /// KPI-03: the standards are kept by quality inspection (质检), the customer-service manager and administrators, each
    /// for its unit and below.
    public static let standardKeepers: Set<Role> = [.admin, .qa, .csManager]
    /// KPI-03: who scores tickets and calls: the quality inspectors, the customer-service supervisor and manager.
    public static let inspectors: Set<Role> = [.admin, .qa, .csSupervisor, .csManager]

    // MARK: weights

    /// A standard has 1…30 items.
    public static let maximumItems = 30
    /// The weights of a standard total 100.00, i.e. 10 000 hundredths.
    public static let fullWeight = 10_000

    /// A weight typed as "25", "12.5", "33.33" (full-width digits and "," grouping accepted by the caller's
    /// `UsualInput.number`): more than 0, at most 100, at most two decimals; in hundredths. Nil otherwise.
    public static func weightHundredths(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 3, parts[0].allSatisfy(\.isASCIIDigitOnly) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigitOnly), parts.count == 1 || !fraction.isEmpty else { return nil }
        while fraction.count < 2 { fraction += "0" }
        guard let whole = Int(parts[0]), let cents = Int(fraction) else { return nil }
        let value = whole * 100 + cents
        return (1...fullWeight).contains(value) ? value : nil
    }

    public enum WeightRefusal: String, Sendable, Equatable {
        /// No item, or more than `maximumItems`.
        case itemCount = "item_count"
        /// The weights do not total exactly 100.
        case notHundred = "weights_not_100"
    }

    /// KPI-03: a standard's weights (in hundredths, each already valid) total exactly 100.
    public static func check(weights: [Int]) -> WeightRefusal? {
        guard (1...maximumItems).contains(weights.count) else { return .itemCount }
        return weights.reduce(0, +) == fullWeight ? nil : .notHundred
    }

    // MARK: scores

    /// Each item is scored as a whole number 0…100 (100 = fully met; a pass/fail item is scored 100 or 0).
    public static func isValidScore(_ score: Int) -> Bool { (0...100).contains(score) }

    /// The weighted total in hundredths of a point (0…10 000): Σ score × weight / 100, rounded half up to the
    /// hundredth. `scores` and `weights` (hundredths) are paired by position.
    public static func totalHundredths(scores: [Int], weights: [Int]) -> Int {
        let sum = zip(scores, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return (sum + 50) / 100
    }

    /// The mean of totals (hundredths), rounded half up to the hundredth; nil without any.
    public static func meanHundredths(_ totals: [Int]) -> Int? {
        guard !totals.isEmpty else { return nil }
        let n = totals.count
        return (totals.reduce(0, +) * 2 + n) / (2 * n)
    }

    /// Hundredths as an exact decimal (8750 → 87.5).
    public static func decimal(_ hundredths: Int) -> Decimal { Decimal(hundredths) / 100 }

    /// Hundredths as text with two decimals (8750 → "87.50", 10000 → "100.00").
    public static func text(_ hundredths: Int) -> String {
        let cents = String(hundredths % 100)
        return String(hundredths / 100) + "." + (cents.count == 1 ? "0" + cents : cents)
    }
}

private extension Character {
    var isASCIIDigitOnly: Bool { ("0"..."9").contains(self) }
}
