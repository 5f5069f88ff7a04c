import Foundation

/// #16.1: the transfer encodings and header encodings of MIME (RFC 2045, 2047, 2231).
public enum MailEncodings {
    // MARK: transfer encodings

    /// Quoted-printable (RFC 2045 §6.7): soft line breaks removed, `=XX` decoded, a stray `=` kept as it is.
    public static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "=") {
                // Soft line break: "=" then optional trailing whitespace then CRLF or LF.
                var j = i + 1
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j < n, bytes[j] == 0x0A { i = j + 1; continue }
                if j + 1 < n, bytes[j] == 0x0D, bytes[j + 1] == 0x0A { i = j + 2; continue }
                if j == n { i = n; continue }
                if i + 2 < n, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
                out.append(b)
                i += 1
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    /// Base64, forgiving: characters outside the alphabet (line breaks) skipped, missing padding accepted.
    /// `clean` is false when something other than whitespace had to be skipped or the length was wrong.
    public static func base64(_ bytes: [UInt8]) -> (bytes: [UInt8], clean: Bool) {
        var out = [UInt8](repeating: 0, count: bytes.count * 3 / 4 + 3)
        var written = 0, acc: UInt32 = 0, bits = 0, clean = true, sawPad = false, count = 0
        let table = base64Values
        bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                for b in input {
                    let v = table[Int(b)]
                    if v >= 64 {
                        switch v {
                        case Self.base64Pad: sawPad = true
                        case Self.base64Space: break
                        default: clean = false
                        }
                        continue
                    }
                    if sawPad { clean = false }
                    count += 1
                    acc = acc << 6 | UInt32(v)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        output[written] = UInt8(truncatingIfNeeded: acc >> UInt32(bits))
                        written += 1
                    }
                }
            }
        }
        if count % 4 == 1 { clean = false }
        out.removeLast(out.count - written)
        return (out, clean)
    }

    static let base64Pad: UInt8 = 0xFD, base64Space: UInt8 = 0xFE, base64Other: UInt8 = 0xFF
    /// Each byte's 6-bit value (both alphabets, RFC 4648 §4 and §5), or pad, white space, other.
    static let base64Values: [UInt8] = {
        var t = [UInt8](repeating: base64Other, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        t[Int(UInt8(ascii: "="))] = base64Pad
        for c: UInt8 in [0x20, 0x09, 0x0D, 0x0A] { t[Int(c)] = base64Space }
        return t
    }()

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    // MARK: RFC 2047 encoded words

    /// Decodes `=?charset?B|Q?text?=` words in a header value; whitespace between adjacent encoded words is dropped,
    /// and adjacent words of one charset are joined before decoding (a character may be split across two words).
    public static func decodeWords(_ value: String, charsets: MailCharsets, warnings: inout [String]) -> String {
        guard value.contains("=?") else { return value }
        enum Piece { case text(String), word(charset: String, bytes: [UInt8]) }
        var pieces: [Piece] = []
        var rest = Substring(value)
        while let start = rest.range(of: "=?") {
            if let word = encodedWord(rest[start.lowerBound...]) {
                if start.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<start.lowerBound]))) }
                pieces.append(.word(charset: word.charset, bytes: word.bytes))
                rest = rest[word.end...]
            } else {
                pieces.append(.text(String(rest[..<start.upperBound])))
                rest = rest[start.upperBound...]
            }
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        // Drop whitespace-only text between two words; join adjacent words of one charset.
        var merged: [Piece] = []
        for (index, piece) in pieces.enumerated() {
            if case .text(let t) = piece, t.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }),
               index > 0, index + 1 < pieces.count, case .word = pieces[index - 1], case .word = pieces[index + 1] {
                continue
            }
            if case .word(let c, let b) = piece, case .word(let pc, let pb)? = merged.last,
               MailCharsets.canonical(c) == MailCharsets.canonical(pc) {
                merged[merged.count - 1] = .word(charset: pc, bytes: pb + b)
                continue
            }
            merged.append(piece)
        }
        var out = ""
        for piece in merged {
            switch piece {
            case .text(let t): out += t
            case .word(let c, let b):
                let decoded = charsets.decode(b, charset: c)
                if let w = decoded.warning { warnings.append("header: \(w)") }
                out += decoded.text
            }
        }
        return out
    }

    static func encodedWord(_ s: Substring) -> (charset: String, bytes: [UInt8], end: Substring.Index)? {
        // =?charset?X?text?=
        guard s.hasPrefix("=?") else { return nil }
        let afterOpen = s.index(s.startIndex, offsetBy: 2)
        guard let q1 = s[afterOpen...].firstIndex(of: "?") else { return nil }
        let charset = String(s[afterOpen..<q1])
        guard !charset.isEmpty, !charset.contains(where: { $0 == " " || $0 == "=" }) else { return nil }
        let encStart = s.index(after: q1)
        guard encStart < s.endIndex else { return nil }
        let enc = s[encStart]
        let q2 = s.index(after: encStart)
        guard q2 < s.endIndex, s[q2] == "?" else { return nil }
        let textStart = s.index(after: q2)
        guard let close = s[textStart...].range(of: "?=") else { return nil }
        let text = s[textStart..<close.lowerBound]
        guard !text.contains(" ") else { return nil }
        let raw = Array(text.utf8)
        let bytes: [UInt8]
        switch enc {
        case "B", "b": bytes = base64(raw).bytes
        case "Q", "q": bytes = qWord(raw)
        default: return nil
        }
        return (charset, bytes, close.upperBound)
    }

    static func qWord(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < raw.count {
            let b = raw[i]
            if b == UInt8(ascii: "_") { out.append(0x20); i += 1 }
            else if b == UInt8(ascii: "="), i + 2 < raw.count, let h = hex(raw[i + 1]), let l = hex(raw[i + 2]) { out.append(h << 4 | l); i += 3 }
            else { out.append(b); i += 1 }
        }
        return out
    }

    // MARK: structured header values

    /// `type/subtype; a=b; c="d"` → lower-cased value and parameters (names lower-cased); RFC 2231 continuations
    /// (`name*0*=`, `name*1=`) and charsets (`name*=utf-8'zh'%E4%BD%A0`) assembled and decoded; RFC 2047 words in
    /// plain values (what many clients put in `name=`) decoded.
    public static func parameterized(_ value: String, charsets: MailCharsets, warnings: inout [String]) -> (value: String, params: [String: String]) {
        let parts = splitOutsideQuotes(value, separator: ";")
        let main = (parts.first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        struct Section { var index: Int; var encoded: Bool; var value: String }
        var plain: [String: String] = [:]
        var sections: [String: [Section]] = [:]
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { continue }
            var name = part[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var v = part[part.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = unquote(String(v.dropFirst().dropLast())) }
            guard !name.isEmpty else { continue }
            var encoded = false
            if name.hasSuffix("*") { encoded = true; name.removeLast() }
            if let star = name.firstIndex(of: "*"), let index = Int(name[name.index(after: star)...]) {
                sections[String(name[..<star]), default: []].append(Section(index: index, encoded: encoded, value: v))
            } else if encoded {
                sections[name, default: []].append(Section(index: 0, encoded: true, value: v))
            } else {
                plain[name] = v
            }
        }
        var params: [String: String] = [:]
        for (name, v) in plain { params[name] = decodeWords(v, charsets: charsets, warnings: &warnings) }
        for (name, list) in sections {
            let ordered = list.sorted { $0.index < $1.index }
            var charset: String?
            var bytes: [UInt8] = []
            for (i, section) in ordered.enumerated() {
                var text = section.value
                if section.encoded, i == 0 {
                    // charset'language'value
                    let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if pieces.count == 3 {
                        charset = pieces[0].isEmpty ? nil : String(pieces[0])
                        text = String(pieces[2])
                    }
                }
                bytes += section.encoded ? percentDecoded(text) : Array(text.utf8)
            }
            let decoded = charsets.decode(bytes, charset: charset ?? "utf-8")
            if let w = decoded.warning { warnings.append("parameter \(name): \(w)") }
            params[name] = decoded.text // an RFC 2231 value wins over a plain one of the same name
        }
        return (main, params)
    }

    static func percentDecoded(_ s: String) -> [UInt8] {
        let raw = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "%"), i + 2 < raw.count, let h = hex(raw[i + 1]), let l = hex(raw[i + 2]) {
                out.append(h << 4 | l); i += 3
            } else { out.append(raw[i]); i += 1 }
        }
        return out
    }

    static func unquote(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = "", escaped = false
        for c in s {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }

    /// Splits at `separator` outside double quotes, angle brackets and parentheses.
    static func splitOutsideQuotes(_ s: String, separator: Character) -> [String] {
        var out: [String] = [], current = ""
        var quoted = false, escaped = false, angle = 0, paren = 0
        for c in s {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\", quoted { escaped = true; current.append(c); continue }
            if c == "\"" { quoted.toggle() }
            else if !quoted {
                if c == "<" { angle += 1 } else if c == ">" { angle = max(0, angle - 1) }
                else if c == "(" { paren += 1 } else if c == ")" { paren = max(0, paren - 1) }
                else if c == separator, angle == 0, paren == 0 { out.append(current); current = ""; continue }
            }
            current.append(c)
        }
        out.append(current)
        return out
    }

    // MARK: addresses and ids

    /// A list of mailboxes (`From`, `To`, `Cc`); groups flattened; display names decoded.
    public static func addresses(_ value: String, charsets: MailCharsets, warnings: inout [String]) -> [MailAddress] {
        var out: [MailAddress] = []
        var text = value
        // group syntax: "name: a, b;" → the members
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("<"), !text[..<colon].contains("@"), !text[..<colon].contains("\"") {
            text = String(text[text.index(after: colon)...]).replacingOccurrences(of: ";", with: "")
        }
        for entry in splitOutsideQuotes(text, separator: ",") {
            if let a = mailbox(entry, charsets: charsets, warnings: &warnings) { out.append(a) }
        }
        return out
    }

    static func mailbox(_ raw: String, charsets: MailCharsets, warnings: inout [String]) -> MailAddress? {
        let entry = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !entry.isEmpty else { return nil }
        if let open = entry.lastIndex(of: "<"), let close = entry[open...].firstIndex(of: ">") {
            let addr = entry[entry.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            var name = entry[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = unquote(String(name.dropFirst().dropLast())) }
            let decoded = decodeWords(name, charsets: charsets, warnings: &warnings).trimmingCharacters(in: .whitespaces)
            guard !addr.isEmpty else { return MailAddress(name: decoded, address: "") }
            return MailAddress(name: decoded, address: addr)
        }
        // addr-spec with an optional (comment) as name
        var comment: String?
        var spec = entry
        if let open = entry.firstIndex(of: "("), let close = entry.lastIndex(of: ")"), open < close {
            comment = String(entry[entry.index(after: open)..<close])
            spec = (String(entry[..<open]) + String(entry[entry.index(after: close)...])).trimmingCharacters(in: .whitespaces)
        }
        guard spec.contains("@") else { return nil }
        return MailAddress(name: comment.map { decodeWords($0, charsets: charsets, warnings: &warnings) }, address: spec)
    }

    /// The `<...>` ids of Message-ID, In-Reply-To and References, without brackets; a bare id when there are none.
    public static func messageIds(_ value: String?) -> [String] {
        guard let value else { return [] }
        var out: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { out.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if out.isEmpty {
            let bare = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !bare.isEmpty, !bare.contains(" "), bare.contains("@") { out.append(bare) }
        }
        return out
    }

    /// RFC 5322 date (`Tue, 1 Dec 2026 10:00:00 +0800`, weekday and seconds optional, comments ignored).
    public static func date(_ value: String?) -> Date? { MailDates.parse(value) }
}
