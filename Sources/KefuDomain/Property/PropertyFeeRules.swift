import Foundation

/// PRP-03 fee tables: the kinds of fee a property service centre bills, and how a kind's amount is computed.
public enum PropertyFeeKind: String, CaseIterable, Codable, Sendable {
    /// 物业费: building area × monthly rate per m².
    case propertyFee = "property_fee"
    /// 公摊费用: the estate's shared public cost, per unit by area share or a fixed amount.
    case publicCost = "public_cost"
    /// 特约服务费: a fixed amount per unit.
    case specialService = "special_service"
}

/// How a fee line's amount is computed (PRP-03).
public enum PropertyFeeBasis: String, CaseIterable, Codable, Sendable {
    /// rate (yuan per m² per month, up to 4 decimals) × building area × months.
    case perArea = "per_area"
    /// the month's total (fen) split by the unit's share of the area of the units it applies to.
    case areaShare = "area_share"
    /// a fixed amount (fen) per unit per month.
    case fixed
}

/// PRP-06 the use of a unit.
public enum PropertyUnitUse: String, CaseIterable, Codable, Sendable {
    case residential, shop, vacant
}

/// PRP-06 who lives in or uses a unit.
public enum PropertyOccupantKind: String, CaseIterable, Codable, Sendable {
    case owner, tenant
}

/// PRP-01 how a payment came in.
public enum PropertyPaymentMethod: String, CaseIterable, Codable, Sendable {
    case cash, wechat, alipay, bank
}

/// PRP-01 how arrears were chased (催缴).
public enum PropertyChaseMethod: String, CaseIterable, Codable, Sendable {
    case phone, visit, notice, sms, wechat
}

/// Building areas in m² with at most two decimals, kept as integer hundredths of a m² (exact, never a float).
public enum PropertyArea {
    public static let maxCenti: Int64 = 100_000_000 // 1,000,000 m²

    /// "89.5", "89.50 ㎡", "1,203.25" → hundredths of m²; nil for more than two decimals, signs, zero or other text.
    public static func centi(_ typed: String) -> Int64? {
        var t = UsualInput.halfWidth(typed)
        for suffix in ["平方米", "平米", "m²", "m2", "㎡"] where t.hasSuffix(suffix) { t = String(t.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces) }
        guard let v = Yuan.fen(t), v > 0, v <= maxCenti else { return nil }
        return v
    }

    public static func text(_ centi: Int64) -> String { Yuan.text(centi) }
}

/// A rate in yuan with up to four decimals (物业费 1.8500 元/m²·月), kept as integer ten-thousandths of a yuan.
public enum PropertyRate {
    /// 1,000 yuan per m² per month: area × rate × 2 stays far inside 64 bits in the generator's SQL.
    public static let maxE4: Int64 = 10_000_000

    /// "1.85" → 18500, "2.3456" → 23456; nil for more than four decimals, signs or other text.
    public static func e4(_ typed: String) -> Int64? {
        var t = UsualInput.number(UsualInput.halfWidth(typed)) ?? ""
        if t.hasSuffix("元") { t.removeLast() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 6, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 4, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
        fraction += String(repeating: "0", count: 4 - fraction.count)
        guard let whole = Int64(parts[0]), let frac = Int64(fraction) else { return nil }
        let v = whole * 10_000 + frac
        return v <= maxE4 ? v : nil
    }

    /// 18500 → "1.85" (at least two decimals, trailing zeros beyond them dropped).
    public static func text(_ e4: Int64) -> String {
        var frac = String(e4 % 10_000)
        frac = String(repeating: "0", count: 4 - frac.count) + frac
        while frac.count > 2, frac.hasSuffix("0") { frac.removeLast() }
        return "\(e4 / 10_000).\(frac)"
    }
}

/// The amount of a fee line (PRP-01, PRP-03), in integer fen, rounded half-up to the fen. The notice generator's
/// SQL computes the same figures set-based (`(x + d/2) / d` on non-negative integers); these are the rules it follows.
public enum PropertyFeeRules {
    /// Half-up integer division of non-negative numbers.
    public static func divideHalfUp(_ n: Int64, _ d: Int64) -> Int64 {
        precondition(d > 0 && n >= 0)
        return (n * 2 + d) / (d * 2)
    }

