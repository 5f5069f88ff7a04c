import Foundation
import Hummingbird

public enum JSONIO {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()

    public static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data: [UInt8]
        if let writable = value as? any JSONWritable {
            var writer = JSONWriter()
            writable.writeJSON(to: &writer)
            data = writer.bytes
        } else {
            data = Array(try encoder.encode(value))
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    public static let bodyLimit = 1 * 1024 * 1024

    /// Decodes a JSON body; malformed or mistyped input is a 400 naming the field, never a 500.
    public static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: bodyLimit)
        } catch {
            throw AppError(.contentTooLarge, "body_too_large", Text("请求内容过大（上限 1 MB）", "Request body too large (limit 1 MB)"))
        }
        guard buffer.readableBytes > 0 else {
            throw AppError.badRequest("invalid_json", Text("请求内容为空，需要 JSON", "The request body is empty; JSON is required"))
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(NulFreeText.strip(json: buffer.readableBytesView)))
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw AppError(.unprocessableContent, "validation_failed", Text("缺少字段 {0}", "Missing field {0}").with(path), details: ["field": path])
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw AppError(.unprocessableContent, "validation_failed", Text("字段 {0} 的类型不正确", "Field {0} has the wrong type").with(path), details: ["field": path])
        } catch let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            if path.isEmpty {
                throw AppError.badRequest("invalid_json", Text("请求内容不是有效的 JSON", "The request body is not valid JSON"))
            }
            throw AppError(.unprocessableContent, "validation_failed", Text("字段 {0} 的值无效", "Field {0} has an invalid value").with(path), details: ["field": path])
        } catch {
            throw AppError.badRequest("invalid_json", Text("请求内容不是有效的 JSON", "The request body is not valid JSON"))
        }
    }
}

/// The error body of API.md.
public struct ErrorBody: Encodable {
    public struct Inner: Encodable {
        public let code: String
        public let message: String
        public let field: String?
    }
    public let error: Inner

    public init(_ error: AppError, locale: AppLocale) {
        self.error = Inner(code: error.code, message: error.message(locale), field: error.details["field"])
    }
}

/// List envelope of API.md: `{"items","page","per","total"}`.
public struct ListPage<Item: Encodable & Sendable>: Encodable, Sendable {
    public let items: [Item]
    public let page: Int
    public let per: Int
    public let total: Int
    /// False when `total` is a lower bound: a search with more matches than it counts exactly.
    public let totalExact: Bool

    public init(items: [Item], page: Int, per: Int, total: Int, totalExact: Bool = true) {
        self.items = items
        self.page = page
        self.per = per
        self.total = total
        self.totalExact = totalExact
    }
}
