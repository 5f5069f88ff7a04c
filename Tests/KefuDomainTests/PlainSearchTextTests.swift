@testable import KefuDomain
import Testing

/// #17.4: the tokenizer's path without Foundation gives exactly what Foundation's NFKC and the `Character` walk give.
@Suite("Search text without Foundation")
struct PlainSearchTextTests {
    static let accepted: [Unicode.Scalar] = (0...0x10FFFF).compactMap { v in
        guard let s = Unicode.Scalar(UInt32(v)), PlainSearchText.normalized(String(Character(s))) != nil else { return nil }
        return s
    }

    @Test func everyAcceptedScalarNormalisesAsFoundationDoes() {
        #expect(Self.accepted.count > 90_000) // the CJK ideographs are in
        for s in Self.accepted {
            let text = "a" + String(Character(s)) + "Z" // with neighbours, so that a composition would show
            #expect(SearchTokenizer.normalize(text) == SearchTokenizer.foundationNormalized(text), "U+\(String(s.value, radix: 16))")
            #expect(SearchTokenizer.tokens(text) == SearchTokenizer.characterTokens(text), "U+\(String(s.value, radix: 16))")
        }
    }

    /// Random texts from every accepted scalar but the bulk of the ideographs, plus 300 of those.
    @Test func mixedTextsTokeniseAsTheCharacterWalkDoes() {
        let ideographs = Self.accepted.filter { $0.value >= 0x3400 && !(0x3001...0x30FC).contains($0.value) }
        var pool = Self.accepted.filter { $0.value < 0x3400 || (0x3001...0x30FC).contains($0.value) }
        var rng = SplitMix(state: 17_4) // WorkCalendarTests.swift
        for _ in 0..<300 { pool.append(ideographs[Int(rng.next() % UInt64(ideographs.count))]) }
        pool += Array("风机齿轮箱漏油叶片振动偏航来电雷击".unicodeScalars)
        for _ in 0..<3_000 {
            let length = Int(rng.next() % 40)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(pool[Int(rng.next() % UInt64(pool.count))]) }
            #expect(PlainSearchText.normalized(text) != nil)
            #expect(SearchTokenizer.normalize(text) == SearchTokenizer.foundationNormalized(text), "\(text)")
            #expect(SearchTokenizer.tokens(text) == SearchTokenizer.characterTokens(text), "\(text)")
        }
    }

    /// The PostgreSQL token set is every token and every CJK character of the text, once each, in UTF-8 byte order:
    /// words of 7 to 10 bytes that share their first 8 and CJK text side by side.
    @Test func tokenSetHoldsEachTokenOnceInByteOrder() {
        let words = ["abcdefg", "abcdefgh", "abcdefghi", "abcdefgha", "abcdefghij", "abcdefgg", "zzzzzzzzz", "sl1500", "9", "é"]
        let cjk = Array("风机组齿轮箱漏油叶片〜。ー".unicodeScalars)
        var rng = SplitMix(state: 17_41) // WorkCalendarTests.swift
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int(rng.next() % 12) {
                if rng.next() % 2 == 0 {
                    text += " " + words[Int(rng.next() % UInt64(words.count))] + " "
                } else {
                    text.unicodeScalars.append(cjk[Int(rng.next() % UInt64(cjk.count))])
                }
            }
            var expected = Set<String>()
            for token in SearchTokenizer.characterTokens(text) {
                expected.insert(token.text)
                if token.runLength > 1, !token.isRunTail { for ch in token.text { expected.insert(String(ch)) } }
            }
            let reference = expected.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(SearchTokenizer.documentTokenSet(text) == reference, "\(text)")
        }
    }

    @Test func ticketTextTakesThePlainPath() {
        let text = "客户来电称３号风机（SL1500）齿轮箱漏油……主轴承温度85℃报警，请于【今日】安排检修。"
        #expect(PlainSearchText.normalized(text) != nil)
        #expect(SearchTokenizer.normalize(text) == "客户来电称3号风机(sl1500)齿轮箱漏油......主轴承温度85°c报警,请于【今日】安排检修。")
        #expect(SearchTokenizer.documentText("ＳＬ１５００ 风机组…") == "sl1500 风机 机组 组")
    }

    /// Text the plain path does not know goes to Foundation, whose answers stand.
    @Test func otherTextTakesFoundationsPath() {
        for text in ["Café", "㎡", "㈱风机", "👍🏻风机", "か\u{3099}", "ﾊﾞﾙﾌﾞ", "葛\u{E0100}城", "한국어", "Ⅻ号", "々", "\u{200D}", "ゞ"] {
            #expect(PlainSearchText.normalized(text) == nil, "\(text)")
            #expect(SearchTokenizer.normalize(text) == SearchTokenizer.foundationNormalized(text))
            #expect(SearchTokenizer.tokens(text) == SearchTokenizer.characterTokens(text))
        }
        #expect(SearchTokenizer.normalize("㎡") == "m2")
        #expect(SearchTokenizer.documentText("Café 风机") == "café 风机 机")
    }
}
