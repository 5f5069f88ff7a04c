/// Transfers in transit (RPT-11) and the month-end report of negotiated cross-department transfers (TRF-05, RPT-06).
public enum TransferReportRules {
    /// TRF-05: a negotiated transfer's remark states that the business department's manager agreed. The words the
    /// transfer form asks for ("备注（协商调拨须注明业务部经理同意）"): "经理同意", "经理已同意", or in English
    /// "manager agreed" / "manager's consent" (case does not matter).
    public static let consentPhrases = ["经理同意", "经理已同意", "manager agreed", "manager's consent", "manager consent"]

    public static func statesManagerConsent(_ remark: String) -> Bool {
        let lower = remark.lowercased()
        return consentPhrases.contains { lower.contains($0) }
    }

    /// TRF-05, RPT-06: a cross-department transfer whose remark states the manager agreed (an HQ instruction is the
    /// other kind of cross-department transfer, TRF-04, and is not in the report).
    public static func isNegotiated(crossDepartment: Bool, remark: String) -> Bool {
        crossDepartment && statesManagerConsent(remark)
    }

    /// RPT-11: whole days since the out side was audited (the goods left), counted on the calendar in the
    /// organisation's time zone: 0 on the day they left.
    public static func ageInDays(outAuditedOn: CivilDay, today: CivilDay) -> Int {
        max(0, today.number - outAuditedOn.number)
    }

    /// The month `YYYY-MM` as its first and last day, nil when malformed.
    public static func monthRange(_ month: String) -> (first: CivilDay, last: CivilDay)? {
        let parts = month.split(separator: "-")
        guard month.count == 7, parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (2000...2100).contains(y), (1...12).contains(m) else { return nil }
        return (CivilDay(year: y, month: m, day: 1), CivilDay(year: y, month: m, day: CivilDay.daysIn(year: y, month: m)))
    }
}
