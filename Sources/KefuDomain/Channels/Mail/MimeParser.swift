import Foundation

/// #16.1 (CH-01): one raw RFC 5322 message → `ParsedMail`. Pure: bytes in, value out; the platform's codecs decode
/// the charsets Foundation lacks and hash the attachments.
public struct MimeParser: Sendable {
    public let limits: MailLimits
    let charsets: MailCharsets
    let codecs: any MailCodecs

    public init(codecs: any MailCodecs, limits: MailLimits = MailLimits()) {
        self.codecs = codecs
        self.charsets = MailCharsets(codecs: codecs)
        self.limits = limits
    }

    /// One entity: its headers and the bytes of its body (still transfer-encoded).
    struct Entity {
        var headers: MailHeaders
        var body: ArraySlice<UInt8>
    }

    public func parse(_ raw: [UInt8]) throws -> ParsedMail {
        if raw.count > limits.maxMessageBytes { throw MailParseError.tooLarge(raw.count, limit: limits.maxMessageBytes) }
        var warnings: [String] = []
        let top = Self.entity(raw[...], charsets: charsets, warnings: &warnings)
        guard !top.headers.fields.isEmpty else { throw MailParseError("no_headers", "the message has no header fields") }
        let h = top.headers
        var mail = ParsedMail(headers: h)
        mail.messageId = MailEncodings.messageIds(h.value("Message-ID")).first
        mail.inReplyTo = MailEncodings.messageIds(h.value("In-Reply-To"))
        mail.references = MailEncodings.messageIds(h.values("References").joined(separator: " "))
        mail.from = MailEncodings.addresses(h.value("From") ?? "", charsets: charsets, warnings: &warnings).first
        mail.to = h.values("To").flatMap { MailEncodings.addresses($0, charsets: charsets, warnings: &warnings) }
        mail.cc = h.values("Cc").flatMap { MailEncodings.addresses($0, charsets: charsets, warnings: &warnings) }
        mail.subject = MailEncodings.decodeWords(h.value("Subject") ?? "", charsets: charsets, warnings: &warnings)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        mail.date = MailEncodings.date(h.value("Date"))

        var collected = Collected()
        try walk(top, depth: 0, inAlternative: false, into: &collected, warnings: &warnings)
        if !collected.plain.isEmpty {
            mail.text = collected.plain.joined(separator: "\n\n")
        } else if let html = collected.html.first {
            mail.text = MailHTMLText.text(html.text)
            mail.htmlOnly = true
            collected.attachments.insert(MailAttachment(fileName: "message.html", contentType: "text/html", bytes: html.bytes,
                                                        sha256: codecs.sha256Hex(html.bytes), contentId: nil, isInline: false), at: 0)
        }
        mail.text = Self.normalisedLines(mail.text)
        mail.attachments = collected.attachments
        mail.automation = Self.automation(h, from: mail.from, topType: collected.topType)
        mail.warnings = warnings
        return mail
    }

    struct Collected {
        var plain: [String] = []
        var html: [(text: String, bytes: [UInt8])] = []
        var attachments: [MailAttachment] = []
        var topType: String?
    }

