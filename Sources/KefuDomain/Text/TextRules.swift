import Foundation

/// Small input rules shared by features.
public enum TextRules {
    /// Trims white space; nil when nothing is left.
    public static func trimmed(_ value: String?) -> String? {
        guard let value else { return nil }
        let t = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// Phone numbers are kept as digits (a leading + kept) so that 138-0013-8000 and 13800138000 match.
    public static func phoneKey(_ phone: String?) -> String? {
        guard let phone = trimmed(phone) else { return nil }
        var out = phone.hasPrefix("+") ? "+" : ""
        for ch in phone.precomposedStringWithCompatibilityMapping where ch.isASCII && ch.isNumber { out.append(ch) }
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
