import Foundation

/// #16.1 (CH-01): what the MIME parser makes of one raw RFC 5322 message. Pure data: no I/O.

/// A mailbox: display name (encoded words decoded) and addr-spec (lower-cased, as it is compared).
public struct MailAddress: Equatable, Sendable, Codable {
    public let name: String?
    public let address: String

    public init(name: String?, address: String) {
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
        self.address = address.lowercased()
    }

    /// The part before `@`.
    public var localPart: String { address.split(separator: "@", maxSplits: 1).first.map(String.init) ?? address }
}

/// An attachment or an inline image (or, for HTML-only mail, the HTML itself).
public struct MailAttachment: Equatable, Sendable {
    public let fileName: String
    public let contentType: String
    public let bytes: [UInt8]
    public let sha256: String
    public let contentId: String?
    public let isInline: Bool

    public var size: Int { bytes.count }
}

/// Why a message is machine-made: it never creates a ticket and never gets an auto-reply (#16.1 loop protection).
public enum MailAutomation: Equatable, Sendable {
    case autoReply(String)
    case bounce(String)

    public var reason: String {
        switch self {
        case .autoReply(let r), .bounce(let r): return r
        }
    }
}

/// A message the parser refuses: kept whole in the quarantine with `code` as its reason (or, for `tooLarge`, refused).
public struct MailParseError: Error, Equatable, Sendable {
    public let code: String
    public let detail: String

    public init(_ code: String, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public static func tooLarge(_ size: Int, limit: Int) -> MailParseError {
        MailParseError("too_large", "message of \(size) bytes is over the limit of \(limit) bytes")
    }
}

public struct MailLimits: Sendable, Equatable {
    /// Bytes of the raw message (25 MB by default, `KEFU_MAIL_MAX_BYTES`).
    public var maxMessageBytes: Int
    /// Nesting of multiparts.
    public var maxDepth: Int

    public init(maxMessageBytes: Int = 25 * 1024 * 1024, maxDepth: Int = 16) {
        self.maxMessageBytes = maxMessageBytes
        self.maxDepth = maxDepth
    }
}

public struct ParsedMail: Sendable {
    public var headers: MailHeaders
    public var messageId: String?
    public var inReplyTo: [String] = []
    public var references: [String] = []
    public var from: MailAddress?
    public var to: [MailAddress] = []
    public var cc: [MailAddress] = []
    public var subject: String = ""
    public var date: Date?
    /// The body as text: the text/plain part(s), or the safe text of an HTML-only message.
    public var text: String = ""
    public var htmlOnly = false
    public var attachments: [MailAttachment] = []
    public var automation: MailAutomation?
    /// What the parser had to guess (unknown charset, bytes that were not the charset, bad base64).
    public var warnings: [String] = []

    /// Message-IDs this message answers, In-Reply-To first (threading, #16.1).
    public var threadIds: [String] {
        var seen = Set<String>(), out: [String] = []
        for id in inReplyTo + references.reversed() where seen.insert(id).inserted { out.append(id) }
        return out
    }
}

/// Header fields in order, names compared case-insensitively, values unfolded.
public struct MailHeaders: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String
    }
    public let fields: [Field]

    public init(fields: [Field]) { self.fields = fields }

    public func value(_ name: String) -> String? {
        let lower = name.lowercased()
        return fields.first { $0.name.lowercased() == lower }?.value
    }

    public func values(_ name: String) -> [String] {
        let lower = name.lowercased()
        return fields.filter { $0.name.lowercased() == lower }.map(\.value)
    }
}

/// What the pure parser needs from the platform: charsets Foundation lacks (GB18030, Big5 through iconv) and SHA-256.
public protocol MailCodecs: Sendable {
    /// Text of `bytes` in `charset` (an iconv name such as `GB18030`, `BIG5`); `nil` when the charset is unknown.
    /// `lossy` when some bytes were not of the charset and were replaced by U+FFFD.
    func decode(_ bytes: [UInt8], charset: String) -> (text: String, lossy: Bool)?
    func sha256Hex(_ bytes: [UInt8]) -> String
}
