/// #17.4/#18.5: the search tokenizer's normalisation (`SearchTokenizer.normalize`: NFKC, then lower case) without
/// Foundation, for the text of nearly every ticket: ASCII, CJK ideographs, kana and the punctuation Chinese text uses.
/// Foundation's NFKC and the grapheme walk over its result took about a sixth of a ticket create's server CPU.
///
/// Every scalar this accepts is one that NFKC leaves as it is (or maps to ASCII, listed below), that has no case but
/// ASCII's, that composes with no neighbour, and that is a grapheme of its own: so the result equals Foundation's, and
/// walking its scalars visits the same characters as walking its `Character`s. Any other scalar (Latin-1, Hangul,
/// emoji, a combining mark, a compatibility ideograph …) makes it answer nil, and the caller takes Foundation's path.
/// `PlainSearchTextTests` checks every accepted scalar against Foundation.
enum PlainSearchText {
    /// The normalised UTF-8 bytes of `text`, or nil when it holds a scalar outside the accepted set.
    static func normalized(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(lowerASCII(UInt8(truncatingIfNeeded: v)))
            } else if v >= 0xFF01, v <= 0xFF5E {
                out.append(lowerASCII(UInt8(truncatingIfNeeded: v - 0xFEE0))) // full-width ASCII (，：（）０-９Ａ-Ｚ)
            } else if v == 0x3000 {
                out.append(0x20) // the ideographic space
            } else if v == 0x2026 {
                out.append(contentsOf: [0x2E, 0x2E, 0x2E]) // … (a Chinese ellipsis is two of them)
            } else if v == 0x2103 {
                out.append(contentsOf: [0xC2, 0xB0, 0x63]) // ℃ is °c
            } else if isKept(v) {
                UTF8.encode(scalar) { out.append($0) }
            } else {
                return nil
            }
        }
        return out
    }

    /// Scalars NFKC keeps, that have no case, compose with nothing and stand alone as graphemes.
    static func isKept(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2F7FF: // CJK ideographs (not the compatibility ones)
            return true
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC: // kana and ー (not the combining or compatibility marks)
            return true
        case 0x3001, 0x3002, 0x3008...0x3011, 0x3014...0x301C: // 、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜
            return true
        case 0x00B0, 0x00B7, 0x2010, 0x2012...0x2016, 0x2018...0x2023, 0x2027: // ° · ‐ –— ‘’“” †‡• ‧
            return true
        default:
            return false
        }
    }

    static func lowerASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The tokens of normalised bytes from `normalized`, as `SearchTokenizer.tokens` makes them from `Character`s:
    /// here every scalar is a character, a letter or digit is ASCII's (after lower-casing, a–z and 0–9), and every
    /// other accepted scalar that is not CJK separates.
    static func tokens(_ normalized: [UInt8]) -> [SearchTokenizer.Token] {
        var result: [SearchTokenizer.Token] = []
        result.reserveCapacity(normalized.count / 2)
        var run: [Unicode.Scalar] = []
        var word: [UInt8] = []
        func flushRun() {
            guard let last = run.last else { return }
            if run.count > 1 {
                for i in 0..<(run.count - 1) {
                    var pair = ""
                    pair.unicodeScalars.append(run[i])
                    pair.unicodeScalars.append(run[i + 1])
                    result.append(SearchTokenizer.Token(text: pair, isRunTail: false, runLength: run.count))
                }
            }
            result.append(SearchTokenizer.Token(text: String(Character(last)), isRunTail: true, runLength: run.count))
            run.removeAll(keepingCapacity: true)
        }
        func flushWord() {
            guard !word.isEmpty else { return }
            result.append(SearchTokenizer.Token(text: String(decoding: word, as: UTF8.self), isRunTail: false, runLength: 0))
            word.removeAll(keepingCapacity: true)
        }
        for scalar in String(decoding: normalized, as: UTF8.self).unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(truncatingIfNeeded: scalar.value)
                flushRun()
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) { word.append(byte) } else { flushWord() }
            } else {
                flushWord()
                if SearchTokenizer.isCJK(scalar) { run.append(scalar) } else { flushRun() }
            }
        }
        flushRun()
        flushWord()
        return result
    }
}
