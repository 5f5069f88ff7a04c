import Foundation

/// Splits text into search tokens so that Chinese can be found without a dictionary:
/// a run of CJK characters becomes its overlapping bigrams plus its last character alone
/// ("风机组" → 风机 机组 组), Latin letters and digits become whole lower-case words.
/// Any Chinese substring of two or more characters is then a phrase of consecutive bigrams,
/// and a single character is a prefix of some token. Same tokens on SQLite and PostgreSQL.
public enum SearchTokenizer {
    public struct Token: Equatable, Sendable {
        public let text: String
        /// True for the lone last character of a CJK run.
        public let isRunTail: Bool
        /// Length in characters of the CJK run the token came from (0 for words).
        public let runLength: Int
    }

    /// Lower-cased, width-folded (全角 → 半角) text, the form both the index and the substring check use.
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    public static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var cjk: [Character] = []
        var word = ""
        func flushCJK() {
            guard !cjk.isEmpty else { return }
            if cjk.count > 1 {
                for i in 0..<(cjk.count - 1) {
                    result.append(Token(text: String([cjk[i], cjk[i + 1]]), isRunTail: false, runLength: cjk.count))
                }
            }
            result.append(Token(text: String(cjk[cjk.count - 1]), isRunTail: true, runLength: cjk.count))
            cjk.removeAll(keepingCapacity: true)
        }
        func flushWord() {
            guard !word.isEmpty else { return }
            result.append(Token(text: word, isRunTail: false, runLength: 0))
            word = ""
        }
        for ch in normalize(text) {
            if isCJK(ch) {
                flushWord()
                cjk.append(ch)
            } else if ch.isLetter || ch.isNumber {
                flushCJK()
                word.append(ch)
            } else {
                flushCJK()
                flushWord()
            }
        }
        flushCJK()
        flushWord()
        return result
    }

    /// Space-separated tokens of a document, as stored in the full-text index.
    public static func documentText(_ text: String) -> String {
        tokens(text).map(\.text).joined(separator: " ")
    }

    /// Distinct tokens of a document plus every CJK character alone (PostgreSQL array index), in UTF-8 byte order.
    /// #18.5: sorted and told apart by their bytes, not by `String`'s Unicode comparison and hashing, which took most
    /// of a ticket create's server CPU on PostgreSQL; the text is normalised first (`normalize`), so equal tokens are
    /// equal bytes.
    public static func documentTokenSet(_ text: String) -> [String] {
        var all: [String] = []
        for token in tokens(text) {
            all.append(token.text)
            if token.runLength > 0, token.text.count > 1 { for ch in token.text { all.append(String(ch)) } }
        }
        // #18.5: sorted on a key of each token's first 8 UTF-8 bytes (a CJK pair is 6), so that most comparisons are
        // one integer comparison; the bytes decide only between longer tokens with the same first 8.
        var keyed = all.map { (key: utf8Key($0), token: $0) }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : utf8Precedes($0.token, $1.token) }
        var distinct: [String] = []
        distinct.reserveCapacity(keyed.count)
        var last: (key: UInt64, token: String)?
        for entry in keyed where !(last.map { $0.key == entry.key && $0.token.utf8.elementsEqual(entry.token.utf8) } ?? false) {
            distinct.append(entry.token)
            last = entry
        }
        return distinct
    }

    /// The first 8 bytes of the token's UTF-8, big-endian, zero-padded: the keys of two tokens are in their byte order
    /// (tokens hold no NUL), and equal only when the tokens agree on their first 8 bytes.
    static func utf8Key(_ token: String) -> UInt64 {
        var key: UInt64 = 0, n = 0
        for byte in token.utf8.prefix(8) {
            key = key << 8 | UInt64(byte)
            n += 1
        }
        return n == 0 ? 0 : key << UInt64(8 * (8 - n))
    }

    /// Byte order of two strings' UTF-8 (tokens are short: compared in place, no iterator).
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                for i in 0..<n where x[i] != y[i] { return x[i] < y[i] }
                return x.count < y.count
            }
        }
    }

    /// One search term (the query split on white space) in the form the index answers.
    public struct Term: Equatable, Sendable {
        /// Tokens that must stand consecutively in a document.
        public let phrase: [String]
        /// The last token is a lone CJK character that may start a longer token.
        public let lastIsPrefix: Bool
        /// The normalised term, for substring checks.
        public let normalized: String
    }

    public static let maxTerms = 8

    /// Query terms; terms with no searchable character are dropped.
    public static func queryTerms(_ query: String) -> [Term] {
        let parts = query.split(whereSeparator: { $0.isWhitespace }).prefix(maxTerms)
        return parts.compactMap { part in
            var toks = tokens(String(part))
            guard let last = toks.last else { return nil }
            var prefix = false
            if last.isRunTail {
                if last.runLength >= 2 { toks.removeLast() } else { prefix = true }
            }
            guard !toks.isEmpty else { return nil }
            return Term(phrase: toks.map(\.text), lastIsPrefix: prefix, normalized: normalize(String(part)))
        }
    }

    /// FTS5 MATCH expression for one term: a quoted phrase, with `*` when the tail is a prefix.
    public static func fts5Expression(_ term: Term) -> String {
        let quoted = "\"" + term.phrase.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return term.lastIsPrefix ? quoted + " *" : quoted
    }

    /// Whether a document's tokens (`documentText` split on spaces) contain the term, exactly as the
    /// full-text index answers: the phrase stands consecutively, its last token as a prefix when marked so.
    public static func contains(_ documentTokens: [String], _ term: Term) -> Bool {
        let n = term.phrase.count
        guard n > 0, documentTokens.count >= n else { return false }
        for start in 0...(documentTokens.count - n) {
            var ok = true
            for k in 0..<n {
                let doc = documentTokens[start + k], want = term.phrase[k]
                let matches = (k == n - 1 && term.lastIsPrefix) ? doc.hasPrefix(want) : doc == want
                if !matches { ok = false; break }
            }
            if ok { return true }
        }
        return false
    }

    static func isCJK(_ ch: Character) -> Bool {
        guard let scalar = ch.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF,   // kana
             0x3400...0x4DBF,   // CJK extension A
             0x4E00...0x9FFF,   // CJK unified
             0xAC00...0xD7AF,   // hangul
             0xF900...0xFAFF,   // compatibility ideographs
             0x20000...0x2FA1F: // extensions B–F
            return true
        default:
            return false
        }
    }
}