    func walk(_ entity: Entity, depth: Int, inAlternative: Bool, into out: inout Collected, warnings: inout [String]) throws {
        guard depth <= limits.maxDepth else { throw MailParseError("too_deep", "multipart nesting deeper than \(limits.maxDepth)") }
        let (type, params) = MailEncodings.parameterized(entity.headers.value("Content-Type") ?? "text/plain", charsets: charsets, warnings: &warnings)
        let contentType = type.contains("/") ? type : "text/plain"
        if depth == 0 { out.topType = contentType }
        if contentType.hasPrefix("multipart/") {
            guard let boundary = params["boundary"], !boundary.isEmpty else {
                throw MailParseError("malformed_multipart", "\(contentType) without a boundary")
            }
            let parts = Self.split(entity.body, boundary: boundary)
            guard !parts.isEmpty else { throw MailParseError("malformed_multipart", "no part delimited by the boundary \"\(boundary)\"") }
            let entities = parts.map { Self.entity($0, charsets: charsets, warnings: &warnings) }
            if contentType == "multipart/alternative" {
                // The richest text the client offers that we read: plain when there is one, else html; other parts
                // (a nested related with images) still contribute their attachments.
                let hasPlain = entities.contains { e in
                    let t = MailEncodings.parameterized(e.headers.value("Content-Type") ?? "text/plain", charsets: charsets, warnings: &warnings).value
                    return (t == "text/plain" || !t.contains("/")) && !Self.isAttachment(e.headers, charsets: charsets)
                }
                for e in entities {
                    let t = MailEncodings.parameterized(e.headers.value("Content-Type") ?? "text/plain", charsets: charsets, warnings: &warnings).value
                    if hasPlain, t == "text/html" { continue }
                    try walk(e, depth: depth + 1, inAlternative: true, into: &out, warnings: &warnings)
                }
            } else {
                for e in entities { try walk(e, depth: depth + 1, inAlternative: false, into: &out, warnings: &warnings) }
            }
            return
        }
        let bytes = decodeBody(entity, warnings: &warnings)
        let attachment = Self.isAttachment(entity.headers, charsets: charsets)
        if !attachment, contentType == "text/plain" {
            let text = charsets.decode(bytes, charset: params["charset"])
            if let w = text.warning { warnings.append("body: \(w)") }
            out.plain.append(text.text)
            return
        }
        if !attachment, contentType == "text/html" {
            let text = charsets.decode(bytes, charset: params["charset"])
            if let w = text.warning { warnings.append("body: \(w)") }
            out.html.append((text.text, Array(text.text.utf8)))
            return
        }
        let disposition = MailEncodings.parameterized(entity.headers.value("Content-Disposition") ?? "", charsets: charsets, warnings: &warnings)
        let contentId = MailEncodings.messageIds(entity.headers.value("Content-ID")).first
        var name = disposition.params["filename"] ?? params["name"]
        name = name.map(Self.safeFileName)
        if name?.isEmpty ?? true {
            name = "part-\(out.attachments.count + 1)\(Self.fileExtension(for: contentType))"
        }
        let isInline = disposition.value == "inline" || (disposition.value.isEmpty && contentId != nil)
        out.attachments.append(MailAttachment(fileName: name!, contentType: contentType, bytes: bytes, sha256: codecs.sha256Hex(bytes),
                                              contentId: contentId, isInline: isInline))
    }

    func decodeBody(_ entity: Entity, warnings: inout [String]) -> [UInt8] {
        let cte = (entity.headers.value("Content-Transfer-Encoding") ?? "7bit").trimmingCharacters(in: .whitespaces).lowercased()
        switch cte {
        case "base64":
            let decoded = MailEncodings.base64(Array(entity.body))
            if !decoded.clean { warnings.append("body: base64 with characters outside the alphabet or a bad length") }
            return decoded.bytes
        case "quoted-printable": return MailEncodings.quotedPrintable(Array(entity.body))
        case "7bit", "8bit", "binary", "": return Array(entity.body)
        default:
            warnings.append("body: unknown transfer encoding \(cte) kept as it is")
            return Array(entity.body)
        }
    }

    static func isAttachment(_ headers: MailHeaders, charsets: MailCharsets) -> Bool {
        var ignored: [String] = []
        let d = MailEncodings.parameterized(headers.value("Content-Disposition") ?? "", charsets: charsets, warnings: &ignored)
        if d.value == "attachment" { return true }
        return d.params["filename"] != nil
    }

