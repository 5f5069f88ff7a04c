/// XML text as spreadsheet parts need it: escaping for writing, and a small pull tokenizer for reading
/// (elements, attributes, text, CDATA; the five named entities and numeric references; no DTD expansion).
public enum XMLText {
    /// Text or attribute content with & < > " ' escaped and characters XML 1.0 forbids (most C0 controls) dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Resolves entity and character references in raw text.
    public static func unescape(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "&", let semi = s[i...].firstIndex(of: ";"), s.distance(from: i, to: semi) <= 10 {
                let name = s[s.index(after: i)..<semi]
                var replacement: String?
                switch name {
                case "amp": replacement = "&"
                case "lt": replacement = "<"
                case "gt": replacement = ">"
                case "quot": replacement = "\""
                case "apos": replacement = "'"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                        replacement = String(Character(u))
                    } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                        replacement = String(Character(u))
                    }
                }
                if let replacement {
                    out += replacement
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(c)
            i = s.index(after: i)
        }
        return out
    }

    public enum Event: Equatable {
        /// An element's local name (prefix dropped) with its attributes by local name; `empty` for `<x/>`.
        case start(String, [String: String], empty: Bool)
        case end(String)
        case text(String)
    }

    public struct Malformed: Error, Equatable {}

    /// All events of a document in order.
    public static func events(_ bytes: [UInt8]) throws -> [Event] {
        var events: [Event] = []
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        func find(_ pattern: [UInt8], from: Int) -> Int? {
            guard pattern.count <= n else { return nil }
            var j = from
            while j + pattern.count <= n {
                if bytes[j] == pattern[0] {
                    var k = 1
                    while k < pattern.count, bytes[j + k] == pattern[k] { k += 1 }
                    if k == pattern.count { return j }
                }
                j += 1
            }
            return nil
        }
        func text(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<b], as: UTF8.self) }
        func localName(_ s: String) -> String {
            if let colon = s.lastIndex(of: ":") { return String(s[s.index(after: colon)...]) }
            return s
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while i < n {
            if bytes[i] != UInt8(ascii: "<") {
                var j = i
                while j < n, bytes[j] != UInt8(ascii: "<") { j += 1 }
                events.append(.text(unescape(Substring(text(i, j)))))
                i = j
                continue
            }
            guard i + 1 < n else { throw Malformed() }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "?") {
                guard let e = find(Array("?>".utf8), from: i + 2) else { throw Malformed() }
                i = e + 2
            } else if next == UInt8(ascii: "!") {
                if let e = find(Array("<![CDATA[".utf8), from: i), e == i {
                    guard let end = find(Array("]]>".utf8), from: i + 9) else { throw Malformed() }
                    events.append(.text(text(i + 9, end)))
                    i = end + 3
                } else if i + 3 < n, bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") {
                    guard let end = find(Array("-->".utf8), from: i + 4) else { throw Malformed() }
                    i = end + 3
                } else {
                    guard let end = find([UInt8(ascii: ">")], from: i) else { throw Malformed() }
                    i = end + 1
                }
            } else if next == UInt8(ascii: "/") {
                guard let end = find([UInt8(ascii: ">")], from: i) else { throw Malformed() }
                var a = i + 2, b = end
                while a < b, isSpace(bytes[a]) { a += 1 }
                while b > a, isSpace(bytes[b - 1]) { b -= 1 }
                events.append(.end(localName(text(a, b))))
                i = end + 1
            } else {
                var j = i + 1
                while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
                let name = localName(text(i + 1, j))
                var attrs: [String: String] = [:]
                var empty = false
                while true {
                    while j < n, isSpace(bytes[j]) { j += 1 }
                    guard j < n else { throw Malformed() }
                    if bytes[j] == UInt8(ascii: ">") { j += 1; break }
                    if bytes[j] == UInt8(ascii: "/") {
                        guard j + 1 < n, bytes[j + 1] == UInt8(ascii: ">") else { throw Malformed() }
                        empty = true
                        j += 2
                        break
                    }
                    let an = j
                    while j < n, bytes[j] != UInt8(ascii: "="), !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">") { j += 1 }
                    let attrName = localName(text(an, j))
                    while j < n, isSpace(bytes[j]) { j += 1 }
                    guard j < n, bytes[j] == UInt8(ascii: "=") else { throw Malformed() }
                    j += 1
                    while j < n, isSpace(bytes[j]) { j += 1 }
                    guard j < n, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") else { throw Malformed() }
                    let quote = bytes[j]
                    let vs = j + 1
                    j = vs
                    while j < n, bytes[j] != quote { j += 1 }
                    guard j < n else { throw Malformed() }
                    attrs[attrName] = unescape(Substring(text(vs, j)))
                    j += 1
                }
                events.append(.start(name, attrs, empty: empty))
                i = j
            }
        }
        return events
    }
}
