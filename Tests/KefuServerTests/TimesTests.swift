import Foundation
import KefuPlatform
import Testing

@Suite("Time formatting")
struct TimesTests {
    /// The date and time agree with Foundation's formatter; the milliseconds are exact (Foundation's goes through a
    /// Double and writes .998 for .999 — the reason to compute them directly besides speed).
    @Test func rfc3339AgreesWithFoundationAndKeepsMillisecondsExact() {
        let style = Date.ISO8601FormatStyle()
        var generator = SystemRandomNumberGenerator()
        var samples: [Int64] = [0, 1, 999, 1000, 951_782_400_000, 1_709_164_800_123, 4_102_444_799_999, -1, -86_400_001]
        for _ in 0..<2000 { samples.append(Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)) }
        for millis in samples {
            let text = Times.rfc3339(millis)
            let wholeSeconds = Int64((Double(millis) / 1000).rounded(.down))
            let expected = Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(style)
            #expect(text.prefix(19) == expected.prefix(19), "\(millis)")
            let ms = ((millis % 1000) + 1000) % 1000
            #expect(text.hasSuffix(String(format: ".%03dZ", ms)), "\(millis)")
        }
    }

    @Test func parsesWhatItWrites() {
        let millis: Int64 = 1_796_000_123_456
        #expect(Times.parse(Times.rfc3339(millis)).map { Clock.millis($0) } == millis)
        #expect(Times.parse("2026-11-29T09:30:00+08:00").map { Clock.millis($0) } == 1_795_915_800_000)
    }
}
