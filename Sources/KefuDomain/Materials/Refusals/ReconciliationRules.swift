/// STK-08, RPT-07: on the 15th of each month a site reconciles with its business department — books = report (账表),
/// site ledger = department books (账账), books = physical (账实).
public enum ReconciliationRules {
    /// The day the month's reconciliation is made as of: `YYYY-MM-15`; nil for a malformed month.
    public static func asOf(month: String) -> String? {
        let parts = month.split(separator: "-")
        guard month.count == 7, parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (2000...2100).contains(y), (1...12).contains(m) else { return nil }
        return month + "-15"
    }

    /// The three differences of a line (nil where the physical count is not recorded).
    public static func differences(books: Quantity, report: Quantity, siteLedger: Quantity, physical: Quantity?)
        -> (booksVsReport: Quantity, ledgerVsBooks: Quantity, booksVsPhysical: Quantity?) {
        (Quantity(milli: books.milli - report.milli), Quantity(milli: siteLedger.milli - books.milli), physical.map { Quantity(milli: books.milli - $0.milli) })
    }

    /// The latest month whose 15th is `today` (YYYY-MM-DD) or earlier: the month a reconciliation page opens on (STK-08).
    public static func latestMonth(today: String) -> String {
        let parts = today.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return String(today.prefix(7)) }
        var (y, m) = (parts[0], parts[1])
        if parts[2] < 15 { m -= 1; if m == 0 { m = 12; y -= 1 } }
        return String(y) + "-" + (m < 10 ? "0" : "") + String(m)
    }
}
