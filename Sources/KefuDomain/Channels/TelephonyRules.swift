import Foundation

/// #16.3 (CH-01, KPI-02): the pure rules of the telephony (CTI) webhook — the signature's replay window and
/// comparison, the events a call goes through, and which answered calls go to quality inspection.
public enum TelephonyRules {
    /// A signed event older or newer than this is refused (a captured request cannot be replayed later).
    public static let replayWindowSeconds: Int64 = 300
    /// The screen pop shows a call ringing, or answered and not yet a ticket, for this long (SPEC is silent; #16's note).
    public static let popWindowMillis: Int64 = 30 * 60_000

    /// The events of `POST /api/v1/telephony/events`.
    public enum Event: String, CaseIterable, Codable, Sendable {
        case ringing, answered, missed, ended
    }

    /// The state a call is in after an event (`ended` after `missed` stays `missed`: the call was never taken).
    public static func state(after event: Event, current: String?) -> String {
        switch event {
        case .ringing: return current ?? "ringing"
        case .answered: return current == "ended" ? "ended" : "answered"
        case .missed: return "missed"
        case .ended: return current == "missed" ? "missed" : "ended"
        }
    }

    /// `X-Kefu-Timestamp` (unix seconds): accepted when it is within ±5 minutes of `now`.
    public static func isFresh(timestamp: String?, now: Int64) -> Bool {
        guard let raw = timestamp?.trimmingCharacters(in: .whitespaces), let t = Int64(raw), raw.count <= 12 else { return false }
        return abs(now - t) <= replayWindowSeconds
    }

    /// The signed text: `"<timestamp>.<raw body>"` (the same form as Kefu's own outgoing webhooks).
    public static func signedText(timestamp: String, body: String) -> String { timestamp + "." + body }

    /// `X-Kefu-Signature: sha256=<hex>` → the lower-cased hex; nil when the header has another form.
    public static func signatureHex(header: String?) -> String? {
        guard let h = header?.trimmingCharacters(in: .whitespaces), h.hasPrefix("sha256=") else { return nil }
        let hex = h.dropFirst("sha256=".count).lowercased()
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        return hex
    }

    /// Compares two signatures in time independent of where they differ.
    public static func sameSignature(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// KPI-02: an answered call goes to quality inspection (a call record, and its penalty) after more than 3 rings.
    public static func needsInspection(rings: Int) -> Bool { QualityPenaltyRules.isLateAnswer(rings: rings) }

    /// An extension: 1–20 digits (a PBX's extension numbers; `*` and `#` are not dialled inward).
    public static func isValidExtension(_ s: String) -> Bool { !s.isEmpty && s.count <= 20 && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// The call-back ticket's subject: "未接来电回拨 13812345678".
    public static func callbackSubject(callerNumber: String) -> String { "未接来电回拨 " + callerNumber }

    /// The ticket made from an answered call: "来电 13812345678".
    public static func callSubject(callerNumber: String) -> String { "来电 " + callerNumber }
}
