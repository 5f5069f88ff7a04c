import KefuDomain
import Testing

@Suite("Telephony rules (#16.3 CH-01, KPI-02)")
struct TelephonyRulesTests {
    @Test func theTimestampMustBeWithinFiveMinutes() {
        let now: Int64 = 1_800_000_000
        #expect(TelephonyRules.isFresh(timestamp: "1800000000", now: now))
        #expect(TelephonyRules.isFresh(timestamp: "1799999700", now: now))
        #expect(TelephonyRules.isFresh(timestamp: "1800000300", now: now))
        #expect(!TelephonyRules.isFresh(timestamp: "1799999699", now: now))
        #expect(!TelephonyRules.isFresh(timestamp: "1800000301", now: now))
        #expect(!TelephonyRules.isFresh(timestamp: nil, now: now))
        #expect(!TelephonyRules.isFresh(timestamp: "soon", now: now))
        #expect(!TelephonyRules.isFresh(timestamp: "1800000000000", now: now)) // milliseconds are not seconds
    }

    @Test func theSignatureHeaderIsSha256Hex() {
        let hex = String(repeating: "ab", count: 32)
        #expect(TelephonyRules.signatureHex(header: "sha256=" + hex) == hex)
        #expect(TelephonyRules.signatureHex(header: "sha256=" + hex.uppercased()) == hex)
        #expect(TelephonyRules.signatureHex(header: hex) == nil)
        #expect(TelephonyRules.signatureHex(header: "sha1=" + hex) == nil)
        #expect(TelephonyRules.signatureHex(header: "sha256=abc") == nil)
        #expect(TelephonyRules.signatureHex(header: nil) == nil)
        #expect(TelephonyRules.signedText(timestamp: "17", body: "{}") == "17.{}")
    }

    @Test func signaturesCompareWhole() {
        #expect(TelephonyRules.sameSignature("abcd", "abcd"))
        #expect(!TelephonyRules.sameSignature("abcd", "abce"))
        #expect(!TelephonyRules.sameSignature("abcd", "abc"))
    }

    /// KPI-02: more than three rings before the answer; three is not.
    @Test func moreThanThreeRingsGoToInspection() {
        #expect(!TelephonyRules.needsInspection(rings: 0))
        #expect(!TelephonyRules.needsInspection(rings: 3))
        #expect(TelephonyRules.needsInspection(rings: 4))
    }

    @Test func aCallsStateFollowsItsEvents() {
        #expect(TelephonyRules.state(after: .ringing, current: nil) == "ringing")
        #expect(TelephonyRules.state(after: .answered, current: "ringing") == "answered")
        #expect(TelephonyRules.state(after: .ended, current: "answered") == "ended")
        #expect(TelephonyRules.state(after: .ended, current: "missed") == "missed")
        #expect(TelephonyRules.state(after: .missed, current: "ringing") == "missed")
        #expect(TelephonyRules.state(after: .ringing, current: "answered") == "answered")
    }

    @Test func extensionsAreDigits() {
        #expect(TelephonyRules.isValidExtension("8001"))
        #expect(!TelephonyRules.isValidExtension(""))
        #expect(!TelephonyRules.isValidExtension("80a1"))
        #expect(!TelephonyRules.isValidExtension(String(repeating: "1", count: 21)))
        #expect(TelephonyRules.callbackSubject(callerNumber: "13812345678") == "未接来电回拨 13812345678")
    }
}
