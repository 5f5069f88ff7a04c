/// #11.1: the ticket numbers a query can mean. Numbers run per year (`TicketRules.number`), so "4" or "000004" is the
/// fourth ticket of any recent year, newest year first; "KF2026-4" is KF2026-000004.
extension TicketRules {
    /// How many years back a bare running number reaches.
    public static let yearsSearchedByRunningNumber = 10

    public static func numbers(for query: FindQuery, currentYear: Int) -> [String] {
        if let n = query.number, n.prefix == "KF" { return [number(year: n.year, sequence: n.sequence)] }
        guard let sequence = query.sequence, sequence > 0 else { return [] }
        return (0..<yearsSearchedByRunningNumber).map { number(year: currentYear - $0, sequence: sequence) }
    }
}
