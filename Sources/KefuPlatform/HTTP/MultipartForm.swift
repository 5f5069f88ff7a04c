import Foundation
import Hummingbird
import KefuDomain

/// A `multipart/form-data` body (RFC 7578): a page form that uploads a file (#12.1 attachments). Text fields are
/// UTF-8; a file part keeps its bytes and the file name the browser sent.
public struct MultipartForm: Sendable {
    public struct Part: Sendable {
        public let name: String
        public let fileName: String?
        public let bytes: [UInt8]
        public var text: String { NulFreeText.strip(String(decoding: bytes, as: UTF8.self)) }
    }

    public let parts: [Part]

    public subscript(_ name: String) -> String? { parts.first { $0.name == name && $0.fileName == nil }?.text }
    public func file(_ name: String) -> Part? { parts.first { $0.name == name && $0.fileName != nil } }

    /// Three attachments at their limit (#12.5: MAT-05's request carries its three photos in one form) and room for the
    /// other fields; each file is still held to `AttachmentRules.maxBytes`.
    public static let bodyLimit = 3 * AttachmentRules.maxBytes + 1024 * 1024

    public static func isMultipart(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true
    }

    static func boundary(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for piece in contentType.split(separator: ";") {
            let kv = piece.trimmingCharacters(in: .whitespaces)
            if kv.lowercased().hasPrefix("boundary=") {
                let value = String(kv.dropFirst("boundary=".count))
                return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
            }
        }
        return nil
    }

    public static func read(_ request: inout Request) async throws -> MultipartForm {
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: bodyLimit)
        } catch {
            throw AppError(.contentTooLarge, "body_too_large", Text("上传的内容过大（每个文件上限 10 MB，一次最多 31 MB）", "The upload is too large (10 MB a file, 31 MB at once)"))
        }
        guard let boundary = boundary(request.headers[.contentType]) else {
            throw AppError.badRequest("invalid_multipart", Text("上传的表单格式不正确", "The upload form is malformed"))
        }
        return try parse(Array(buffer.readableBytesView), boundary: boundary)
    }

    public static func parse(_ body: [UInt8], boundary: String) throws -> MultipartForm {
        let delimiter = Array(("--" + boundary).utf8)
        let malformed = AppError.badRequest("invalid_multipart", Text("上传的表单格式不正确", "The upload form is malformed"))
        var positions: [Int] = []
        var i = 0
        while let p = find(delimiter, in: body, from: i) {
            positions.append(p)
            i = p + delimiter.count
        }
        guard positions.count >= 2 else { throw malformed }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var s = start + delimiter.count
            if body.count >= s + 2, body[s] == 0x0D, body[s + 1] == 0x0A { s += 2 }
            var e = end
            if e >= 2, body[e - 2] == 0x0D, body[e - 1] == 0x0A { e -= 2 }
            guard e > s, let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: s), headerEnd <= e else { throw malformed }
            let headers = String(decoding: body[s..<headerEnd], as: UTF8.self)
            var name: String?, fileName: String?
            for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = parameter("name", in: line)
                fileName = parameter("filename", in: line)
            }
            guard let name else { throw malformed }
            parts.append(Part(name: name, fileName: fileName, bytes: Array(body[(headerEnd + 4)..<e])))
        }
        return MultipartForm(parts: parts)
    }

    static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let kv = piece.trimmingCharacters(in: .whitespaces)
            guard kv.lowercased().hasPrefix(key + "=") else { continue }
            var value = String(kv.dropFirst(key.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
