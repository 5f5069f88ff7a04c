import Foundation

/// Small input rules shared by features.
public enum TextRules {
    /// Trims white space; nil when nothing is left.
    public static func trimmed(_ value: String?) -> String? {
        guard let value else { return nil }
        let t = trimSpace(value)
        return t.isEmpty ? nil : t
    }

    /// What Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` gives, read off the Unicode scalars: the
    /// White_Space property (Zs, Zl, Zp, U+0009–U+000D, U+0085) and U+200B, which Foundation on Linux counts too. #17.4:
    /// Foundation bridges every call through NSString, 2 % of a ticket create's CPU; here a text with nothing to trim is
    /// handed back as it is.
    public static func trimSpace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isSpace(first), !isSpace(last) { return text }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }

    /// At most `max` characters. A text of at most `max` UTF-8 bytes has at most `max` characters, so the usual short
    /// text is not walked character by character (grapheme breaking).
    public static func fits(_ text: String, _ max: Int) -> Bool {
        text.utf8.count <= max || text.count <= max
    }

    /// Phone numbers are kept as digits (a leading + kept) so that 138-0013-8000 and 13800138000 match.
    public static func phoneKey(_ phone: String?) -> String? {
        guard let phone = trimmed(phone) else { return nil }
        var out = phone.hasPrefix("+") ? "+" : ""
        // Full-width digits (１３８…) become ASCII through the compatibility mapping, which ASCII text does not need.
        let folded = phone.utf8.allSatisfy { $0 < 0x80 } ? phone : phone.precomposedStringWithCompatibilityMapping
        for ch in folded where ch.isASCII && ch.isNumber { out.append(ch) }
        return out.count >= 3 ? out : nil
    }

    public static func emailKey(_ email: String?) -> String? {
        guard let email = trimmed(email)?.lowercased() else { return nil }
        return email
    }

    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !email.contains(" ")
    }

    /// Codes and user names: ASCII letters, digits, `-`, `_`, `.`.
    static func isIdentifier(_ s: String, length: ClosedRange<Int>) -> Bool {
        length.contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    public static func isValidCode(_ code: String) -> Bool { isIdentifier(code, length: 1...40) }

    public static func isValidUsername(_ name: String) -> Bool { isIdentifier(name, length: 2...40) }
}
