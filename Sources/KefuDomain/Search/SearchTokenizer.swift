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
    /// Most text takes `PlainSearchText`'s path, which gives the same without Foundation (#17.4).
    public static func normalize(_ text: String) -> String {
        PlainSearchText.normalized(text).map { String(decoding: $0, as: UTF8.self) } ?? foundationNormalized(text)
    }

    static func foundationNormalized(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    public static func tokens(_ text: String) -> [Token] {
        if let plain = PlainSearchText.normalized(text) { return PlainSearchText.tokens(plain) }
        return characterTokens(text)
    }

    /// `tokens` by Foundation's normalisation and a walk over its `Character`s: any text.
    static func characterTokens(_ text: String) -> [Token] {
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
        for ch in foundationNormalized(text) {
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
        // #17.4: a token of at most 8 bytes (every CJK pair and character, most words) is its key (`utf8Key`), so those
        // are sorted and told apart as integers and their text rebuilt from the key; longer tokens are sorted by their
        // bytes, and the two lists merged.
        var short: [UInt64] = [], long: [String] = []
        func add(_ token: String) {
            if token.utf8.count <= 8 { short.append(utf8Key(token)) } else { long.append(token) }
        }
        for token in tokens(text) {
            add(token.text)
            if token.runLength > 0, !token.isRunTail { for ch in token.text { add(String(ch)) } } // a CJK pair
        }
        short.sort()
        long.sort(by: utf8Precedes)
        var distinct: [String] = []
        distinct.reserveCapacity(short.count + long.count)
        var i = 0, j = 0
        var lastShort: UInt64?, lastLong: String?
        while i < short.count || j < long.count {
            // Equal keys: the short token is the long one's first 8 bytes, so it comes first.
            if j == long.count || (i < short.count && short[i] <= utf8Key(long[j])) {
                if short[i] != lastShort { distinct.append(token(fromKey: short[i])) }
                lastShort = short[i]
                i += 1
            } else {
                if !(lastLong.map { $0.utf8.elementsEqual(long[j].utf8) } ?? false) { distinct.append(long[j]) }
                lastLong = long[j]
                j += 1
            }
        }
        return distinct
    }

    /// The token of at most 8 bytes whose `utf8Key` is `key`.
    static func token(fromKey key: UInt64) -> String {
        let n = 8 - key.trailingZeroBitCount / 8
        return String(unsafeUninitializedCapacity: n) { buffer in
            for i in 0..<n { buffer[i] = UInt8(truncatingIfNeeded: key >> UInt64(56 - 8 * i)) }
            return n
        }
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
        return isCJK(scalar)
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
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
