import Foundation
import KefuDomain
import Testing

/// #17.4: `TextRules.trimSpace` gives what Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` gave, on every
/// white-space scalar Foundation knows, and `fits` counts characters, not bytes.
@Suite struct TextRulesTests {
    static let foundationSpace: [Unicode.Scalar] = (0...0x3100).compactMap { Unicode.Scalar($0) }
        .filter { CharacterSet.whitespacesAndNewlines.contains($0) }

    @Test func trimSpaceTrimsWhatFoundationTrims() {
        #expect(Self.foundationSpace.count >= 25) // tab … CR, space, NEL, NBSP, U+1680, U+2000…200A, 2028, 2029, 202F, 205F, 3000
        for space in Self.foundationSpace {
            let s = String(space)
            for text in ["\(s)风机齿轮箱漏油\(s)", "\(s)\(s)a b\(s)c\(s)", "x\(s)", "\(s)x", s, "\(s)\u{301}a", "漏油"] {
                #expect(TextRules.trimSpace(text) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                        "U+\(String(space.value, radix: 16)) in \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        for scalar in ["\u{200B}", "\u{180E}", "\u{FEFF}", "_", "\u{E000}"] {
            let text = scalar + "工单" + scalar
            #expect(TextRules.trimSpace(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(TextRules.trimSpace("") == "")
        #expect(TextRules.trimmed(" \u{3000}\n ") == nil)
        #expect(TextRules.trimmed("\u{3000}王工\t") == "王工")
    }

    @Test func fitsCountsCharactersNotBytes() {
        #expect(TextRules.fits(String(repeating: "漏", count: 200), 200)) // 600 bytes, 200 characters
        #expect(!TextRules.fits(String(repeating: "漏", count: 201), 200))
        #expect(TextRules.fits(String(repeating: "é", count: 3), 3)) // e + combining accent: 3 characters
        #expect(!TextRules.fits("abcd", 3))
        #expect(TextRules.fits("", 0))
    }

    @Test func phoneKeyFoldsFullWidthDigitsAndKeepsAsciiAsItIs() {
        #expect(TextRules.phoneKey(" 138-0013-8000 ") == "13800138000")
        #expect(TextRules.phoneKey("１３８００１３８０００") == "13800138000")
        #expect(TextRules.phoneKey("+86 138 0013 8000") == "+8613800138000")
        #expect(TextRules.phoneKey("12") == nil)
    }
}