    /// A file name without directories or control characters.
    static func safeFileName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        return cleaned == "." || cleaned == ".." ? "" : String(cleaned.prefix(200))
    }

    static func fileExtension(for type: String) -> String {
        switch type {
        case "image/png": return ".png"
        case "image/jpeg": return ".jpg"
        case "image/gif": return ".gif"
        case "application/pdf": return ".pdf"
        case "message/rfc822": return ".eml"
        case "message/delivery-status": return ".txt"
        case "text/plain": return ".txt"
        case "text/html": return ".html"
        default: return ".bin"
        }
    }

    static func normalisedLines(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: headers and bodies

    /// Splits an entity at its first empty line; header lines unfolded (a line starting with space or tab continues
    /// the previous one). Header bytes are UTF-8 when they are (RFC 6532), else GB18030 (raw 8-bit headers of old
    /// Chinese clients), else ISO-8859-1.
    static func entity(_ bytes: ArraySlice<UInt8>, charsets: MailCharsets, warnings: inout [String]) -> Entity {
        var lines: [ArraySlice<UInt8>] = []
        var i = bytes.startIndex
        var bodyStart = bytes.endIndex
        var lineStart = i
        while i < bytes.endIndex {
            if bytes[i] == 0x0A {
                var lineEnd = i
                if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd == lineStart { bodyStart = i + 1; break }
                lines.append(bytes[lineStart..<lineEnd])
                lineStart = i + 1
            }
            i += 1
        }
        if i >= bytes.endIndex, lineStart < bytes.endIndex { lines.append(bytes[lineStart..<bytes.endIndex]) }
        // A body part that starts with an empty line has no headers.
        var fields: [MailHeaders.Field] = []
        var current: [UInt8]?
        var headerEnd = true
        func flush() {
            guard let c = current, let colon = c.firstIndex(of: UInt8(ascii: ":")) else { return }
            let name = String(decoding: c[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let valueBytes = Array(c[(colon + 1)...])
            var text: String
            if let utf8 = String(validatingUTF8Bytes: valueBytes) { text = utf8 }
            else {
                let g = charsets.decode(valueBytes, charset: "gb18030")
                text = g.warning == nil ? g.text : charsets.decode(valueBytes, charset: "iso-8859-1").text
            }
            text = text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains(" ") else { return }
            fields.append(.init(name: name, value: text))
        }
        for line in lines {
            if let first = line.first, first == 0x20 || first == 0x09 {
                if current != nil { current! += [0x20] + line.drop(while: { $0 == 0x20 || $0 == 0x09 }) }
                continue
            }
            guard line.contains(UInt8(ascii: ":")) else {
                // Not a header line: the message has no (more) headers; the rest is body.
                headerEnd = false
                bodyStart = line.startIndex
                break
            }
            flush()
            current = Array(line)
        }
        flush()
        if !headerEnd, fields.isEmpty { return Entity(headers: MailHeaders(fields: []), body: bytes) }
        return Entity(headers: MailHeaders(fields: fields), body: bytes[min(bodyStart, bytes.endIndex)...])
    }

    /// The parts between `--boundary` lines (the line break before a delimiter belongs to the delimiter).
    static func split(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        var i = body.startIndex
        while lineStart <= body.endIndex {
            // find the end of this line
            i = lineStart
            while i < body.endIndex, body[i] != 0x0A { i += 1 }
            let line = body[lineStart..<i]
            if line.count >= delimiter.count, line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                let closing = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                let onlySpace = rest.dropFirst(closing ? 2 : 0).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if onlySpace {
                    if let start = partStart {
                        var end = lineStart
                        if end > start, body[end - 1] == 0x0A { end -= 1 }
                        if end > start, body[end - 1] == 0x0D { end -= 1 }
                        parts.append(body[start..<max(start, end)])
                    }
                    if closing { return parts }
                    partStart = min(i + 1, body.endIndex)
                }
            }
            if i >= body.endIndex { break }
            lineStart = i + 1
        }
        // No closing delimiter: the last part runs to the end.
        if let start = partStart, start < body.endIndex { parts.append(body[start...]) }
        return parts
    }

    // MARK: loop protection

    /// Auto-replies and bounces (RFC 3834 Auto-Submitted, Precedence, X-Autoreply/X-Autorespond, null sender,
    /// MAILER-DAEMON/postmaster, multipart/report delivery reports).
    static func automation(_ h: MailHeaders, from: MailAddress?, topType: String?) -> MailAutomation? {
        if let rp = h.value("Return-Path"), rp.replacingOccurrences(of: " ", with: "") == "<>" { return .bounce("null_sender") }
        if let local = from?.localPart.lowercased(), local == "mailer-daemon" || local == "postmaster" { return .bounce("mailer_daemon") }
        if topType == "multipart/report" { return .bounce("delivery_report") }
        if let auto = h.value("Auto-Submitted") {
            let v = auto.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            if v != "no", !v.isEmpty { return .autoReply("auto_submitted") }
        }
        if let p = h.value("Precedence")?.trimmingCharacters(in: .whitespaces).lowercased(), ["bulk", "junk", "list", "auto_reply"].contains(p) {
            return .autoReply("precedence_\(p)")
        }
        if h.value("X-Autoreply") != nil || h.value("X-Autorespond") != nil { return .autoReply("x_autoreply") }
        return nil
    }
}

extension MimeParser {
    /// The header fields of a message as far as they can be read (for a quarantined message that does not parse).
    public static func headerFields(_ raw: [UInt8], codecs: any MailCodecs, limits: MailLimits = MailLimits()) -> [MailHeaders.Field] {
        var ignored: [String] = []
        return entity(raw[...], charsets: MailCharsets(codecs: codecs), warnings: &ignored).headers.fields
    }
}

extension MimeParser {
    /// Sender address and subject of a message that does not parse, as far as its header fields can be read.
    public static func summary(_ raw: [UInt8], codecs: any MailCodecs) -> (from: String, subject: String) {
        let charsets = MailCharsets(codecs: codecs)
        var warnings: [String] = []
        let headers = MailHeaders(fields: headerFields(raw, codecs: codecs))
        let from = MailEncodings.addresses(headers.value("From") ?? "", charsets: charsets, warnings: &warnings).first?.address ?? ""
        let subject = MailEncodings.decodeWords(headers.value("Subject") ?? "", charsets: charsets, warnings: &warnings)
        return (from, subject.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
