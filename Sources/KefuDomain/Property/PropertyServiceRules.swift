import Foundation

/// Property service quality rules (#14 item 2: CMP-15, PRP-09, RPT-10).
public enum PropertyComplaintClosing {
    /// CMP-15: a complaint of a property organisation counts as done only with recorded handling and a return visit
    /// (both 100 %); other organisations close as the complaint loop says. Nil when closing may go ahead.
    public static func refusal(propertyOrganisation: Bool, handlingRecorded: Bool, returnVisitRecorded: Bool) -> FlowRefusal? {
        guard propertyOrganisation else { return nil }
        if !handlingRecorded { return FlowRefusal("handling_missing") }
        if !returnVisitRecorded { return FlowRefusal("return_visit_missing") }
        return nil
    }
}

/// RPT-10: a rate with a 100 % target (complaint handling, return visits): part / whole, shown to one decimal.
public struct FullTargetRate: Sendable, Equatable {
    public let part: Int
    public let whole: Int

    public init(part: Int, whole: Int) {
        self.part = part
        self.whole = whole
    }

    /// Tenths of a percent rounded half-up; nil when there was nothing to count.
    public var permille: Int? {
        guard whole > 0, part >= 0 else { return nil }
        return (part * 2_000 + whole) / (2 * whole)
    }

    /// "87.5%"; "—" when there was nothing to count.
    public var text: String {
        guard let p = permille else { return "—" }
        return "\(p / 10).\(p % 10)%"
    }

    /// CMP-15: the target is every one (a period with none counts as met: nothing was left undone).
    public var met: Bool { part >= whole }
}

/// PRP-09: the report's period — a month (month-end statistics, the monthly report) or a year (the annual report).
public enum ServiceReportPeriod: Sendable, Equatable {
    case month(BillingMonth)
    case year(Int)

    /// "2026-11" or "2026".
    public init?(_ typed: String) {
        let s = UsualInput.halfWidth(typed).trimmingCharacters(in: .whitespaces)
        if s.count == 4 || (s.count == 5 && s.hasSuffix("年")) {
            guard let y = Int(s.prefix(4)), (2000...2999).contains(y) else { return nil }
            self = .year(y)
        } else if let m = BillingMonth(s) {
            self = .month(m)
        } else {
            return nil
        }
    }

    public var key: String {
        switch self {
        case .month(let m): m.iso
        case .year(let y): String(y)
        }
    }

    /// The first and last month the period covers.
    public var months: (first: BillingMonth, last: BillingMonth) {
        switch self {
        case .month(let m): (m, m)
        case .year(let y): (BillingMonth(year: y, month: 1), BillingMonth(year: y, month: 12))
        }
    }
}
