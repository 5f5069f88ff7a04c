import Foundation

/// #16.1: the safe text of an HTML-only message: scripts, styles and comments dropped, tags stripped, entities
/// decoded, line breaks kept where the HTML breaks lines (br, p, div, tr, li, headings). The result is plain text; it is
/// escaped wherever it is shown like any other ticket text.
public enum MailHTMLText {
    public static func text(_ html: String) -> String {
        var s = html
        for tag in ["script", "style", "head", "title"] { s = removeElement(tag, from: s) }
        s = replacing(s, from: "<!--", to: "-->", with: "")
        // Source whitespace is not text layout.
        s = s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\t", with: " ")
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "<", let close = s[i...].firstIndex(of: ">") {
                let tag = s[s.index(after: i)..<close]
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                let closing = tag.hasPrefix("/")
                switch name {
                case "br": out += "\n"
                case "p", "div", "tr", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre":
                    if !out.hasSuffix("\n") { out += "\n" }
                case "li": if !closing { if !out.hasSuffix("\n") { out += "\n" }; out += "- " }
                case "td", "th": if !closing { out += " " }
                default: break
                }
                i = s.index(after: close)
            } else {
                out.append(c)
                i = s.index(after: i)
            }
        }
        let decoded = entities(out)
        // Tidy: spaces collapsed within lines, lines trimmed, at most one empty line in a row.
        var lines: [String] = []
        for line in decoded.split(separator: "\n", omittingEmptySubsequences: false) {
            let collapsed = line.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).joined(separator: " ")
            if collapsed.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(collapsed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func removeElement(_ tag: String, from s: String) -> String {
        var out = s
        while let open = out.range(of: "<\(tag)", options: .caseInsensitive) {
            if let close = out.range(of: "</\(tag)", options: .caseInsensitive, range: open.upperBound..<out.endIndex) {
                let end = out[close.upperBound...].firstIndex(of: ">").map { out.index(after: $0) } ?? out.endIndex
                out.removeSubrange(open.lowerBound..<end)
            } else {
                let end = out[open.upperBound...].firstIndex(of: ">").map { out.index(after: $0) } ?? out.endIndex
                out.removeSubrange(open.lowerBound..<end)
            }
        }
        return out
    }

    static func replacing(_ s: String, from: String, to: String, with: String) -> String {
        var out = s
        while let open = out.range(of: from) {
            let end = out.range(of: to, range: open.upperBound..<out.endIndex)?.upperBound ?? out.endIndex
            out.replaceSubrange(open.lowerBound..<end, with: with)
        }
        return out
    }

    /// A character reference's scalar; NUL and other controls but line breaks and tabs are no text.
    static func scalar(_ v: UInt32) -> Unicode.Scalar? {
        guard v >= 0x20 || v == 0x0A || v == 0x09, v != 0x7F else { return nil }
        return Unicode.Scalar(v)
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "copy": "©", "reg": "®",
        "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "middot": "·",
        "yen": "¥", "times": "×", "bull": "•",
    ]

    /// `&amp;`, `&#20320;`, `&#x4F60;`; an unknown entity is kept as written.
    public static func entities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let body = s[s.index(after: i)..<semi]
                var replacement: String?
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    replacement = UInt32(body.dropFirst(2), radix: 16).flatMap(Self.scalar).map { String(Character($0)) }
                } else if body.hasPrefix("#") {
                    replacement = UInt32(body.dropFirst()).flatMap(Self.scalar).map { String(Character($0)) }
                } else {
                    replacement = named[body.lowercased()]
                }
                if let replacement {
                    out += replacement
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }
}
