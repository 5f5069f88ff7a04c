import Foundation

/// #11.1 "find by what people know": what one typed query can mean, worked out once so that every feature looks it up
/// the same way and only by indexed forms (an exact number, a prefix of a name or code, a whole phone number or e-mail).
/// Full-width input (ＫＦ２０２６－０００００４) is folded to half width first.
public struct FindQuery: Sendable, Equatable {
    /// Longest query accepted (characters).
    public static let maxLength = 100

    /// The query as typed, trimmed and width-folded (NFKC): for names ("张三", "齿轮箱").
    public let text: String
    /// Upper-cased, without inner spaces: for codes and whole numbers ("KF2026-000004", "SL1500-GB").
    public let code: String
    /// A human document number such as KF2026-000004, RK-2026-000001 or WX2026-0007, split into its parts.
    public let number: DocumentNumber?
    /// Only digits (at most 9): a ticket number given by its running number ("4", "000004").
    public let sequence: Int?
    /// The digits of a whole phone number (7 digits or more, a leading + kept), as customers store them.
    public let phoneKey: String?
    /// A whole e-mail address, lower-cased.
    public let emailKey: String?

    /// nil when nothing is left to look for.
    public init?(_ raw: String) {
        let folded = UsualInput.halfWidth(raw.precomposedStringWithCompatibilityMapping)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !folded.isEmpty else { return nil }
        text = folded
        code = String(folded.uppercased().filter { !$0.isWhitespace })
        number = DocumentNumber(code)
        sequence = code.count <= 9 && code.allSatisfy(\.isASCIIDigit) ? Int(code) : nil
        let phoneDigits = folded.filter { $0.isASCIIDigit }
        let phoneShaped = folded.allSatisfy { $0.isASCIIDigit || " -+()".contains($0) }
        phoneKey = phoneShaped && phoneDigits.count >= 7 ? TextRules.phoneKey(folded) : nil
        let parts = folded.split(separator: "@", omittingEmptySubsequences: false)
        emailKey = parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !folded.contains(" ") ? folded.lowercased() : nil
    }

    /// The smallest string greater than every string that starts with `prefix` in code-point order (SQLite's binary
    /// collation, PostgreSQL's C collation): `column >= prefix AND column < upperBound` is a prefix match an ordinary
    /// B-tree index answers with a range scan.
    public static func upperBound(ofPrefix prefix: String) -> String {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var next = last.value + 1
            if (0xD800...0xDFFF).contains(next) { next = 0xE000 }
            if next <= 0x10FFFF, let s = Unicode.Scalar(next) {
                scalars.append(s)
                var out = String.UnicodeScalarView()
                out.append(contentsOf: scalars)
                return String(out)
            }
        }
        return "\u{10FFFF}"
    }
}

/// A human number of the kind `<letters><year>-<running number>`, with or without a dash after the letters:
/// KF2026-000004 (ticket), RK-2026-000001 / CK-2026-… / DB-2026-… (materials), WX2026-0001, TH…, TS…, HL… (after-sales).
public struct DocumentNumber: Sendable, Equatable {
    public let prefix: String
    public let year: Int
    public let sequence: Int

    public init(prefix: String, year: Int, sequence: Int) {
        self.prefix = prefix
        self.year = year
        self.sequence = sequence
    }

    /// Reads "KF2026-000004", "KF2026-4", "RK-2026-12" (upper-cased, no spaces); nil for anything else.
    public init?(_ code: String) {
        let letters = code.prefix { $0.isASCII && $0.isLetter }
        guard (1...4).contains(letters.count) else { return nil }
        var rest = code.dropFirst(letters.count)
        if rest.first == "-" { rest = rest.dropFirst() }
        let year = rest.prefix(4)
        guard year.count == 4, year.allSatisfy(\.isASCIIDigit) else { return nil }
        rest = rest.dropFirst(4)
        guard rest.first == "-" else { return nil }
        let digits = rest.dropFirst()
        guard (1...9).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let y = Int(year), let n = Int(digits) else { return nil }
        self.init(prefix: String(letters), year: y, sequence: n)
    }

    /// The number written the way a feature writes it: `dash` after the letters or not, the running number padded to
    /// `width` digits.
    public func formatted(dash: Bool, width: Int) -> String {
        let digits = String(sequence)
        return prefix + (dash ? "-" : "") + String(year) + "-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
