import Foundation
import KefuDomain

/// #16.1: which unit's ticket a message becomes, by the address it was sent to. `KEFU_MAIL_ROUTES`:
/// `service@a.example=HQ,repair@a.example=SITE-1` (address = org unit code). A message to no listed address becomes a
/// ticket of the intake account's own unit (the default unit). SPEC is silent; decided in #16's note.
public struct MailRoutes: Sendable, Equatable {
    public let unitCodeByAddress: [String: String]

    public init(_ unitCodeByAddress: [String: String] = [:]) {
        self.unitCodeByAddress = Dictionary(unitCodeByAddress.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    public static func parse(_ setting: String?) -> MailRoutes {
        var map: [String: String] = [:]
        for entry in (setting ?? "").split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty { map[parts[0]] = parts[1] }
        }
        return MailRoutes(map)
    }

    public static func fromEnvironment() -> MailRoutes { parse(ProcessInfo.processInfo.environment["KEFU_MAIL_ROUTES"]) }

    /// The unit code for the envelope recipient, else the first To/Cc address listed; nil: the default unit.
    public func unitCode(recipient: String?, to: [MailAddress], cc: [MailAddress]) -> String? {
        if let r = recipient?.lowercased(), let code = unitCodeByAddress[r] { return code }
        for a in to + cc { if let code = unitCodeByAddress[a.address] { return code } }
        return nil
    }
}

/// #16.1 abuse protection: at most `max` messages from one sender in `window` (20 in 10 minutes by default); more are
/// quarantined with the reason `rate_limited`.
public struct MailRateLimit: Sendable {
    public let max: Int
    public let windowMillis: Int64

    public init(max: Int = 20, windowMinutes: Int = 10) {
        self.max = max
        self.windowMillis = Int64(windowMinutes) * 60_000
    }
}

/// A Kefu ticket number in a subject (`[KF2026-000001]`, `Re: KF2026-000001 …`).
public enum MailSubjectNumber {
    public static func ticketNumber(in subject: String) -> String? {
        let scalars = Array(subject.unicodeScalars)
        var i = 0
        while i + 13 <= scalars.count {
            if scalars[i] == "K", scalars[i + 1] == "F", i == 0 || !isWordChar(scalars[i - 1]) {
                var j = i + 2
                var year = ""
                while j < scalars.count, year.count < 4, isDigit(scalars[j]) { year.unicodeScalars.append(scalars[j]); j += 1 }
                if year.count == 4, j < scalars.count, scalars[j] == "-" {
                    j += 1
                    var seq = ""
                    while j < scalars.count, isDigit(scalars[j]) { seq.unicodeScalars.append(scalars[j]); j += 1 }
                    if seq.count >= 6, j == scalars.count || !isWordChar(scalars[j]), let y = Int(year), let n = Int(seq) {
                        return TicketRules.number(year: y, sequence: n)
                    }
                }
            }
            i += 1
        }
        return nil
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }
    static func isWordChar(_ s: Unicode.Scalar) -> Bool { isDigit(s) || (s >= "A" && s <= "Z") || (s >= "a" && s <= "z") }
}

extension MailLimits {
    /// `KEFU_MAIL_MAX_BYTES` (default 25 MB).
    public static func fromEnvironment() -> MailLimits {
        var limits = MailLimits()
        if let raw = ProcessInfo.processInfo.environment["KEFU_MAIL_MAX_BYTES"], let n = Int(raw), n > 0 { limits.maxMessageBytes = n }
        return limits
    }
}
