import KefuDomain
import Testing

@Suite("Search tokenizer")
struct SearchTokenizerTests {
    @Test func cjkRunsBecomeBigramsAndATail() {
        #expect(SearchTokenizer.documentText("风机组") == "风机 机组 组")
        #expect(SearchTokenizer.documentText("3号风机") == "3 号风 风机 机")
        #expect(SearchTokenizer.documentText("SL1500 齿轮箱，漏油!") == "sl1500 齿轮 轮箱 箱 漏油 油")
        #expect(SearchTokenizer.documentText("ＡＢＣ") == "abc")
    }

    @Test func queryTermsDropTheTailOrPrefixASingleCharacter() {
        let two = SearchTokenizer.queryTerms("风机")
        #expect(two.map(\.phrase) == [["风机"]])
        #expect(two.first?.lastIsPrefix == false)
        #expect(two.first?.normalized == "风机")
        let one = SearchTokenizer.queryTerms("风")
        #expect(one.first?.lastIsPrefix == true)
        #expect(SearchTokenizer.fts5Expression(one[0]) == "\"风\" *")
        #expect(SearchTokenizer.queryTerms("  ").isEmpty)
        #expect(SearchTokenizer.queryTerms("，。").isEmpty)
        #expect(SearchTokenizer.queryTerms("a b c d e f g h i j").count == SearchTokenizer.maxTerms)
        #expect(SearchTokenizer.fts5Expression(SearchTokenizer.queryTerms("齿轮箱")[0]) == "\"齿轮 轮箱\"")
    }

    /// Any substring of two or more CJK characters of a document is a consecutive run of its tokens.
    @Test func everySubstringIsAPhraseOfTheDocument() {
        let text = "客户来电称三号风机齿轮箱漏油主轴承温度报警"
        let doc = SearchTokenizer.documentText(text).split(separator: " ").map(String.init)
        let chars = Array(text)
        for start in 0..<(chars.count - 1) {
            for end in (start + 2)...chars.count {
                let term = SearchTokenizer.queryTerms(String(chars[start..<end]))[0]
                let found = (0...(doc.count - term.phrase.count)).contains { Array(doc[$0..<($0 + term.phrase.count)]) == term.phrase }
                #expect(found, "\(String(chars[start..<end]))")
            }
        }
    }

    @Test func quotesCannotBreakTheExpression() {
        let term = SearchTokenizer.queryTerms("a\"b")
        #expect(term.map { SearchTokenizer.fts5Expression($0) } == ["\"a b\""])
    }

    @Test func postgresTokenSetHoldsEverySingleCharacter() {
        let set = Set(SearchTokenizer.documentTokenSet("风机组"))
        #expect(set == ["风机", "机组", "组", "风", "机"])
    }

    /// #18.5: the document's tokens are distinct and in UTF-8 byte order, also for long tokens sharing their first 8 bytes.
    @Test func postgresTokenSetIsDistinctAndInByteOrder() {
        let text = "风机风机 maintenance maintenanceplan maintenancx mainten 齿轮箱 SL1500 sl1500 a ab abcdefgh abcdefghi 风 é"
        let set = SearchTokenizer.documentTokenSet(text)
        let reference = Set(set).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(set == reference)
        #expect(set.contains("maintenanceplan") && set.contains("maintenancx") && set.contains("abcdefghi"))
    }

    /// The in-memory matcher answers as the index does: every substring is found, scrambled pairs are not.
    @Test func containsAgreesWithSubstrings() {
        let text = "客户来电称三号风机齿轮箱漏油 SL1500 主轴承温度报警"
        let tokens = SearchTokenizer.tokens(text).map(\.text)
        let chars = Array("客户来电称三号风机齿轮箱漏油")
        for start in 0..<chars.count {
            for end in (start + 1)...chars.count {
                let term = SearchTokenizer.queryTerms(String(chars[start..<end]))[0]
                #expect(SearchTokenizer.contains(tokens, term), "\(String(chars[start..<end]))")
            }
        }
        for absent in ["油漏", "风齿", "sl15", "主轴承报警", "机风"] {
            #expect(!SearchTokenizer.contains(tokens, SearchTokenizer.queryTerms(absent)[0]), "\(absent)")
        }
        #expect(SearchTokenizer.contains(tokens, SearchTokenizer.queryTerms("sl1500")[0]))
    }
}
