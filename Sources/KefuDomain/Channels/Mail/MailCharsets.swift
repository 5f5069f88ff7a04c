import Foundation

/// #16.1: bytes of a declared charset to text. UTF-8, US-ASCII and ISO-8859-1 here; GB2312, GBK and GB18030 are all
/// decoded as GB18030 (a superset of both, and what Outlook means by "gb2312" more often than not), Big5 as Big5,
/// through the platform's codecs. Unknown charset: UTF-8 with replacement characters, and a warning.
public struct MailCharsets: Sendable {
    let codecs: any MailCodecs

    public init(codecs: any MailCodecs) { self.codecs = codecs }

    /// The canonical name a declared charset is decoded as.
    public static func canonical(_ declared: String?) -> String {
        var name = (declared ?? "us-ascii").trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t")).lowercased()
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) } // RFC 2231 language suffix
        switch name {
        case "", "us-ascii", "ascii", "ansi_x3.4-1968", "us": return "US-ASCII"
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1": return "ISO-8859-1"
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "euc-cn", "x-euc-cn", "csgb2312", "gb_2312-80", "windows-936":
            return "GB18030"
        case "big5", "big-5", "x-big5", "cn-big5", "csbig5", "cp950", "big5-hkscs": return "BIG5"
        default: return name.uppercased()
        }
    }

    /// Text and, when something had to be guessed, a warning.
    public func decode(_ bytes: [UInt8], charset declared: String?) -> (text: String, warning: String?) {
        let name = Self.canonical(declared)
        switch name {
        case "UTF-8": return Self.utf8(bytes, label: "utf-8")
        case "US-ASCII":
            if bytes.allSatisfy({ $0 < 0x80 }) { return (String(decoding: bytes, as: UTF8.self), nil) }
            // 8-bit bytes in a message that declares none: UTF-8 if they are, else GB18030 (old Chinese clients).
            if let s = String(validatingUTF8Bytes: bytes) { return (s, nil) }
            if let g = codecs.decode(bytes, charset: "GB18030"), !g.lossy { return (g.text, "8-bit bytes without a charset read as GB18030") }
            return Self.utf8(bytes, label: "us-ascii")
        case "ISO-8859-1":
            return (String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })), nil)
        default:
            if let decoded = codecs.decode(bytes, charset: name) {
                return (decoded.text, decoded.lossy ? "bytes that are not \(name) replaced" : nil)
            }
            let fallback = Self.utf8(bytes, label: name)
            return (fallback.text, "unknown charset \(declared ?? "") read as UTF-8")
        }
    }

    static func utf8(_ bytes: [UInt8], label: String) -> (text: String, warning: String?) {
        if let s = String(validatingUTF8Bytes: bytes) { return (s, nil) }
        return (String(decoding: bytes, as: UTF8.self), "bytes that are not \(label) replaced")
    }
}

extension String {
    /// nil when `bytes` are not valid UTF-8.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(scalars)
    }
}
