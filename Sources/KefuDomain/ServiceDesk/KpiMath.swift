/// The arithmetic of the service KPI report (SLA-02, D9, KPI-01), exact: counts and whole seconds in,
/// percentages as decimal text with one digit (rounded half up), never floating point.
public enum KpiMath {
    /// SLA-02: the problem resolution rate must reach at least 90 %.
    public static let resolutionRateTargetPercent = 90

    /// Nearest-rank percentile of sorted values (p in 1...100); nil for no values.
    public static func percentile(_ sorted: [Int64], _ p: Int) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = (p * sorted.count + 99) / 100
        return sorted[max(rank, 1) - 1]
    }

    /// `part / whole` as a percentage with one decimal ("93.4"); nil when `whole` is 0.
    public static func percent(_ part: Int, of whole: Int) -> String? {
        guard whole > 0 else { return nil }
        let tenths = (part * 1000 * 2 + whole) / (whole * 2)
        return String(tenths / 10) + "." + String(tenths % 10)
    }

    /// SLA-02 met: within ÷ due ≥ 90 %, compared exactly (nil when nothing fell due).
    public static func meetsResolutionTarget(resolvedWithin: Int, due: Int) -> Bool? {
        guard due > 0 else { return nil }
        return resolvedWithin * 100 >= resolutionRateTargetPercent * due
    }
}