    /// 物业费: area (hundredths of m²) × rate (ten-thousandths of a yuan per m² per month) × months → fen.
    /// area × rate is in 10⁻⁶ yuan = 10⁻⁴ fen.
    public static func perArea(areaCenti: Int64, rateE4: Int64, months: Int = 1) -> Int64 {
        divideHalfUp(areaCenti * rateE4 * Int64(months), 10_000)
    }

    /// 公摊 by area share: the month's total × unit area / total area of the units it applies to. Decision (SPEC is
    /// silent): each unit's share is rounded on its own, so the shares may differ from the total by a few fen.
    public static func areaShare(totalFen: Int64, areaCenti: Int64, totalAreaCenti: Int64) -> Int64 {
        guard totalAreaCenti > 0 else { return 0 }
        return divideHalfUp(totalFen * areaCenti, totalAreaCenti)
    }

    public static func amount(basis: PropertyFeeBasis, rateE4: Int64, amountFen: Int64, areaCenti: Int64, totalAreaCenti: Int64, months: Int = 1) -> Int64 {
        switch basis {
        case .perArea: return perArea(areaCenti: areaCenti, rateE4: rateE4, months: months)
        case .areaShare: return areaShare(totalFen: amountFen, areaCenti: areaCenti, totalAreaCenti: totalAreaCenti) * Int64(months)
        case .fixed: return amountFen * Int64(months)
        }
    }

    /// Which basis each kind allows: the property fee goes by area, the shared cost by share or fixed, special services fixed.
    public static func allows(_ kind: PropertyFeeKind, _ basis: PropertyFeeBasis) -> Bool {
        switch kind {
        case .propertyFee: return basis == .perArea
        case .publicCost: return basis == .areaShare || basis == .fixed
        case .specialService: return basis == .fixed
        }
    }
}

/// PRP-01 a payment against a notice may be partial; more than the notice still owes is refused. Decision (SPEC is
/// silent): a payment settles the notice's lines in their order (property fee, shared cost, special services), each
/// line in full before the next, so the collection rate per fee type follows from the lines.
public enum PropertyPaymentRules {
    /// The amount put on each line, or nil when the amount is not positive or exceeds what is owed.
    public static func allocate(_ amount: Int64, outstanding: [Int64]) -> [Int64]? {
        guard amount > 0, amount <= outstanding.reduce(0, +) else { return nil }
        var left = amount
        return outstanding.map { owed in
            let put = min(max(owed, 0), left)
            left -= put
            return put
        }
    }
}

/// A billing month "2026-12" (PRP-01).
public struct BillingMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// "2026-12", "2026/12", "2026年12月", "202612".
    public init?(_ typed: String) {
        var s = UsualInput.halfWidth(typed)
        if s.hasSuffix("月") { s.removeLast() }
        s = s.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        var y: Int?, m: Int?
        if parts.count == 1, s.count == 6 {
            y = Int(s.prefix(4))
            m = Int(s.suffix(2))
        } else if parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count) {
            y = Int(parts[0])
            m = Int(parts[1])
        } else {
            return nil
        }
        guard let y, let m, (2000...2999).contains(y), (1...12).contains(m) else { return nil }
        self.init(year: y, month: m)
    }

    public var iso: String { String(format: "%04d-%02d", year, month) }
    /// "202612", as in the notice number.
    public var compact: String { String(format: "%04d%02d", year, month) }
    public var description: String { iso }
    public var index: Int { year * 12 + (month - 1) }
    public var quarter: Int { (month - 1) / 3 + 1 }

    public init(index: Int) { self.init(year: index / 12, month: index % 12 + 1) }
    public func adding(months: Int) -> BillingMonth { BillingMonth(index: index + months) }

    public static func < (a: BillingMonth, b: BillingMonth) -> Bool { a.index < b.index }

    /// PRP-01 the arrears' age: whole months from the billing month to `now` (this month's notice: 0).
    public static func age(of month: BillingMonth, at now: BillingMonth) -> Int { max(0, now.index - month.index) }
}

