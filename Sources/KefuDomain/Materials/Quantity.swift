import Foundation

/// An exact quantity with up to three decimals, held as an integer count of thousandths (never a binary float).
public struct Quantity: Sendable, Hashable, Comparable {
    public static let scale: Int64 = 1000
    /// Largest magnitude accepted on one line: 1,000,000,000 units.
    public static let maxMilli: Int64 = 1_000_000_000 * scale

    public let milli: Int64

    public init(milli: Int64) { self.milli = milli }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.milli < b.milli }
    public static let zero = Quantity(milli: 0)

    /// Parses "12", "-3.5", "0.125"; refuses more than three decimals, exponents, and anything out of range.
    public static func parse(_ text: String) -> Quantity? {
        var s = Substring(text.trimmingCharactersInSpaces())
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 10, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        var frac = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !frac.isEmpty, frac.allSatisfy(\.isASCIIDigit) else { return nil }
        // Trailing zeros beyond the scale are harmless ("1.50000").
        while frac.count > 3, frac.last == "0" { frac = frac.dropLast() }
        guard frac.count <= 3 else { return nil }
        let fracValue = Int64(frac.padding(toLength: 3, withPad: "0", startingAt: 0)) ?? 0
        guard let w = Int64(whole) else { return nil }
        let milli = w * scale + fracValue
        guard milli <= maxMilli else { return nil }
        return Quantity(milli: negative ? -milli : milli)
    }

    /// "12", "-3.5", "0.125".
    public var text: String {
        let sign = milli < 0 ? "-" : ""
        let a = milli.magnitude
        let whole = a / UInt64(Self.scale), frac = a % UInt64(Self.scale)
        if frac == 0 { return "\(sign)\(whole)" }
        var f = String(frac)
        f = String(repeating: "0", count: 3 - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return "\(sign)\(whole).\(f)"
    }

    public var isPositive: Bool { milli > 0 }
    public var isNegative: Bool { milli < 0 }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    func trimmingCharactersInSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

/// JSON: a number (or a decimal string on input), exact both ways.
extension Quantity: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text: String
        if let s = try? c.decode(String.self) { text = s } else { text = (try c.decode(Decimal.self)).description }
        guard let q = Quantity.parse(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a quantity with at most three decimals")
        }
        self = q
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Decimal(string: text) ?? 0)
    }
}
