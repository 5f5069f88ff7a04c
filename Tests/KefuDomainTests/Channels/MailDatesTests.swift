import Foundation
import KefuDomain
import Testing

/// #16 item 8: the hand-written RFC 5322 dates and base64 decoder agree with Foundation's on generated inputs, and
/// refuse what Foundation refuses.
@Suite struct MailDatesTests {
    static func formatter(_ format: String, zone: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: zone)
        f.dateFormat = format
        return f
    }

    @Test func writtenDatesMatchFoundationInChinaTime() {
        let reference = Self.formatter("EEE, d MMM yyyy HH:mm:ss Z", zone: "Asia/Shanghai")
        var generator = SystemRandomNumberGenerator()
        // 1992 on: China has had no daylight saving since 1991, and the hand-written form is UTC+8 all year.
        let instants = [694_224_000.0, 951_782_400, 1_796_000_000, 4_102_444_799] + (0..<2000).map { _ in
            Double(Int64.random(in: 694_224_000...4_102_444_799, using: &generator))
        }
        for t in instants {
            let d = Date(timeIntervalSince1970: t)
            #expect(MailDates.chinaTime(d) == reference.string(from: d), "\(t)")
        }
    }

    @Test func readDatesMatchFoundationInEveryForm() {
        var generator = SystemRandomNumberGenerator()
        let zones = ["+0800", "-0500", "+0000", "+0530", "-1200", "+1400"]
        for _ in 0..<1000 {
            let d = Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_799, using: &generator)))
            let zone = zones.randomElement(using: &generator)!
            let identifier = "GMT" + zone.prefix(3) + ":" + zone.suffix(2)
            for format in ["EEE, d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm Z"] {
                let text = Self.formatter(format, zone: identifier).string(from: d)
                let expected = format.contains("ss") ? d : Date(timeIntervalSince1970: (d.timeIntervalSince1970 / 60).rounded(.down) * 60)
                #expect(MailDates.parse(text) == expected, "\(text)")
            }
        }
    }

    @Test func readDatesTakeTheLooseFormsMailCarries() {
        let utc = Date(timeIntervalSince1970: 1_796_349_600) // 2026-12-04 02:00:00 UTC
        #expect(MailDates.parse("Fri, 4 Dec 2026 10:00:00 +0800 (CST)") == utc)
        #expect(MailDates.parse("  4   Dec 2026\t02:00:00 GMT ") == utc)
        #expect(MailDates.parse("Thu, 03 Dec 2026 21:00:00 EST") == utc)
        #expect(MailDates.parse("4 dec 26 02:00:00 UT") == utc, "two-digit year, lower-case month")
        #expect(MailDates.parse("1 Jan 99 00:00:00 +0000") == Date(timeIntervalSince1970: 915_148_800), "99 is 1999")
        #expect(MailDates.parse("29 Feb 2024 12:00:00 +0000") != nil)
        for bad in ["", "Fri, 4 Dec 2026", "31 Feb 2026 10:00:00 +0800", "29 Feb 2026 10:00:00 +0800", "4 Dez 2026 10:00:00 +0800",
                    "4 Dec 2026 24:00:00 +0800", "4 Dec 2026 10:60:00 +0800", "4 Dec 2026 10:00:00 +2400", "4 Dec 2026 10:00:00 +08",
                    "4 Dec 2026 10:00:00 XYZ", "4 Dec 2026 10:00:00", "0 Dec 2026 10:00:00 +0800", "4 Dec 202 10:00:00 +0800"] {
            #expect(MailDates.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func base64MatchesFoundationAndFlagsWhatIsNotClean() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 3, 4, 57, 58, 1000, 40_000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            let decoded = MailEncodings.base64(Array(encoded.utf8))
            #expect(decoded.bytes == bytes && decoded.clean, "length \(length)")
        }
        let urlSafe = MailEncodings.base64(Array("-_-_".utf8))
        #expect(urlSafe.bytes == [0xFB, 0xFF, 0xBF] && urlSafe.clean)
        #expect(MailEncodings.base64(Array("aGVsbG8*".utf8)) == (bytes: Array("hello".utf8), clean: false) , "a stray byte is skipped and flagged")
        #expect(!MailEncodings.base64(Array("aGVs=bG8=".utf8)).clean, "data after padding")
        #expect(!MailEncodings.base64(Array("aGVsb".utf8)).clean, "a lone last character")
    }
}
