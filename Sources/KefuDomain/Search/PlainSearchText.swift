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
                appendUTF8(v, to: &out)
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

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case ..<0x800:
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// The tokens of normalised bytes from `normalized`, as `SearchTokenizer.tokens` makes them from `Character`s:
    /// here every scalar is a character, a letter or digit is ASCII's (after lower-casing, a–z and 0–9), and every
    /// other accepted scalar that is not CJK separates.
    static func tokens(_ normalized: [UInt8]) -> [SearchTokenizer.Token] {
        var result: [SearchTokenizer.Token] = []
        result.reserveCapacity(normalized.count / 2)
        var run: [Unicode.Scalar] = []
        var wordStart = -1
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
        func flushWord(before end: Int) {
            guard wordStart >= 0 else { return }
            result.append(SearchTokenizer.Token(text: String(decoding: normalized[wordStart..<end], as: UTF8.self),
                                                isRunTail: false, runLength: 0))
            wordStart = -1
        }
        var i = 0
        let n = normalized.count
        while i < n {
            let byte = normalized[i]
            if byte < 0x80 {
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    flushRun()
                    if wordStart < 0 { wordStart = i }
                } else {
                    flushRun()
                    flushWord(before: i)
                }
                i += 1
                continue
            }
            let (scalar, width) = decodeUTF8(normalized, at: i)
            flushWord(before: i)
            if SearchTokenizer.isCJK(scalar) { run.append(scalar) } else { flushRun() }
            i += width
        }
        flushRun()
        flushWord(before: n)
        return result
    }

    /// The scalar starting at `i` of well-formed UTF-8 (as `normalized` writes it) and its length in bytes.
    static func decodeUTF8(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        let value: UInt32, width: Int
        if b0 < 0xE0 {
            value = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); width = 2
        } else if b0 < 0xF0 {
            value = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); width = 3
        } else {
            value = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F)
            width = 4
        }
        return (Unicode.Scalar(value)!, width)
    }
}
