import Foundation

/// #16 item 2 (CH-01): a message Kefu sends — a public reply on an e-mail ticket, or the acknowledgement of a new one —
/// composed once, when it is queued, so that every retry sends the same bytes under the same Message-ID.
/// Threading: Message-ID is Kefu's own; In-Reply-To names the customer's latest message; References carries the
/// thread (the customer's first message, then the latest ones), so that the customer's mail client files the answer
/// under the conversation, and the customer's next answer names a Message-ID Kefu knows.
public struct OutboundMail: Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A staff member's public reply on the ticket.
        case reply
        /// The automatic acknowledgement of a new ticket from mail (RFC 3834: `Auto-Submitted: auto-replied`).
        case acknowledgement
        /// #16.6 a customer portal sign-in link: tied to no ticket, no threading (RFC 3834: `Auto-Submitted: auto-generated`).
        case portalLink = "portal_link"
    }

    public let kind: Kind
    public let from: MailAddress
    public let to: MailAddress
    public let subject: String
    public let body: String
    /// Without angle brackets.
    public let messageId: String
    public let inReplyTo: String?
    public let references: [String]
    public let ticketNumber: String
    public let date: Date

    public init(kind: Kind, from: MailAddress, to: MailAddress, subject: String, body: String, messageId: String, inReplyTo: String?,
                references: [String], ticketNumber: String, date: Date) {
        self.kind = kind; self.from = from; self.to = to; self.subject = subject; self.body = body; self.messageId = messageId
        self.inReplyTo = inReplyTo; self.references = references; self.ticketNumber = ticketNumber; self.date = date
    }

    /// At most this many ids in References: the first of the thread and the latest (RFC 5322 §3.6.4 allows trimming).
    public static let maxReferences = 20

    /// The References of an answer to a thread whose ids are `thread` (oldest first): the first, then the latest.
    public static func references(_ thread: [String]) -> [String] {
        var seen = Set<String>(), unique: [String] = []
        for id in thread where seen.insert(id).inserted { unique.append(id) }
        guard unique.count > maxReferences else { return unique }
        return [unique[0]] + unique.suffix(maxReferences - 1)
    }

    /// `Re: <subject> [KF2026-000001]`: the ticket number stays in the subject, so an answer finds its ticket even when
    /// the customer's client drops In-Reply-To (the intake reads `MailSubjectNumber`).
    public static func replySubject(ticketSubject: String, ticketNumber: String) -> String {
        var s = ticketSubject.trimmingCharacters(in: .whitespacesAndNewlines)
        while let range = s.range(of: "^(re|回复|答复|aw|fw|fwd|转发)\\s*[:：]\\s*", options: [.regularExpression, .caseInsensitive]) {
            s.removeSubrange(range)
        }
        let tag = "[\(ticketNumber)]"
        if s.contains(ticketNumber) { return "Re: " + s }
        return "Re: " + (s.isEmpty ? tag : s + " " + tag)
    }

    /// `<id@domain>` ids: unique per message, never guessable from another (the queue row's id is random).
    public static func messageId(localPart: String, domain: String) -> String { "kefu.\(localPart)@\(domain)" }

    /// The message as it goes on the wire (CRLF line ends, 7-bit: headers as RFC 2047 words, the body base64 UTF-8).
    public func rfc5322() -> [UInt8] {
        var lines: [String] = []
        lines.append("From: " + Self.mailbox(from))
        lines.append("To: " + Self.mailbox(to))
        lines.append(Self.folded("Subject", Self.encodedWords(subject)))
        lines.append("Date: " + Self.rfc5322Date(date))
        lines.append("Message-ID: <\(messageId)>")
        if let inReplyTo { lines.append("In-Reply-To: <\(inReplyTo)>") }
        if !references.isEmpty { lines.append(Self.folded("References", references.map { "<\($0)>" })) }
        if kind == .acknowledgement { lines.append("Auto-Submitted: auto-replied") }
        if kind == .portalLink { lines.append("Auto-Submitted: auto-generated") }
        if !ticketNumber.isEmpty { lines.append("X-Kefu-Ticket: \(ticketNumber)") }
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: text/plain; charset=UTF-8")
        lines.append("Content-Transfer-Encoding: base64")
        lines.append("")
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString()
        var i = encoded.startIndex
        while i < encoded.endIndex {
            let end = encoded.index(i, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[i..<end]))
            i = end
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func mailbox(_ a: MailAddress) -> String {
        guard let name = a.name, !name.isEmpty else { return "<\(a.address)>" }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == " " || ("0"..."9").contains($0)) }
        return (plain ? name : encodedWords(name).joined(separator: " ")) + " <\(a.address)>"
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words of at most 75 characters, split between characters (never inside one's bytes);
    /// plain ASCII stays as it is.
    public static func encodedWords(_ text: String) -> [String] {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return [clean] }
        var words: [String] = [], chunk: [UInt8] = []
        // 45 bytes of UTF-8 → 60 base64 characters; with "=?UTF-8?B?" and "?=" a word is 72.
        for ch in clean {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// A header whose parts are folded onto continuation lines so that no line passes 78 characters where it can be helped.
    static func folded(_ name: String, _ parts: [String]) -> String {
        var out = name + ":", line = out.count
        for part in parts {
            if line + 1 + part.count > 78, line > name.count + 1 {
                out += "\r\n " + part
                line = 1 + part.count
            } else {
                out += " " + part
                line += 1 + part.count
            }
        }
        return out
    }

    /// `Thu, 3 Dec 2026 18:00:00 +0800` in China time (Kefu's users' zone).
    public static func rfc5322Date(_ date: Date) -> String { MailDates.chinaTime(date) }
}

/// #16 item 2: when an outbound message is tried again, and the language of an acknowledgement.
public enum OutboundMailRules {
    /// After a temporary failure: 1 min, 5 min, 15 min, 1 h, 4 h; after the sixth failed attempt (or at once on a
    /// permanent refusal, SMTP 5xx) the message is `failed` and the ticket shows it.
    public static let retryDelaysMillis: [Int64] = [60_000, 300_000, 900_000, 3_600_000, 14_400_000]
    /// A claimed message is not taken by another node for this long (a node that dies mid-send lets it go).
    public static let claimMillis: Int64 = 300_000
    /// #16 item 8: messages claimed at once, and the connections to the smarthost they share (several messages per
    /// connection, RFC 5321 §3.3). A batch must be sent within the claim: 200 messages over 4 connections at the
    /// client's 60 s deadline each would need a stuck smarthost for all of them to overrun it, and then the claim
    /// lapses and the next pass tries again.
    public static let batch = 200
    public static let connections = 4

    /// The ranges of a batch of `count` messages, one per connection, as even as can be.
    public static func chunks(_ count: Int, connections: Int = connections) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let n = min(count, max(1, connections))
        return (0..<n).map { i in (count * i / n)..<(count * (i + 1) / n) }
    }
    /// RFC 3834 §2: at most this many acknowledgements to one address per hour (a customer who writes ten times in a
    /// minute gets the first few numbers, not ten mails).
    public static let acknowledgementsPerHour = 5

    public enum Next: Equatable, Sendable {
        case retry(atMillis: Int64)
        case failed
    }

    /// What follows a failed attempt number `attempt` (1-based).
    public static func afterFailure(attempt: Int, permanent: Bool, nowMillis: Int64) -> Next {
        if permanent || attempt > retryDelaysMillis.count { return .failed }
        return .retry(atMillis: nowMillis + retryDelaysMillis[attempt - 1])
    }

    /// The acknowledgement's language: Chinese unless the customer wrote with no Chinese character at all (SPEC is
    /// silent; decided in #16's note).
    public static func acknowledgementLocale(subject: String, text: String) -> String {
        let chinese = (subject + text).unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
        return chinese ? "zh-CN" : "en"
    }
}
