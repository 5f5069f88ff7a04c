/// STK-01/02: how often a warehouse must be counted and whether its count is due. A site's warehouses are counted every
/// month (STK-02, which also covers the quarterly count of STK-01 for them); a business department's own warehouses
/// every quarter (STK-01). Dates are "yyyy-MM-dd" in the business time zone.
public enum StocktakeCadence: String, Codable, Sendable {
    case monthly, quarterly

    /// The state of a warehouse's count for the period `today` lies in.
    public enum Due: String, Codable, Sendable {
        /// Counted in the current period.
        case done
        /// Not yet counted in the current period, but the previous period was counted: the count is due by period end.
        case due
        /// The previous period (or every period so far) went by without a count.
        case overdue
    }

    /// STK-01/02: a department's own warehouse is counted quarterly, a site's monthly.
    public static func of(departmentWarehouse: Bool) -> StocktakeCadence {
        departmentWarehouse ? .quarterly : .monthly
    }

    /// The period index of a date (months or quarters since year 0), or nil when the date is not "yyyy-MM-dd".
    public func period(_ date: String) -> Int? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        switch self {
        case .monthly: return year * 12 + (month - 1)
        case .quarterly: return year * 4 + (month - 1) / 3
        }
    }

    /// The last day ("yyyy-MM-dd") of the period `today` lies in: the count of this period is due by then (STK-01/02).
    public func periodEnd(_ today: String) -> String? {
        guard let p = period(today) else { return nil }
        let (year, lastMonth) = self == .monthly ? (p / 12, p % 12 + 1) : (p / 4, (p % 4) * 3 + 3)
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][lastMonth - 1]
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(lastMonth, 2))-\(pad(days, 2))"
    }

    /// Whether the warehouse last counted on `lastCount` (nil: never) has its count done, due or overdue on `today`.
    public func due(lastCount: String?, today: String) -> Due {
        guard let now = period(today) else { return .due }
        guard let last = lastCount.flatMap(period) else { return .overdue }
        if last >= now { return .done }
        return last == now - 1 ? .due : .overdue
    }
}