/// PRP-02, RPT-10 the periods the collection rate is reported by.
public enum CollectionPeriod: String, CaseIterable, Codable, Sendable {
    case month, quarter, year

    /// "2026-12", "2026-Q4", "2026".
    public func key(_ m: BillingMonth) -> String {
        switch self {
        case .month: return m.iso
        case .quarter: return "\(m.year)-Q\(m.quarter)"
        case .year: return String(m.year)
        }
    }
}

/// PRP-02 the collection rate: paid / billed (money) and paid / all (notices or lines), exact in tenths of a percent.
public enum CollectionRate {
    /// Tenths of a percent, rounded half-up; nil when nothing was billed.
    public static func permille(_ part: Int64, of whole: Int64) -> Int64? {
        guard whole > 0, part >= 0 else { return nil }
        return PropertyFeeRules.divideHalfUp(part * 1_000, whole)
    }

    /// "93.4%", "—" when nothing was billed.
    public static func text(_ part: Int64, of whole: Int64) -> String {
        guard let p = permille(part, of: whole) else { return "—" }
        return "\(p / 10).\(p % 10)%"
    }
}

/// Who may do what with the estates and their fees (PRP-01..03, PRP-06): the property CS admin (物业客服管理员) keeps
/// the register and the fee tables, sends notices, records payments and chases arrears; the supervisor and the
/// customer-service manager (standing in for 管理处主任, as for TRN-02) read everything; administrators do all. Each in
/// the estate's service centre and the units above it.
public enum PropertyRules {
    public static let workers: Set<Role> = [.propertyAdmin, .admin]
    public static let readers: Set<Role> = workers.union([.csSupervisor, .csManager])

    public static func mayRead(roles: Set<Role>, userPath: String, estatePath: String) -> Bool {
        OrgPath.contains(userPath, estatePath) && !roles.isDisjoint(with: readers)
    }

    public static func mayWork(roles: Set<Role>, userPath: String, estatePath: String) -> Bool {
        OrgPath.contains(userPath, estatePath) && !roles.isDisjoint(with: workers)
    }
}

/// PRP-01 a notice's number: "JF-202612-000001" (per billing month, six digits).
public enum PropertyNoticeNumber {
    public static func make(_ month: BillingMonth, sequence: Int) -> String {
        let digits = String(sequence)
        return "JF-\(month.compact)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The number as written, from what people type ("JF202612-1", "jf-202612-000001"); nil for anything else.
    public static func parse(_ typed: String) -> String? {
        let code = typed.uppercased().filter { !$0.isWhitespace }
        guard code.hasPrefix("JF") else { return nil }
        let rest = code.dropFirst(2).split(separator: "-", omittingEmptySubsequences: true)
        let joined = rest.joined(separator: "-")
        var monthText = Substring(""), seqText = Substring("")
        if rest.count == 2 {
            monthText = rest[0]
            seqText = rest[1]
        } else if rest.count == 1, joined.count > 6 {
            monthText = Substring(joined.prefix(6))
            seqText = Substring(joined.dropFirst(6))
        } else {
            return nil
        }
        guard monthText.count == 6, let month = BillingMonth(String(monthText)), !seqText.isEmpty, seqText.count <= 9,
              seqText.allSatisfy(\.isASCIIDigit), let seq = Int(seqText), seq > 0 else { return nil }
        return make(month, sequence: seq)
    }
}
