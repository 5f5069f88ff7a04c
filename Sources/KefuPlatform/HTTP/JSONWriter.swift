/// Writes JSON by hand for the few hot responses (ticket lists): Foundation's JSONEncoder took a quarter of a
/// search request's CPU. Output is ordinary JSON; tests compare it with JSONEncoder's.
public protocol JSONWritable: Encodable {
    func writeJSON(to out: inout JSONWriter)
}

public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init() { bytes.reserveCapacity(16 * 1024) }

    private mutating func separate() {
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
        }
    }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// A key inside an object; the next value written belongs to it.
    public mutating func key(_ k: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma[needsComma.count - 1] = false
    }

    /// A key known only at run time (#18.5: a timeline row's data). Not an overload of `key(_:)`: a string literal
    /// picks `String` over `StaticString`, and every ticket list's keys then went through the escape test (#17.4).
    public mutating func key(named k: String) {
        string(k)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ s: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        // Most texts (numbers, ids, states, Chinese names) need no escape: copy them whole (#13.9: byte-by-byte
        // appends were 8 % of the 50,000-row report's CPU).
        // The scan runs over the text's bytes in place when it has them (a native string): the generic `contains`
        // walked them one by one through the view's iterator, 2.4 % of the server's CPU on a `q` search.
        let copied = s.utf8.withContiguousStorageIfAvailable { text in
            if Self.anyNeedsEscape(text) { return false }
            bytes.append(contentsOf: text)
            return true
        }
        if copied ?? !s.utf8.contains(where: Self.needsEscape) {
            if copied == nil { bytes.append(contentsOf: s.utf8) }
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always) private static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\")
    }

    /// Whether any byte needs an escape, eight bytes at a time (#17.4: the byte-by-byte scan was 4–5 % of a 50-row
    /// list's CPU; a list is some 70 KB of text, most of it descriptions). Each test is exact for the word as a whole:
    /// `(x - 0x01…) & ~x & 0x80…` is non-zero if and only if some byte of x is zero (for a byte below n: `x - n…`, n ≤ 0x80).
    private static func anyNeedsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        while offset + 8 <= raw.count {
            let x = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let quote = x ^ (ones &* 0x22), backslash = x ^ (ones &* 0x5C)
            let control = (x &- ones &* 0x20) & ~x
            if (control | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs != 0 { return true }
            offset += 8
        }
        while offset < raw.count {
            if needsEscape(raw[offset]) { return true }
            offset += 1
        }
        return false
    }

    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    public mutating func int(_ n: Int) { separate(); bytes.append(contentsOf: String(n).utf8) }
    /// A number given as its exact JSON text (e.g. a decimal quantity "-3.5"); the caller guarantees the syntax.
    public mutating func number(_ literal: String) { separate(); bytes.append(contentsOf: literal.utf8) }
    public mutating func bool(_ b: Bool) { separate(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
}

extension ListPage: JSONWritable where Item: JSONWritable {
    public func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.key("items"); out.beginArray(); for item in items { item.writeJSON(to: &out) }; out.endArray()
        out.key("page"); out.int(page)
        out.key("per"); out.int(per)
        out.key("total"); out.int(total)
        out.key("totalExact"); out.bool(totalExact)
        out.endObject()
    }
}
