import Foundation

/// What may be stored as an attachment (#12.1, MAT-05 photos): photographs (JPEG, PNG, WebP) and PDF documents,
/// recognised by their first bytes — a file named `.jpg` that is not a JPEG is refused — and at most `maxBytes`.
public enum AttachmentType: String, CaseIterable, Codable, Sendable {
    case jpeg, png, webp, pdf

    public var contentType: String {
        switch self {
        case .jpeg: return "image/jpeg"
        case .png: return "image/png"
        case .webp: return "image/webp"
        case .pdf: return "application/pdf"
        }
    }

    public var isImage: Bool { self != .pdf }

    /// The type the bytes are, by their magic numbers; nil for anything else.
    public static func sniff(_ bytes: [UInt8]) -> AttachmentType? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        return nil
    }
}

public enum AttachmentRules {
    /// 10 MiB: a phone photo of a part or a scanned packing list fits; a video does not.
    public static let maxBytes = 10 * 1024 * 1024

    public enum Violation: Error, Equatable, Sendable {
        case empty
        case tooLarge(limit: Int)
        case typeNotAllowed
    }

    /// Checks the bytes; returns their type when they may be stored.
    public static func check(_ bytes: [UInt8]) -> Result<AttachmentType, Violation> {
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.count > maxBytes { return .failure(.tooLarge(limit: maxBytes)) }
        guard let type = AttachmentType.sniff(bytes) else { return .failure(.typeNotAllowed) }
        return .success(type)
    }

    /// A file name safe to show and to send back in Content-Disposition: no path, no control characters, at most
    /// 120 characters; "attachment" when nothing is left.
    public static func displayName(_ raw: String?) -> String {
        let last = (raw ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0.value != 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? "attachment" : String(clean.prefix(120))
    }
}
